import { expect } from 'vitest';
import { apiErrorSchema } from '../../shared/api.ts';
import type { TestServer } from './server.ts';

export type ApiInit = RequestInit & { token?: string | null };

/**
 * Calls to a test server's HTTP API with an editor's token unless told otherwise (`token: null`
 * for none). `server` is read on every call, so a test may restart it.
 */
export function apiCalls(server: () => TestServer) {
  const api = (path: string, init: ApiInit = {}) => {
    const t = server();
    const { token = t.editorToken, headers, ...rest } = init;
    return fetch(`${t.url}${path}`, {
      ...rest,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(headers as Record<string, string>) },
    });
  };
  const postJson = (path: string, body: unknown, token: string | null = server().editorToken) =>
    api(path, {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { api, postJson };
}

/** Expects the API's error shape with this status and code; returns the message. */
export async function expectApiError(response: Response, status: number, code: string): Promise<string> {
  expect(response.status).toBe(status);
  const body = apiErrorSchema.parse(await response.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error.message;
}

/** Creates a persona the only way there is (S1: POST /api/personas) and returns its id. */
export async function createPersona(t: TestServer, body: Record<string, unknown> = {}, token = t.editorToken): Promise<string> {
  const response = await fetch(`${t.url}/api/personas`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`creating a persona answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}
