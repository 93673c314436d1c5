import type { z } from 'zod';
import type {
  ApiErrorCode,
  CreateInviteRequest,
  CreateInviteResponse,
  CreatePersonaRequest,
  CreatePersonaResponse,
  PersonaSummary,
} from '../../../shared/api.ts';
import {
  apiErrorSchema,
  createInviteResponseSchema,
  createPersonaResponseSchema,
  personaListResponseSchema,
} from '../../../shared/api.ts';

/** A failed API call: the server's code and message, or `network` / `bad_response`. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  constructor(
    readonly code: ApiErrorCode | 'network' | 'bad_response',
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

export interface ApiClientOptions {
  /** '' for the same origin. */
  baseUrl?: string;
  getToken: () => string | null;
  fetch?: typeof globalThis.fetch;
}

/** The HTTP API, typed and validated with the same schemas the server uses. */
export function createApiClient({ baseUrl = '', getToken, fetch = globalThis.fetch }: ApiClientOptions) {
  async function request<T>(path: string, schema: z.ZodType<T>, init: RequestInit = {}): Promise<T> {
    const token = getToken();
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, { ...init, headers });
    } catch (cause) {
      throw new ApiRequestError('network', `The server could not be reached (${(cause as Error).message})`, null);
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = apiErrorSchema.safeParse(body);
      if (error.success) throw new ApiRequestError(error.data.error.code, error.data.error.message, response.status);
      throw new ApiRequestError('bad_response', `The server answered ${response.status}`, response.status);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new ApiRequestError('bad_response', 'The server sent an unexpected answer', response.status);
    return parsed.data;
  }

  return {
    async listPersonas(): Promise<PersonaSummary[]> {
      return (await request('/api/personas', personaListResponseSchema)).personas;
    },
    createPersona(body: CreatePersonaRequest): Promise<CreatePersonaResponse> {
      return request('/api/personas', createPersonaResponseSchema, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    },
    createInvite(body: CreateInviteRequest): Promise<CreateInviteResponse> {
      return request('/api/invites', createInviteResponseSchema, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    },
  };
}
export type ApiClient = ReturnType<typeof createApiClient>;
