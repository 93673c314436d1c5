import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { presenceUserOf } from '../../../shared/presence.ts';
import { CloseCodes } from '../../../shared/protocol.ts';
import { ApiProvider } from '../../../client/src/api/context.tsx';
import type { ApiClient } from '../../../client/src/api/http.ts';
import { ApiRequestError } from '../../../client/src/api/http.ts';
import { localCopyName, problemOf } from '../../../client/src/collab/personaRoom.ts';
import { checkAccess, LOGOUT_PATH, signOut } from '../../../client/src/session/access.ts';
import { SessionProvider } from '../../../client/src/session/context.tsx';
import { ME_STORAGE_KEY } from '../../../client/src/session/identity.ts';
import { createSessionStore } from '../../../client/src/session/store.ts';
import { TOKEN_STORAGE_KEY } from '../../../client/src/session/token.ts';
import { USER_STORAGE_KEY } from '../../../client/src/session/user.ts';
import { AppHeader } from '../../../client/src/ui/AppHeader.tsx';
import { fakeApiClient } from './fakeApi.ts';
import { meAs, memberOf } from './session.tsx';

const ANA = memberOf('editor', { id: 'ana', name: 'Ana Ruiz', team: 'sales' });
const storeWith = (token: string | null) => createSessionStore({ storage: localStorage, languages: ['en'], token });
const getMe = (answer: () => Promise<ReturnType<typeof meAs>>) => ({ getMe: vi.fn<ApiClient['getMe']>(answer) });

afterEach(() => {
  localStorage.clear();
});

describe('who this browser is', () => {
  it('[§4] takes a member’s name, team and colour from GET /api/me, never from tandem.user', async () => {
    localStorage.setItem(USER_STORAGE_KEY, JSON.stringify({ name: 'CEO Jane Doe', side: 'marketing', color: '#2563eb' }));
    const store = storeWith('ana-token');
    expect(store.getState().access).toBe('checking');
    await checkAccess(store, getMe(() => Promise.resolve({ member: ANA, role: 'editor', via: 'token' })));
    expect(store.getState()).toMatchObject({ access: 'ready', role: 'editor', identity: presenceUserOf(ANA) });
  });

  it('[§4] uses tandem.user only with an operator token, and asks when it is absent', async () => {
    const store = storeWith('operator-token');
    await checkAccess(store, getMe(() => Promise.resolve(meAs('editor', { operator: true }))));
    expect(store.getState().identity).toBeNull();
    store.getState().setParticipant({ name: 'Importer', side: 'sales', color: '#ea580c' });
    expect(store.getState().identity).toEqual({ name: 'Importer', side: 'sales', color: '#ea580c' });
  });

  it('takes the role from the server: an admin’s member token carries no role claim', async () => {
    const store = storeWith('header.e30.sig');
    await checkAccess(store, getMe(() => Promise.resolve(meAs('admin'))));
    expect(store.getState().role).toBe('admin');
  });

  it('[§6] says the link is no longer valid on a 401 (expired, revoked or removed)', async () => {
    const store = storeWith('revoked');
    await checkAccess(store, getMe(() => Promise.reject(new ApiRequestError('unauthorized', 'revoked', 401))));
    expect(store.getState()).toMatchObject({ access: 'unauthorized', me: null, role: null, identity: null });
  });

  it('asks for a link (or company sign-in) when there is no credential at all', async () => {
    const store = storeWith(null);
    await checkAccess(store, getMe(() => Promise.reject(new ApiRequestError('unauthorized', 'none', 401))));
    expect(store.getState().access).toBe('signed-out');
  });

  it('[§4 offline] keeps the last answer for the same token when the server cannot be reached', async () => {
    await checkAccess(storeWith('ana-token'), getMe(() => Promise.resolve({ member: ANA, role: 'editor', via: 'token' })));
    const offline = getMe(() => Promise.reject(new ApiRequestError('network', 'down', null)));

    const again = storeWith('ana-token');
    await checkAccess(again, offline);
    expect(again.getState()).toMatchObject({ access: 'ready', identity: presenceUserOf(ANA) });

    // Another person's token on this browser never inherits Ana's answer.
    const other = storeWith('ben-token');
    await checkAccess(other, offline);
    expect(other.getState()).toMatchObject({ access: 'unreachable', identity: null });
  });
});

