import type { z } from 'zod';
import type {
  ActivityResponse,
  ApiErrorCode,
  AuthConfigResponse,
  CreateMemberRequest,
  CreateMemberResponse,
  CreatePersonaRequest,
  CreatePersonaResponse,
  CreateTokenResponse,
  LibraryListResponse,
  LifecycleResponse,
  PersonaStatusResponse,
  MeResponse,
  Member,
  MemberListResponse,
  PersonaListResponse,
  PublishedPersona,
  PublishRequest,
  PublishResponse,
  TokenInfo,
  UpdateMemberRequest,
  Checkpoint,
  CheckpointContent,
  RestoreRequest,
  RestoreResponse,
} from '../../../shared/api.ts';
import {
  activityResponseSchema,
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
  lifecycleResponseSchema,
  personaListResponseSchema,
  personaStatusSchema,
  publishedPersonaSchema,
  publishResponseSchema,
  checkpointContentSchema,
  historyResponseSchema,
  restoreResponseSchema,
} from '../../../shared/api.ts';
import { scorecardEndpoints } from './scorecard.ts';
import { webhookEndpoints } from './webhooks.ts';
import { inboxEndpoints } from './inbox.ts';

/** A failed API call: the server's code and message, or `network` / `bad_response`. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  constructor(
    readonly code: ApiErrorCode | 'network' | 'bad_response',
    message: string,
    readonly status: number | null,
    /** From Retry-After (503): when asking again is worth it. */
    readonly retryAfterSeconds: number | null = null,
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

export type PersonaListView = 'drafts' | 'archived' | 'trash';
export type LifecycleAction = 'archive' | 'unarchive' | 'trash' | 'untrash';

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
      const retryAfter = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
      if (error.success) {
        throw new ApiRequestError(error.data.error.code, error.data.error.message, response.status, Number.isFinite(retryAfter) ? retryAfter : null);
      }
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
    ...scorecardEndpoints(request, send),
    ...webhookEndpoints(request, send),
    ...inboxEndpoints(request, send),
    /**
     * One page of a view (drafts by default; the archived ones, or the trash for admins, SPEC §7),
     * newest change first: the first without `cursor`, then the one `nextCursor` names.
     */
    listPersonas(signal?: AbortSignal, view: PersonaListView = 'drafts', cursor?: string): Promise<PersonaListResponse> {
      const params = new URLSearchParams();
      if (view === 'archived') params.set('archived', 'true');
      if (view === 'trash') params.set('trashed', 'true');
      if (cursor !== undefined) params.set('cursor', cursor);
      const query = params.size > 0 ? `?${params.toString()}` : '';
      return request(`/api/personas${query}`, personaListResponseSchema, signal ? { signal } : {});
    },
    /** Whether the persona is archived, and which template's guidance it shows. */
    getPersonaStatus(personaId: string, signal?: AbortSignal): Promise<PersonaStatusResponse> {
      return request(`/api/personas/${encodeURIComponent(personaId)}/status`, personaStatusSchema, signal ? { signal } : {});
    },
    /** Archive, unarchive, untrash (POST) or trash (DELETE) a persona; its state afterwards. */
    changeLifecycle(personaId: string, action: LifecycleAction): Promise<LifecycleResponse> {
      const id = encodeURIComponent(personaId);
      const init = action === 'trash' ? { method: 'DELETE' } : { method: 'POST' };
      return request(action === 'trash' ? `/api/personas/${id}` : `/api/personas/${id}/${action}`, lifecycleResponseSchema, init);
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
    /** What each member did to a persona, newest first (SPEC §7): the latest `limit` events (the server's default when absent). */
    getActivity(personaId: string, signal?: AbortSignal, limit?: number): Promise<ActivityResponse> {
      const query = limit === undefined ? '' : `?limit=${limit}`;
      return request(`/api/personas/${encodeURIComponent(personaId)}/activity${query}`, activityResponseSchema, signal ? { signal } : {});
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
    /** The checkpoints of a persona's draft, newest first (SPEC §7). */
    async getHistory(personaId: string, signal?: AbortSignal): Promise<Checkpoint[]> {
      return (await request(`/api/personas/${encodeURIComponent(personaId)}/history`, historyResponseSchema, signal ? { signal } : {})).checkpoints;
    },
    /** The persona as one checkpoint holds it, in the shape of a published version. */
    getCheckpoint(personaId: string, checkpointId: string, signal?: AbortSignal): Promise<CheckpointContent> {
      const path = `/api/personas/${encodeURIComponent(personaId)}/history/${encodeURIComponent(checkpointId)}`;
      return request(path, checkpointContentSchema, signal ? { signal } : {});
    },
    /** Makes the draft a checkpoint's or a version's content; answers the checkpoint that undoes it. */
    restoreDraft(personaId: string, body: RestoreRequest): Promise<RestoreResponse> {
      return request(`/api/personas/${encodeURIComponent(personaId)}/restore`, restoreResponseSchema, jsonBody('POST', body));
    },
    async revokeToken(memberId: string, tokenId: string): Promise<void> {
      await send(`/api/members/${encodeURIComponent(memberId)}/tokens/${encodeURIComponent(tokenId)}`, { method: 'DELETE' });
    },
  };
}
export type ApiClient = ReturnType<typeof createApiClient>;
