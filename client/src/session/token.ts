import type { Role } from '../../../shared/protocol.ts';
import { ROLES } from '../../../shared/protocol.ts';

/** Where the raw access token lives between visits (SPEC §4, contract). */
export const TOKEN_STORAGE_KEY = 'tandem.token';

/**
 * Moves a `?token=` from the address bar into storage and removes it from the address, so it
 * is not bookmarked or shared by accident. Returns the token in force (new or kept), or null.
 */
export function captureToken(win: Pick<Window, 'location' | 'history' | 'localStorage'>): string | null {
  const url = new URL(win.location.href);
  const fromAddress = url.searchParams.get('token');
  if (fromAddress) {
    win.localStorage.setItem(TOKEN_STORAGE_KEY, fromAddress);
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromAddress;
  }
  return win.localStorage.getItem(TOKEN_STORAGE_KEY);
}

/**
 * The role a token claims, read without verifying it: only to choose what to show. The server
 * verifies every request and socket itself.
 */
export function claimedRole(token: string | null): Role | null {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const json: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    const role = (json as { role?: unknown } | null)?.role;
    return ROLES.find((r) => r === role) ?? null;
  } catch {
    return null;
  }
}