describe('signing out', () => {
  it('forgets a link’s token and who this browser was', async () => {
    localStorage.setItem(TOKEN_STORAGE_KEY, 'ana-token');
    const store = storeWith('ana-token');
    await checkAccess(store, getMe(() => Promise.resolve({ member: ANA, role: 'editor', via: 'token' })));
    const fetch = vi.fn<typeof globalThis.fetch>();
    await signOut(store, fetch);
    expect(fetch).not.toHaveBeenCalled();
    expect(localStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
    expect(localStorage.getItem(ME_STORAGE_KEY)).toBeNull();
    expect(store.getState()).toMatchObject({ token: null, access: 'signed-out', me: null });
  });

  it('ends an identity provider’s session on the server (POST /auth/logout)', async () => {
    const store = storeWith(null);
    await checkAccess(store, getMe(() => Promise.resolve({ member: ANA, role: 'editor', via: 'session' })));
    const fetch = vi.fn<typeof globalThis.fetch>(() => Promise.resolve(new Response(null, { status: 204 })));
    await signOut(store, fetch);
    expect(fetch).toHaveBeenCalledWith(LOGOUT_PATH, expect.objectContaining({ method: 'POST' }));
    expect(store.getState().access).toBe('signed-out');
  });

  it('offers sign-out from the header, which names the member and their team', async () => {
    localStorage.setItem(TOKEN_STORAGE_KEY, 'ana-token');
    const store = createSessionStore({ storage: localStorage, languages: ['en'], token: 'ana-token', me: { member: ANA, role: 'editor', via: 'token' } });
    const api: ApiClient = fakeApiClient({});
    render(
      <SessionProvider store={store}>
        <ApiProvider api={api}>
          <MemoryRouter>
            <AppHeader />
          </MemoryRouter>
        </ApiProvider>
      </SessionProvider>,
    );
    const user = userEvent.setup();
    const account = screen.getByTestId('account');
    expect(account.textContent).toContain('Ana Ruiz');
    expect(account.textContent).toContain('Sales');
    expect(screen.queryByTestId('nav-members')).toBeNull();
    await user.click(account);
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    expect(store.getState().access).toBe('signed-out');
    expect(localStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
  });

  it('links the Members page from the header for admins only', () => {
    const store = createSessionStore({ storage: localStorage, languages: ['en'], token: 't', me: meAs('admin') });
    // The header asks for the admin's notices (SPEC §8).
    const api = fakeApiClient({ listNotices: vi.fn().mockResolvedValue([]) });
    render(
      <SessionProvider store={store}>
        <ApiProvider api={api}>
          <MemoryRouter>
            <AppHeader />
          </MemoryRouter>
        </ApiProvider>
      </SessionProvider>,
    );
    expect(screen.getByTestId('nav-members').getAttribute('href')).toBe('/members');
  });
});

describe('the workshop connection', () => {
  it('keeps one offline copy per member, so a shared browser never replays one person’s edits as another', () => {
    expect(localCopyName('maria', 'ana')).not.toBe(localCopyName('maria', 'ben'));
    expect(localCopyName('maria', null)).not.toBe(localCopyName('maria', 'ana'));
    expect(localCopyName('maria', 'ana')).toContain('maria');
  });

  it('[S1][S2] stops for good on 4401 and 4403, telling a downgrade from a refused write', () => {
    expect(problemOf(CloseCodes.Unauthorized)).toBe('unauthorized');
    expect(problemOf(CloseCodes.Forbidden)).toBe('forbidden');
    expect(problemOf(CloseCodes.ForeignClient)).toBe('foreign-client');
    expect(problemOf(CloseCodes.PersonaNotFound)).toBe('not-found');
    expect(problemOf({ code: 1006, reason: '' })).toBeNull();
    expect(problemOf(CloseCodes.Unavailable)).toBeNull();
  });
});
