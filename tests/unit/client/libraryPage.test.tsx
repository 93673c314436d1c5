import { act, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { LibraryEntry, LibraryListResponse, PersonaSummary } from '../../../shared/api.ts';
import { ApiProvider } from '../../../client/src/api/context.tsx';
import type { ApiClient } from '../../../client/src/api/http.ts';
import { ApiRequestError } from '../../../client/src/api/http.ts';
import { App } from '../../../client/src/App.tsx';
import { LibraryPage } from '../../../client/src/features/library/LibraryPage.tsx';
import { SessionProvider } from '../../../client/src/session/context.tsx';
import { fakeApiClient } from './fakeApi.ts';
import { makeSession } from './session.tsx';

/** A token whose payload claims the role (the client reads it unverified, only to choose what to show). */

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600_000).toISOString();

const entry = (overrides: Partial<LibraryEntry> & Pick<LibraryEntry, 'id' | 'name'>): LibraryEntry => ({
  role: '',
  segment: '',
  avatar: '',
  version: 1,
  publishedAt: daysAgo(1),
  note: '',
  publishedBy: null,
  ...overrides,
});

const MARIA = entry({
  id: 'maria',
  name: 'María la CFO',
  role: 'CFO',
  segment: 'Retail',
  avatar: '👩‍💼',
  version: 2,
  publishedAt: daysAgo(3),
  note: 'Objections from Q3 calls\nand more details',
  publishedBy: { id: 'm-ana', name: 'Ana', team: 'marketing', verified: true },
});
const OSCAR = entry({ id: 'oscar', name: 'Oscar Ops', role: 'Head of operations', segment: 'Logistics', version: 1 });
const BEN = entry({ id: 'ben', name: 'Ben the buyer', segment: 'Retail' });

const list = (...personas: LibraryEntry[]): LibraryListResponse => ({ personas, segments: ['Logistics', 'Retail'] });

function Location() {
  const location = useLocation();
  return <div data-testid="location">{`${location.pathname}${location.search}`}</div>;
}

function renderLibrary(api: ApiClient, { role = 'viewer', path = '/library' }: { role?: 'editor' | 'viewer'; path?: string } = {}) {
  const session = makeSession({ role });
  render(
    <SessionProvider store={session}>
      <ApiProvider api={api}>
        <MemoryRouter initialEntries={[path]}>
          <LibraryPage />
          <Location />
        </MemoryRouter>
      </ApiProvider>
    </SessionProvider>,
  );
  return { session, user: userEvent.setup() };
}

