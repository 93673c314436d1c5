import { beforeEach, describe, expect, it } from 'vitest';
import { captureToken, TOKEN_STORAGE_KEY } from '../../../client/src/session/token.ts';

beforeEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '/');
});

describe('captureToken', () => {
  it('keeps ?token= in localStorage["tandem.token"] and removes it from the address bar', () => {
    history.replaceState(null, '', '/p/acme?token=abc.def.ghi&tab=evidence#pains');
    expect(captureToken(window)).toBe('abc.def.ghi');
    expect(localStorage.getItem(TOKEN_STORAGE_KEY)).toBe('abc.def.ghi');
    expect(`${location.pathname}${location.search}${location.hash}`).toBe('/p/acme?tab=evidence#pains');
  });

  it('returns the kept token when the address has none', () => {
    localStorage.setItem(TOKEN_STORAGE_KEY, 'kept');
    expect(captureToken(window)).toBe('kept');
    expect(location.search).toBe('');
  });

  it('lets a new link replace the kept token', () => {
    localStorage.setItem(TOKEN_STORAGE_KEY, 'old');
    history.replaceState(null, '', '/?token=new');
    expect(captureToken(window)).toBe('new');
    expect(localStorage.getItem(TOKEN_STORAGE_KEY)).toBe('new');
  });

  it('returns null with no token anywhere', () => {
    expect(captureToken(window)).toBeNull();
  });
});
