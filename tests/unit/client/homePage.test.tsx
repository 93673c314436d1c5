import { act, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { PersonaSummary } from '../../../shared/api.ts';
import { ApiProvider } from '../../../client/src/api/context.tsx';
import type { ApiClient } from '../../../client/src/api/http.ts';
import { ApiRequestError } from '../../../client/src/api/http.ts';
import { HomePage } from '../../../client/src/features/personas/HomePage.tsx';
import { SessionProvider } from '../../../client/src/session/context.tsx';
import { fakeApiClient } from './fakeApi.ts';
import { makeSession } from './session.tsx';

const persona = (overrides: Partial<PersonaSummary> & Pick<PersonaSummary, 'id' | 'name'>): PersonaSummary => ({
  role: '',
  segment: '',
  updatedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  evidence: { marketing: 0, sales: 0 },
  archived: false,
  trashedAt: null,
  eraseAt: null,
  publishedVersion: null,
  publishedAt: null,
  lastChangedBy: null,
  ...overrides,
});

const PERSONAS: PersonaSummary[] = [
  persona({ id: 'maria', name: 'María la CFO', role: 'CFO', segment: 'Retail', evidence: { marketing: 3, sales: 7 } }),
  persona({ id: 'ops', name: 'Oscar Ops', role: 'Head of operations', evidence: { marketing: 1, sales: 0 } }),
  persona({ id: 'blank', name: '' }),
];

/** A fake API whose list answers come from the test, one call at a time. */
function fakeApi(...answers: (() => Promise<PersonaSummary[]>)[]) {
  const listPersonas = vi.fn<ApiClient['listPersonas']>(() => {
    const next = answers.shift();
    if (!next) throw new Error('listPersonas called more often than the test expected');
    return next().then((personas) => ({ personas, nextCursor: null }));
  });
  const api = fakeApiClient({
    listPersonas,
    createPersona: vi.fn<ApiClient['createPersona']>(() => Promise.resolve({ id: 'new' })),
  });
  return { api, listPersonas };
}

function renderHome(api: ApiClient, role: 'editor' | 'admin' = 'editor') {
  const session = makeSession({ role });
  render(
    <SessionProvider store={session}>
      <ApiProvider api={api}>
        <MemoryRouter>
          <HomePage />
        </MemoryRouter>
      </ApiProvider>
    </SessionProvider>,
  );
  return { session, user: userEvent.setup() };
}

const cards = () =>
  [...screen.getByTestId('persona-list').querySelectorAll('a.persona-card')].map((a) => a.querySelector('.persona-card__name')?.textContent);

describe('HomePage', () => {
  it('shows loading, then every persona with role · segment and evidence counts', async () => {
    let answer: (personas: PersonaSummary[]) => void = () => {};
    const { api } = fakeApi(() => new Promise((resolve) => (answer = resolve)));
    renderHome(api);
    expect(screen.getByRole('status').textContent).toContain('Loading personas…');
    expect(screen.queryByTestId('persona-list')).toBeNull();

    act(() => answer(PERSONAS));
    const list = await screen.findByTestId('persona-list');
    expect(screen.queryByText('Loading personas…')).toBeNull();
    expect(cards()).toEqual(['María la CFO', 'Oscar Ops', 'Untitled persona']);

    const maria = within(list).getByRole('link', { name: /María la CFO/ });
    expect(maria.getAttribute('href')).toBe('/p/maria');
    expect(maria.querySelector('.persona-card__meta')?.textContent).toBe('CFO · Retail');
    expect(within(maria).getByText('3 marketing data points')).toBeTruthy();
    expect(within(maria).getByText('7 sales anecdotes')).toBeTruthy();
    expect(maria.querySelector('time')?.textContent).toBe('Changed 5 minutes ago');

    const ops = within(list).getByRole('link', { name: /Oscar Ops/ });
    expect(ops.querySelector('.persona-card__meta')?.textContent).toBe('Head of operations');
    const blank = within(list).getByRole('link', { name: /Untitled persona/ });
    expect(blank.querySelector('.persona-card__meta')?.textContent).toBe('No role or segment yet');
  });

  it('[§7] says who changed each persona last, in the language of the interface', async () => {
    const sam = { id: 'm-sam', name: 'Sam Sales', team: 'sales' as const };
    const { api } = fakeApi(() => Promise.resolve([persona({ id: 'ops', name: 'Oscar Ops', lastChangedBy: sam }), persona({ id: 'old', name: 'Old' })]));
    renderHome(api);
    const list = await screen.findByTestId('persona-list');
    const [ops, old] = within(list).getAllByRole('listitem');
    expect(ops?.querySelector('time')?.textContent).toBe('Changed by Sam Sales · 5 minutes ago');
    expect(old?.querySelector('time')?.textContent).toBe('Changed 5 minutes ago');
  });

  it('shows whether each persona is published: its latest version and when, linked to the library, or draft only', async () => {
    const published = [
      persona({ id: 'maria', name: 'María la CFO', publishedVersion: 2, publishedAt: new Date(Date.now() - 3 * 24 * 3600_000).toISOString() }),
      persona({ id: 'ops', name: 'Oscar Ops' }),
    ];
    const { api } = fakeApi(() => Promise.resolve(published));
    renderHome(api);
    const list = await screen.findByTestId('persona-list');
    const [maria, ops] = within(list).getAllByRole('listitem');
    if (!maria || !ops) throw new Error('expected two personas');

    const libraryLink = within(maria).getByRole('link', { name: /v2 published · 3 days ago/ });
    expect(libraryLink.getAttribute('href')).toBe('/library/maria');
    expect(libraryLink.querySelector('time')?.getAttribute('dateTime')).toBe(published[0]?.publishedAt);
    // The workshop link and the library link are two links, not one inside the other.
    expect(within(maria).getByRole('link', { name: /María la CFO/ }).getAttribute('href')).toBe('/p/maria');
    expect(libraryLink.closest('a.persona-card')).toBeNull();

    expect(within(ops).getByText('Draft only')).toBeTruthy();
    expect(within(ops).getAllByRole('link')).toHaveLength(1);
  });

  it('[§7] shows the trash\'s personas as cards that open nothing (their workshop would say they do not exist), each with Restore', async () => {
    const trashedAt = new Date(Date.now() - 24 * 3600_000).toISOString();
    const eraseAt = new Date(Date.now() + 29 * 24 * 3600_000).toISOString();
    const binned = persona({ id: 'binned', name: 'Binned', trashedAt, eraseAt, publishedVersion: 1, publishedAt: trashedAt });
    const { api, listPersonas } = fakeApi(() => Promise.resolve(PERSONAS), () => Promise.resolve([binned]), () => Promise.resolve([]));
    const changeLifecycle = vi.fn<ApiClient['changeLifecycle']>(() => Promise.resolve({ id: 'binned', archived: false, trashedAt: null, eraseAt: null }));
    const { user } = renderHome({ ...api, changeLifecycle }, 'admin');
    await screen.findByTestId('persona-list');
    await user.click(screen.getByRole('radio', { name: 'Trash' }));
    const list = await screen.findByText('Binned').then((name) => name.closest('[data-testid="persona-list"]'));
    if (!(list instanceof HTMLElement)) throw new Error('no list');
    expect(list.getAttribute('data-view')).toBe('trash');
    expect(listPersonas).toHaveBeenLastCalledWith(expect.anything(), 'trash');
    const [entry] = within(list).getAllByRole('listitem');
    if (!entry) throw new Error('expected the trashed persona');
    // Neither the workshop nor the library: a trashed persona is in neither.
    expect(within(entry).queryAllByRole('link')).toEqual([]);
    expect(within(entry).getByTestId('trashed-card').textContent).toContain('Binned');
    await user.click(within(entry).getByRole('button', { name: 'Restore' }));
    expect(changeLifecycle).toHaveBeenCalledWith('binned', 'untrash');
  });

  it('filters by name, ignoring accents and case', async () => {
    const { api } = fakeApi(() => Promise.resolve(PERSONAS));
    const { user } = renderHome(api);
    await screen.findByTestId('persona-list');
    const search = screen.getByRole('searchbox', { name: 'Search personas by name' });

    await user.type(search, 'maria');
    expect(cards()).toEqual(['María la CFO']);
    await user.clear(search);
    await user.type(search, '  OSCAR ');
    expect(cards()).toEqual(['Oscar Ops']);

    await user.clear(search);
    await user.type(search, 'nobody');
    expect(screen.queryByTestId('persona-list')).toBeNull();
    expect(screen.getByText('No persona’s name matches “nobody”.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear the search' }));
    expect(cards()).toHaveLength(3);
  });

  it('says there are no personas yet when the list is empty', async () => {
    const { api } = fakeApi(() => Promise.resolve([]));
    renderHome(api);
    const empty = await screen.findByTestId('persona-list-empty');
    expect(within(empty).getByText('No personas yet')).toBeTruthy();
  });

  it('shows an error that can be retried', async () => {
    const { api, listPersonas } = fakeApi(
      () => Promise.reject(new ApiRequestError('network', 'offline', null)),
      () => Promise.resolve(PERSONAS.slice(0, 1)),
    );
    const { user } = renderHome(api);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The server could not be reached.');
    expect(screen.queryByTestId('access-screen')).toBeNull();

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByTestId('persona-list');
    expect(cards()).toEqual(['María la CFO']);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(listPersonas).toHaveBeenCalledTimes(2);
  });

  it('shows the access screen when the server says the link is not valid (401)', async () => {
    const { api } = fakeApi(() => Promise.reject(new ApiRequestError('unauthorized', 'expired', 401)));
    const { session, user } = renderHome(api);
    const access = await screen.findByTestId('access-screen');
    expect(access.getAttribute('data-reason')).toBe('unauthorized');
    expect(screen.queryByTestId('persona-list')).toBeNull();

    await user.click(within(access).getByRole('button', { name: 'Forget this link' }));
    expect(session.getState().token).toBeNull();
  });

  it('keeps the list it has when a later refresh fails', async () => {
    const { api } = fakeApi(
      () => Promise.resolve(PERSONAS),
      () => Promise.reject(new ApiRequestError('internal', 'boom', 500)),
    );
    const { user } = renderHome(api);
    await screen.findByTestId('persona-list');
    const refresh = screen.getByRole('button', { name: 'Refresh the list' });
    await user.click(refresh);
    await vi.waitFor(() => expect((refresh as HTMLButtonElement).disabled).toBe(false));
    expect(cards()).toHaveLength(3);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