const location = () => screen.getByTestId('location').textContent;
const cardIds = () => [...screen.getByTestId('library-results').querySelectorAll('[data-library-id]')].map((a) => a.getAttribute('data-library-id'));
const searchBox = () => screen.getByRole('searchbox', { name: 'Search the library' });

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}
function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('LibraryPage', () => {
  it('shows a loading state, then every published persona as a card with its version and who published it', async () => {
    const answer = deferred<LibraryListResponse>();
    const listLibrary = vi.fn<ApiClient['listLibrary']>(() => answer.promise);
    renderLibrary(fakeApiClient({ listLibrary }));
    expect(screen.getByTestId('library')).toBeTruthy();
    expect(within(screen.getByTestId('library-loading')).getByText('Loading the library…')).toBeTruthy();

    act(() => answer.resolve(list(MARIA, OSCAR)));
    await screen.findByTestId('library-results');
    expect(screen.queryByTestId('library-loading')).toBeNull();
    expect(cardIds()).toEqual(['maria', 'oscar']);
    expect(screen.getByTestId('library-count').textContent).toBe('2 personas');
    expect(screen.getByRole('heading', { level: 1, name: 'Library' })).toBeTruthy();

    const maria = screen.getByRole('link', { name: /María la CFO/ });
    expect(maria.getAttribute('href')).toBe('/library/maria');
    expect(maria.getAttribute('data-library-id')).toBe('maria');
    expect(maria.querySelector('.library-card__meta')?.textContent).toBe('CFO · Retail');
    expect(within(maria).getByText('Version 2')).toBeTruthy();
    expect(maria.querySelector('time')?.textContent).toBe('Published 3 days ago by Ana');
    expect(within(maria).getByText('Objections from Q3 calls')).toBeTruthy();
    expect(within(maria).queryByText(/and more details/)).toBeNull();
    expect(within(maria).getByText('👩‍💼')).toBeTruthy();

    const oscar = screen.getByRole('link', { name: /Oscar Ops/ });
    expect(oscar.querySelector('time')?.textContent).toBe('Published yesterday');
    expect(listLibrary).toHaveBeenCalledTimes(1);
    expect(listLibrary.mock.calls[0]?.[0]).toEqual({});
  });

  it('searches as you type, once typing pauses, and keeps the query in the address', async () => {
    const listLibrary = vi.fn<ApiClient['listLibrary']>((filter) => Promise.resolve(filter?.q === 'maría' ? list(MARIA) : list(MARIA, OSCAR)));
    const { user } = renderLibrary(fakeApiClient({ listLibrary }));
    await screen.findByTestId('library-results');

    await user.type(searchBox(), 'maría');
    await vi.waitFor(() => expect(cardIds()).toEqual(['maria']));
    expect(location()).toBe(`/library?q=${encodeURIComponent('maría')}`);
    // One search for the whole word: the keystrokes before it were debounced away.
    expect(listLibrary.mock.calls.map((call) => call[0])).toEqual([{}, { q: 'maría' }]);
    expect(listLibrary.mock.calls[1]?.[1]).toBeInstanceOf(AbortSignal);
    expect(screen.getByTestId('library-count').textContent).toBe('1 persona');
  });

  it('starts from the query and segment in the address, so a search survives a reload and can be shared', async () => {
    const listLibrary = vi.fn<ApiClient['listLibrary']>(() => Promise.resolve(list(BEN)));
    renderLibrary(fakeApiClient({ listLibrary }), { path: '/library?q=buyer&segment=Retail' });
    await screen.findByTestId('library-results');
    expect(listLibrary.mock.calls.map((call) => call[0])).toEqual([{ q: 'buyer', segment: 'Retail' }]);
    expect((searchBox() as HTMLInputElement).value).toBe('buyer');
    expect((screen.getByRole('combobox', { name: 'Segment' }) as HTMLSelectElement).value).toBe('Retail');
  });

  it('never lets the answer to an older query replace the answer to a newer one', async () => {
    const pending = new Map<string, Deferred<LibraryListResponse>>();
    const listLibrary = vi.fn<ApiClient['listLibrary']>((filter) => {
      const q = filter?.q ?? '';
      if (!q) return Promise.resolve(list(MARIA, OSCAR, BEN));
      const answer = deferred<LibraryListResponse>();
      pending.set(q, answer);
      return answer.promise;
    });
    const { user } = renderLibrary(fakeApiClient({ listLibrary }));
    await screen.findByTestId('library-results');

    await user.type(searchBox(), 'oscar');
    await vi.waitFor(() => expect(pending.has('oscar')).toBe(true));
    const oscarSignal = listLibrary.mock.calls.find((call) => call[0]?.q === 'oscar')?.[1];
    await user.clear(searchBox());
    await user.type(searchBox(), 'ben');
    await vi.waitFor(() => expect(pending.has('ben')).toBe(true));
    expect(oscarSignal?.aborted).toBe(true);

    // The newer query answers first; the older one answers late.
    await act(async () => pending.get('ben')?.resolve(list(BEN)));
    await vi.waitFor(() => expect(cardIds()).toEqual(['ben']));
    await act(async () => pending.get('oscar')?.resolve(list(OSCAR)));
    expect(cardIds()).toEqual(['ben']);
    expect(location()).toBe('/library?q=ben');
  });

  it('filters by segment from the list the library sends, and keeps it in the address', async () => {
    const listLibrary = vi.fn<ApiClient['listLibrary']>((filter) =>
      Promise.resolve(filter?.segment === 'Retail' ? list(MARIA, BEN) : list(MARIA, OSCAR, BEN)),
    );
    const { user } = renderLibrary(fakeApiClient({ listLibrary }));
    await screen.findByTestId('library-results');
    const select = screen.getByRole('combobox', { name: 'Segment' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['All segments', 'Logistics', 'Retail']);

    await user.selectOptions(select, 'Retail');
    await vi.waitFor(() => expect(cardIds()).toEqual(['maria', 'ben']));
    expect(listLibrary).toHaveBeenLastCalledWith({ segment: 'Retail' }, expect.any(AbortSignal));
    expect(location()).toBe('/library?segment=Retail');

    await user.selectOptions(select, 'All segments');
    await vi.waitFor(() => expect(cardIds()).toEqual(['maria', 'oscar', 'ben']));
    expect(location()).toBe('/library');
  });

  it('clears the search with Escape', async () => {
    const listLibrary = vi.fn<ApiClient['listLibrary']>((filter) => Promise.resolve(filter?.q ? list(MARIA) : list(MARIA, OSCAR)));
    const { user } = renderLibrary(fakeApiClient({ listLibrary }), { path: '/library?q=maria' });
    await screen.findByTestId('library-results');
    expect(cardIds()).toEqual(['maria']);

    await user.click(searchBox());
    await user.keyboard('{Escape}');
    expect((searchBox() as HTMLInputElement).value).toBe('');
    await vi.waitFor(() => expect(cardIds()).toEqual(['maria', 'oscar']));
    expect(location()).toBe('/library');
  });

  it('says nothing matches, with a button that clears the filters', async () => {
    const listLibrary = vi.fn<ApiClient['listLibrary']>((filter) => Promise.resolve(filter?.q ? { personas: [], segments: ['Retail'] } : list(MARIA)));
    const { user } = renderLibrary(fakeApiClient({ listLibrary }), { path: '/library?q=zebra' });
    const noMatch = await screen.findByTestId('library-no-match');
    expect(within(noMatch).getByText('No persona matches “zebra”.')).toBeTruthy();
    expect(screen.getByTestId('library-count').textContent).toBe('No personas found');

    await user.click(within(noMatch).getByRole('button', { name: 'Clear filters' }));
    await screen.findByTestId('library-results');
    expect(cardIds()).toEqual(['maria']);
    expect(location()).toBe('/library');
    expect((searchBox() as HTMLInputElement).value).toBe('');
  });

  it('explains an empty library to a viewer', async () => {
    const listLibrary = vi.fn<ApiClient['listLibrary']>(() => Promise.resolve({ personas: [], segments: [] }));
    renderLibrary(fakeApiClient({ listLibrary }), { role: 'viewer' });
    const box = await screen.findByTestId('library-empty');
    expect(within(box).getByText('Nothing published yet')).toBeTruthy();
    expect(within(box).getByText(/publishes them from their workshop/)).toBeTruthy();
    expect(within(box).queryByRole('link')).toBeNull();
  });

  it('gives an editor a way from the empty library to their personas', async () => {
    const listLibrary = vi.fn<ApiClient['listLibrary']>(() => Promise.resolve({ personas: [], segments: [] }));
    renderLibrary(fakeApiClient({ listLibrary }), { role: 'editor' });
    const box = await screen.findByTestId('library-empty');
    expect(within(box).getByRole('link', { name: 'Go to your personas' }).getAttribute('href')).toBe('/');
  });

  it('shows an error that can be retried', async () => {
    const answers = [() => Promise.reject(new ApiRequestError('network', 'offline', null)), () => Promise.resolve(list(OSCAR))];
    const listLibrary = vi.fn<ApiClient['listLibrary']>(() => {
      const next = answers.shift();
      if (!next) throw new Error('called too often');
      return next();
    });
    const { user } = renderLibrary(fakeApiClient({ listLibrary }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The server could not be reached.');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByTestId('library-results');
    expect(cardIds()).toEqual(['oscar']);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the access screen when the server refuses the link (401)', async () => {
    const listLibrary = vi.fn<ApiClient['listLibrary']>(() => Promise.reject(new ApiRequestError('unauthorized', 'expired', 401)));
    renderLibrary(fakeApiClient({ listLibrary }));
    const access = await screen.findByTestId('access-screen');
    expect(access.getAttribute('data-reason')).toBe('unauthorized');
    expect(screen.queryByTestId('library')).toBeNull();
  });
});

describe('routes to the library', () => {
  const summary: PersonaSummary = {
    id: 'maria',
    name: 'María la CFO',
    role: 'CFO',
    segment: 'Retail',
    updatedAt: daysAgo(1),
    evidence: { marketing: 1, sales: 2 },
    archived: false,
    trashedAt: null,
    eraseAt: null,
    lastChangedBy: null,
    publishedVersion: 2,
    publishedAt: daysAgo(3),
  };

  function renderApp(path: string, role: 'editor' | 'viewer' | null, api: ApiClient) {
    render(
      <SessionProvider store={makeSession(role ? { role } : {})}>
        <ApiProvider api={api}>
          <MemoryRouter initialEntries={[path]}>
            <App />
            <Location />
          </MemoryRouter>
        </ApiProvider>
      </SessionProvider>,
    );
  }

  it('opens the library at / for a viewer, with only the Library link in the header, marked current', async () => {
    const listLibrary = vi.fn<ApiClient['listLibrary']>(() => Promise.resolve(list(MARIA)));
    renderApp('/', 'viewer', fakeApiClient({ listLibrary }));
    await screen.findByTestId('library-results');
    expect(location()).toBe('/library');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Personas' })).toBeNull();
    expect(within(nav).getByRole('link', { name: 'Library' }).getAttribute('aria-current')).toBe('page');
  });

  it('keeps the persona list at / for an editor, with both links', async () => {
    const listPersonas = vi.fn<ApiClient['listPersonas']>(() => Promise.resolve({ personas: [summary], nextCursor: null }));
    renderApp('/', 'editor', fakeApiClient({ listPersonas }));
    await screen.findByTestId('persona-list');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Personas' }).getAttribute('aria-current')).toBe('page');
    const library = within(nav).getByRole('link', { name: 'Library' });
    expect(library.getAttribute('aria-current')).toBeNull();
    expect(library.getAttribute('href')).toBe('/library');
  });

  it('asks for a link when the server knows no credential here', async () => {
    const getMe = vi.fn<ApiClient['getMe']>(() => Promise.reject(new ApiRequestError('unauthorized', 'no token', 401)));
    renderApp('/library', null, fakeApiClient({ getMe }));
    expect((await screen.findByTestId('access-screen')).getAttribute('data-reason')).toBe('no-token');
  });

  it('opens a published persona at /library/:id', async () => {
    const getPublished = vi.fn<ApiClient['getPublished']>(() => Promise.reject(new ApiRequestError('not_found', 'none', 404)));
    renderApp('/library/maria', 'viewer', fakeApiClient({ getPublished }));
    await screen.findByTestId('library-persona');
    expect(await screen.findByText('This persona has not been published')).toBeTruthy();
    expect(getPublished.mock.calls[0]?.[0]).toBe('maria');
  });
});
