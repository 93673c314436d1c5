import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { PublishRequest, PublishResponse, VersionMeta } from '../../../shared/api.ts';
import { PUBLISH_NOTE_MAX } from '../../../shared/api.ts';
import type { SectionAlignment } from '../../../shared/persona/alignment.ts';
import { SECTION_KEYS } from '../../../shared/persona/schema.ts';
import type { SectionSignoff } from '../../../shared/persona/signoff.ts';
import type { SectionKey } from '../../../shared/persona/types.ts';
import { ApiProvider } from '../../../client/src/api/context.tsx';
import type { ApiClient } from '../../../client/src/api/http.ts';
import { ApiRequestError } from '../../../client/src/api/http.ts';
import type { Signoffs } from '../../../client/src/features/signoff/useSignoff.ts';
import { PublishDialog } from '../../../client/src/features/publishing/PublishDialog.tsx';
import { SessionProvider } from '../../../client/src/session/context.tsx';
import type { Participant } from '../../../client/src/session/user.ts';
import { fakeApiClient } from './fakeApi.ts';
import { makeSession } from './session.tsx';

const ana: Participant = { name: 'Ana', side: 'marketing', color: '#2563eb' };
const AT = '2026-11-01T10:00:00.000Z';

const SIGNED: SectionSignoff = {
  marketing: { state: 'current', by: 'Ana', at: AT },
  sales: { state: 'current', by: 'Ben', at: AT },
  status: 'signed',
};
const UNSIGNED: SectionSignoff = { marketing: { state: 'missing' }, sales: { state: 'missing' }, status: 'unsigned' };

function allSections<T>(value: T, overrides: Partial<Record<SectionKey, T>> = {}): Record<SectionKey, T> {
  return Object.fromEntries(SECTION_KEYS.map((key) => [key, overrides[key] ?? value])) as Record<SectionKey, T>;
}

