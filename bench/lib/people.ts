// The project server's people and personas, made over HTTP as an admin and editors would (SPEC §6, S1).
import type { CreateMemberRequest, CreateMemberResponse } from '../../shared/api.ts';

/** What a started project server's bench needs to act as people: the first admin and one editor. */
export interface BenchPeople {
  readonly adminToken: string;
  readonly editorToken: string;
}

export interface BenchMember {
  readonly id: string;
  readonly token: string;
}

/** The token of a personal link (`PUBLIC_URL/?token=…`). */
export function tokenOfLink(link: string): string {
  const token = new URL(link).searchParams.get('token');
  if (token === null || token === '') throw new Error(`no token in the link ${link}`);
  return token;
}

async function call<T>(url: string, token: string, method: string, body?: unknown): Promise<T | null> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  return response.status === 204 ? null : ((await response.json()) as T);
}

/** `POST /api/members` as an admin: the new member's id and personal token. */
export async function inviteMember(httpUrl: string, adminToken: string, request: CreateMemberRequest): Promise<BenchMember> {
  const created = await call<CreateMemberResponse>(`${httpUrl}/api/members`, adminToken, 'POST', request);
  if (created === null) throw new Error('POST /api/members answered no body');
  return { id: created.member.id, token: tokenOfLink(created.link) };
}

/** `DELETE /api/members/:id` as an admin. */
export async function removeMember(httpUrl: string, adminToken: string, memberId: string): Promise<void> {
  await call<null>(`${httpUrl}/api/members/${encodeURIComponent(memberId)}`, adminToken, 'DELETE');
}

/** `POST /api/personas` (blank template) as an editor: the new persona's id. */
export async function createPersona(httpUrl: string, editorToken: string, name: string): Promise<string> {
  const created = await call<{ id: string }>(`${httpUrl}/api/personas`, editorToken, 'POST', { name });
  if (created === null) throw new Error('POST /api/personas answered no body');
  return created.id;
}
