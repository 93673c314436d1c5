import type { ApiClient } from '../api/http.ts';
import { ApiRequestError } from '../api/http.ts';
import type { SessionStore } from './store.ts';

/** Where the identity provider's session ends (the server clears its cookie). */
export const LOGOUT_PATH = '/auth/logout';

/**
 * Asks the server who this browser is (`GET /api/me`, SPEC §6) and records the answer: a 401 means
 * the link expired, was revoked or its member removed; no answer keeps the last one (offline).
 */
export async function checkAccess(store: SessionStore, api: Pick<ApiClient, 'getMe'>, signal?: AbortSignal): Promise<void> {
  try {
    const me = await api.getMe(signal);
    if (!signal?.aborted) store.getState().settle({ me });
  } catch (error) {
    if (signal?.aborted) return;
    const refused = error instanceof ApiRequestError && error.status === 401;
    store.getState().settle(refused ? { refused: true } : { unreachable: true });
  }
}

/**
 * Signs this browser out: an identity-provider session is ended on the server, a link's token is
 * forgotten here. Either way the access screen follows.
 */
export async function signOut(store: SessionStore, fetchImpl: typeof fetch = globalThis.fetch): Promise<void> {
  if (store.getState().me?.via === 'session') {
    // Even if the server cannot be reached, this browser stops acting as that person.
    await fetchImpl(LOGOUT_PATH, { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
  }
  store.getState().forgetToken();
}
