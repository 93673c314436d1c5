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