const BOTH: SectionAlignment = { state: 'both', marketing: 1, sales: 1 };
const align = (state: SectionAlignment['state']): SectionAlignment => ({
  state,
  marketing: state === 'both' || state === 'needsSalesValidation' ? 1 : 0,
  sales: state === 'both' || state === 'needsData' ? 1 : 0,
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function Where() {
  const location = useLocation();
  return <p data-testid="where">{`${location.pathname}${location.search}`}</p>;
}

function renderDialog(
  api: ApiClient,
  options: {
    signoffs?: Signoffs;
    alignment?: Record<SectionKey, SectionAlignment>;
    openThreads?: number;
    languages?: string[];
    latestVersion?: number | null;
    onPublished?: (version: VersionMeta) => void;
  } = {},
) {
  render(
    <SessionProvider store={makeSession({ token: 'editor-token', languages: options.languages ?? ['en'] })}>
      <ApiProvider api={api}>
        <MemoryRouter initialEntries={['/p/maria']}>
          <Routes>
            <Route
              path="/p/:id"
              element={
                <PublishDialog
                  personaId="maria"
                  participant={ana}
                  signoffs={options.signoffs ?? allSections(SIGNED)}
                  alignment={options.alignment ?? allSections(BOTH)}
                  openThreads={options.openThreads ?? 0}
                  latestVersion={options.latestVersion ?? null}
                  {...(options.onPublished ? { onPublished: options.onPublished } : {})}
                />
              }
            />
            <Route path="/library/:id" element={<Where />} />
          </Routes>
        </MemoryRouter>
      </ApiProvider>
    </SessionProvider>,
  );
  return userEvent.setup();
}

const dialog = () => within(screen.getByTestId('publish-dialog'));
const confirm = () => screen.getByTestId('publish-confirm') as HTMLButtonElement;
const note = () => dialog().getByRole('textbox', { name: /What changed in this version\?/ }) as HTMLTextAreaElement;

describe('PublishDialog', () => {
  it('lists what is worth a look: sign-offs missing or stale by side, unbacked and one-sided sections, open threads', async () => {
    const user = renderDialog(fakeApiClient({}), {
      signoffs: allSections(UNSIGNED, {
        summary: SIGNED,
        goals: { marketing: { state: 'current', by: 'Ana', at: AT }, sales: { state: 'missing' }, status: 'partial' },
        pains: { marketing: { state: 'stale', by: 'Ana', at: AT }, sales: { state: 'current', by: 'Ben', at: AT }, status: 'stale' },
        objections: { marketing: { state: 'missing' }, sales: { state: 'stale', by: 'Ben', at: AT }, status: 'stale' },
      }),
      alignment: allSections(BOTH, { goals: align('unbacked'), channels: align('unbacked'), pains: align('needsSalesValidation'), messaging: align('needsData') }),
      openThreads: 2,
    });
    await user.click(screen.getByTestId('publish-button'));
    const items = Array.from(screen.getByTestId('publish-checklist').querySelectorAll('li')).map((li) => [li.getAttribute('data-check'), li.textContent]);
    expect(items).toEqual([
      ['unsigned', 'Not signed off by either side: Buying process, Channels, and Messaging'],
      ['signoff-partial', 'Goals: Sales has not signed'],
      ['signoff-stale', 'Pains & challenges: Marketing must sign again (changed since Ana signed)'],
      ['signoff-stale', 'Objections: Marketing has not signed; Sales must sign again (changed since Ben signed)'],
      ['unbacked', 'No evidence backs: Goals and Channels'],
      ['needsSalesValidation', 'Backed by marketing data only, needs sales validation: Pains & challenges'],
      ['needsData', 'Backed by sales anecdotes only, needs data: Messaging'],
      ['threads', '2 threads are still open'],
    ]);
    expect(screen.queryByTestId('publish-all-clear')).toBeNull();
    // A warning, never a block.
    expect(confirm().disabled).toBe(false);
  });

  it('says all is clear when every section is signed by both sides and backed by both, and nothing is open', async () => {
    const user = renderDialog(fakeApiClient({}));
    await user.click(screen.getByTestId('publish-button'));
    expect(screen.getByTestId('publish-all-clear').textContent).toBe('Every section is signed off by both sides and backed by both.');
    expect(screen.queryByTestId('publish-checklist')).toBeNull();
  });

  it('one open thread is enough to show the checklist', async () => {
    const user = renderDialog(fakeApiClient({}), { openThreads: 1 });
    await user.click(screen.getByTestId('publish-button'));
    expect(screen.getByTestId('publish-checklist').textContent).toContain('1 thread is still open');
    expect(screen.queryByTestId('publish-all-clear')).toBeNull();
  });

  it('publishes with the note and who published, shows progress, then the version’s place in the library', async () => {
    const answer = deferred<PublishResponse>();
    const publish = vi.fn<ApiClient['publish']>(() => answer.promise);
    const user = renderDialog(fakeApiClient({ publish }));
    await user.click(screen.getByTestId('publish-button'));
    expect(note().maxLength).toBe(PUBLISH_NOTE_MAX);
    await user.type(note(), '  Sales validated the objections  ');
    expect(dialog().getByText(`34 / ${PUBLISH_NOTE_MAX}`)).toBeTruthy();

    await user.click(dialog().getByRole('button', { name: 'Publish version' }));
    expect(publish).toHaveBeenCalledTimes(1);
    // [§6] The server names the publisher: the dialog sends no claim of who publishes.
    expect(publish).toHaveBeenCalledWith('maria', { note: 'Sales validated the objections' } satisfies PublishRequest);
    expect(confirm().disabled).toBe(true);
    expect(confirm().getAttribute('aria-busy')).toBe('true');
    expect(confirm().textContent).toBe('Publishing…');
    expect(confirm().querySelector('.spin')).not.toBeNull();
    // Escape does not close the dialog while publishing.
    await user.keyboard('{Escape}');
    expect(screen.getByTestId('publish-dialog')).toBeTruthy();

    answer.resolve({ version: 3 });
    expect((await screen.findByTestId('publish-success')).textContent).toContain('Version 3 is in the library');
    const link = screen.getByTestId('published-link');
    expect(link.getAttribute('href')).toBe('/library/maria?version=3');
    expect(link.textContent).toBe('Open in the library');
    expect(document.activeElement?.textContent).toBe('Done');

    await user.click(dialog().getByRole('button', { name: 'Done' }));
    expect(screen.queryByTestId('publish-dialog')).toBeNull();
    // A new version starts with an empty note.
    await user.click(screen.getByTestId('publish-button'));
    expect(note().value).toBe('');
  });

  it('leads to the new version in the library', async () => {
    const user = renderDialog(fakeApiClient({ publish: vi.fn<ApiClient['publish']>(() => Promise.resolve({ version: 1 })) }));
    await user.click(screen.getByTestId('publish-button'));
    await user.click(dialog().getByRole('button', { name: 'Publish version' }));
    await user.click(await screen.findByTestId('published-link'));
    expect(screen.getByTestId('where').textContent).toBe('/library/maria?version=1');
  });

  it('on an error shows why, keeps the note, and a retry publishes it', async () => {
    const publish = vi
      .fn<ApiClient['publish']>()
      .mockRejectedValueOnce(new ApiRequestError('network', 'offline', null))
      .mockResolvedValueOnce({ version: 2 });
    const user = renderDialog(fakeApiClient({ publish }));
    await user.click(screen.getByTestId('publish-button'));
    await user.type(note(), 'First cut');
    await user.click(dialog().getByRole('button', { name: 'Publish version' }));

    const error = await screen.findByTestId('publish-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('The version could not be published: The server could not be reached. Check your connection and try again.');
    expect(error.textContent).toContain('Your note is kept');
    expect(note().value).toBe('First cut');
    expect(document.activeElement).toBe(confirm());

    await user.click(dialog().getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('publish-success')).toBeTruthy();
    expect(publish).toHaveBeenCalledTimes(2);
    expect(publish.mock.calls[1]).toEqual(['maria', { note: 'First cut' }]);
    expect(screen.getByTestId('published-link').getAttribute('href')).toBe('/library/maria?version=2');
  });

  it('keeps an unpublished note when the dialog is closed and opened again', async () => {
    const user = renderDialog(fakeApiClient({}));
    await user.click(screen.getByTestId('publish-button'));
    await user.type(note(), 'Half written');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('publish-dialog')).toBeNull();
    await user.click(screen.getByTestId('publish-button'));
    expect(note().value).toBe('Half written');
  });

  it('publishes once with Ctrl+Enter, and sends no note when there is none', async () => {
    const answer = deferred<PublishResponse>();
    const publish = vi.fn<ApiClient['publish']>(() => answer.promise);
    const user = renderDialog(fakeApiClient({ publish }));
    await user.click(screen.getByTestId('publish-button'));
    await user.type(note(), '   ');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(publish).toHaveBeenCalledTimes(1);
    expect(publish).toHaveBeenCalledWith('maria', {});
    answer.resolve({ version: 1 });
    expect(await screen.findByTestId('publish-success')).toBeTruthy();
  });

  it('says which version comes next, and tells the workshop the one it published', async () => {
    const onPublished = vi.fn<(version: VersionMeta) => void>();
    const publish = vi.fn<ApiClient['publish']>(() => Promise.resolve({ version: 3 }));
    const user = renderDialog(fakeApiClient({ publish }), { latestVersion: 2, onPublished });
    await user.click(screen.getByTestId('publish-button'));
    expect(screen.getByTestId('publish-dialog').textContent).toContain('This will be version 3.');
    await user.type(note(), 'Third');
    await user.click(confirm());
    await screen.findByTestId('publish-success');
    expect(onPublished).toHaveBeenCalledWith(expect.objectContaining({ version: 3, note: 'Third' }));
  });

  it('does not guess a number before the first version is known', async () => {
    const user = renderDialog(fakeApiClient({}));
    await user.click(screen.getByTestId('publish-button'));
    expect(screen.getByTestId('publish-dialog').textContent).not.toMatch(/will be version/);
  });

  it('speaks Spanish', async () => {
    const user = renderDialog(fakeApiClient({}), {
      signoffs: allSections(SIGNED, { goals: { marketing: { state: 'current', by: 'Ana', at: AT }, sales: { state: 'missing' }, status: 'partial' } }),
      languages: ['es'],
    });
    await user.click(screen.getByTestId('publish-button'));
    expect(screen.getByTestId('publish-checklist').textContent).toContain('Objetivos: Ventas no ha firmado');
    expect(dialog().getByRole('button', { name: 'Publicar versión' })).toBeTruthy();
  });
});
