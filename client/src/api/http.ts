import type { z } from 'zod';
import type {
  ApiErrorCode,
  AuthConfigResponse,
  CreateMemberRequest,
  CreateMemberResponse,
  CreatePersonaRequest,
  CreatePersonaResponse,
  CreateTokenResponse,
  LibraryListResponse,
  MeResponse,
  Member,
  MemberListResponse,
  PersonaListResponse,
  PublishedPersona,
  PublishRequest,
  PublishResponse,
  TokenInfo,
  UpdateMemberRequest,
} from '../../../shared/api.ts';
import {
  apiErrorSchema,
  authConfigResponseSchema,
  createMemberResponseSchema,
  createTokenResponseSchema,
  meResponseSchema,
  memberListResponseSchema,
  memberResponseSchema,
  tokenListResponseSchema,
  createPersonaResponseSchema,
  libraryListResponseSchema,
  personaListResponseSchema,
  publishedPersonaSchema,
  publishResponseSchema,
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

const jsonBody = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** The HTTP API, typed and validated with the same schemas the server uses. */
export function createApiClient({ baseUrl = '', getToken, fetch = globalThis.fetch }: ApiClientOptions) {
  async function send(path: string, init: RequestInit): Promise<Response> {
    const token = getToken();
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, { ...init, headers });
    } catch (cause) {
      if (init.signal?.aborted) throw cause;
      throw new ApiRequestError('network', `The server could not be reached (${(cause as Error).message})`, null);
    }
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => null);
      const error = apiErrorSchema.safeParse(body);
      if (error.success) throw new ApiRequestError(error.data.error.code, error.data.error.message, response.status);
      throw new ApiRequestError('bad_response', `The server answered ${response.status}`, response.status);
    }
    return response;
  }

  async function request<T>(path: string, schema: z.ZodType<T>, init: RequestInit = {}): Promise<T> {
    const response = await send(path, init);
    const body: unknown = await response.json().catch(() => null);
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new ApiRequestError('bad_response', 'The server sent an unexpected answer', response.status);
    return parsed.data;
  }

  return {
    /** One page of the list, newest change first: the first without `cursor`, then the one `nextCursor` names. */
    listPersonas(signal?: AbortSignal, cursor?: string): Promise<PersonaListResponse> {
      const query = cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}`;
      return request(`/api/personas${query}`, personaListResponseSchema, signal ? { signal } : {});
    },
    createPersona(body: CreatePersonaRequest): Promise<CreatePersonaResponse> {
      return request('/api/personas', createPersonaResponseSchema, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    },
    publish(personaId: string, body: PublishRequest): Promise<PublishResponse> {
      return request(`/api/personas/${encodeURIComponent(personaId)}/publish`, publishResponseSchema, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    },
    /** The latest published version of every persona, filtered by full text and segment. */
    listLibrary(filter: { q?: string; segment?: string } = {}, signal?: AbortSignal): Promise<LibraryListResponse> {
      const params = new URLSearchParams();
      if (filter.q) params.set('q', filter.q);
      if (filter.segment) params.set('segment', filter.segment);
      const query = params.size > 0 ? `?${params.toString()}` : '';
      return request(`/api/library${query}`, libraryListResponseSchema, signal ? { signal } : {});
    },
    /** One published version (the latest when `version` is absent), with every version's metadata. */
    getPublished(personaId: string, version?: number, signal?: AbortSignal): Promise<PublishedPersona> {
      const query = version === undefined ? '' : `?version=${version}`;
      return request(`/api/library/${encodeURIComponent(personaId)}${query}`, publishedPersonaSchema, signal ? { signal } : {});
    },
    /** A PDF from an `…/export.pdf` path, as a Blob; the server's error when it cannot render it. */
    async fetchPdf(path: string, signal?: AbortSignal): Promise<Blob> {
      const response = await send(path, signal ? { signal } : {});
      const blob = await response.blob();
      if (blob.type !== 'application/pdf') throw new ApiRequestError('bad_response', 'The server did not send a PDF', response.status);
      return blob;
    },
    /** Who this browser is: the member (null for an operator token) and the role in force. */
    getMe(signal?: AbortSignal): Promise<MeResponse> {
      return request('/api/me', meResponseSchema, signal ? { signal } : {});
    },
    /** How people may sign in here (no token needed). */
    getAuthConfig(signal?: AbortSignal): Promise<AuthConfigResponse> {
      return request('/api/auth/config', authConfigResponseSchema, signal ? { signal } : {});
    },
    /** The member directory (editors): members, and former members whose work keeps their name. */
    listMembers(signal?: AbortSignal): Promise<MemberListResponse> {
      return request('/api/members', memberListResponseSchema, signal ? { signal } : {});
    },
    /** Admins: invites a person; the answer carries their personal link. */
    createMember(body: CreateMemberRequest): Promise<CreateMemberResponse> {
      return request('/api/members', createMemberResponseSchema, jsonBody('POST', body));
    },
    async updateMember(memberId: string, body: UpdateMemberRequest): Promise<Member> {
      return (await request(`/api/members/${encodeURIComponent(memberId)}`, memberResponseSchema, jsonBody('PATCH', body))).member;
    },
    async removeMember(memberId: string): Promise<void> {
      await send(`/api/members/${encodeURIComponent(memberId)}`, { method: 'DELETE' });
    },
    async listTokens(memberId: string, signal?: AbortSignal): Promise<TokenInfo[]> {
      const path = `/api/members/${encodeURIComponent(memberId)}/tokens`;
      return (await request(path, tokenListResponseSchema, signal ? { signal } : {})).tokens;
    },
    /** A new personal link for a member (admins, or a member for themself). */
    createToken(memberId: string, body: { days?: number } = {}): Promise<CreateTokenResponse> {
      return request(`/api/members/${encodeURIComponent(memberId)}/tokens`, createTokenResponseSchema, jsonBody('POST', body));
    },
    async revokeToken(memberId: string, tokenId: string): Promise<void> {
      await send(`/api/members/${encodeURIComponent(memberId)}/tokens/${encodeURIComponent(tokenId)}`, { method: 'DELETE' });
    },
  };
}
export type ApiClient = ReturnType<typeof createApiClient>;
