import { act, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { Member, MemberListResponse } from '../../../shared/api.ts';
import type { Directory } from '../../../shared/persona/authors.ts';
import { getAuthorsMap } from '../../../shared/persona/authors.ts';
import { addEvidence } from '../../../shared/persona/evidence.ts';
import { writeFragmentFromJSON } from '../../../shared/persona/richText.ts';
import { getSection } from '../../../shared/persona/schema.ts';
import { signOffSection } from '../../../shared/persona/signoff.ts';
import { replyToThread, startThread } from '../../../shared/persona/threads.ts';
import type { SectionKey } from '../../../shared/persona/types.ts';
import { ApiProvider } from '../../../client/src/api/context.tsx';
import type { ApiClient } from '../../../client/src/api/http.ts';
import { attributionStore, directoryOf, storedDirectory, useAttribution } from '../../../client/src/collab/useAttribution.ts';
import { EvidenceBoard } from '../../../client/src/features/evidence/EvidenceBoard.tsx';
import { useEvidence, useLinkedIds } from '../../../client/src/features/evidence/useEvidence.ts';
import { SignoffKeys } from '../../../client/src/features/signoff/SignoffKeys.tsx';
import { useSignoffs } from '../../../client/src/features/signoff/useSignoff.ts';
import { ThreadsPanel } from '../../../client/src/features/threads/ThreadsPanel.tsx';
import { useThreads } from '../../../client/src/features/threads/useThreads.ts';
import { SessionProvider } from '../../../client/src/session/context.tsx';
import type { Participant } from '../../../client/src/session/user.ts';
import { DIRECTORY, LEGACY_CLIENT, MARA, recordAuthor, recordEveryone, SAM, writeAs } from '../shared/authored.ts';
import { fakeApiClient } from './fakeApi.ts';
import { makeSession } from './session.tsx';

const member = (m: { id: string; name: string; team: Member['team'] }): Member => ({
  ...m,
  role: 'editor',
  email: null,
  createdAt: '2026-11-01T10:00:00.000Z',
  active: true,
});
const MEMBERS: MemberListResponse = { members: [member(MARA), member(SAM)], former: [] };
const mara: Participant = { name: 'Mara', side: 'marketing', color: '#2563eb' };
const FINDING = { kind: 'metric', text: 'Churn is 4%', source: 'CRM', section: 'pains' } as const;

function withApi(api: ApiClient, languages: readonly string[] = ['en']) {
  const session = makeSession({ languages });
  return function Wrapper({ children }: { children: ReactNode }) {
    return (
      <SessionProvider store={session}>
        <ApiProvider api={api}>{children}</ApiProvider>
      </SessionProvider>
    );
  };
}

/** The workshop's wiring: attribution from the doc and GET /api/members, handed to each reader. */
function Workshop({ doc, section = 'pains' }: { doc: Y.Doc; section?: SectionKey }) {
  const attribution = useAttribution(doc);
  const evidence = useEvidence(doc, attribution);
  const linked = useLinkedIds(doc);
  const signoffs = useSignoffs(doc, attribution);
  const threads = useThreads(doc, attribution);
  const [filter, setFilter] = useState<SectionKey | 'all'>('all');
  return (
    <>
      <SignoffKeys doc={doc} section={section} signoff={signoffs[section]} participant={mara} readOnly={false} />
      <EvidenceBoard doc={doc} participant={mara} readOnly={false} evidence={evidence} linked={linked} sectionFilter={filter} onSectionFilterChange={setFilter} />
      <ThreadsPanel doc={doc} participant={mara} readOnly={false} threads={threads} section="all" onSectionChange={() => undefined} />
    </>
  );
}

const listMembers = () => vi.fn<ApiClient['listMembers']>(() => Promise.resolve(MEMBERS));
const key = (side: 'marketing' | 'sales') => document.querySelector<HTMLElement>(`[data-signoff-side="${side}"]`) as HTMLElement;
const keyText = (side: 'marketing' | 'sales') => key(side).querySelector('.signoff-key__text')?.textContent;
const card = (text: string) => {
  const article = screen.getByText(text).closest('article');
  if (!article) throw new Error(`no card for ${text}`);
  return article;
};

describe('attributionStore', () => {
  it('[§6] trusts only the authors entries written under the server’s client id', async () => {
    const doc = new Y.Doc();
    recordAuthor(doc, MARA.clientId, MARA.id);
    // Another client writes a record for itself, claiming to be Sam: not the server's word.
    writeAs(doc, LEGACY_CLIENT, () => getAuthorsMap(doc).set(String(LEGACY_CLIENT), SAM.id));
    const store = attributionStore(doc, () => Promise.resolve(DIRECTORY));
    const unsubscribe = store.subscribe(() => undefined);
    await vi.waitFor(() => expect(store.get().authorOf(MARA.clientId, { name: 'x', side: 'sales' }).name).toBe('Mara'));
    expect(store.get().keyOf(LEGACY_CLIENT)).toBeUndefined();
    expect(store.get().authorOf(LEGACY_CLIENT, { name: 'Sam?', side: 'sales' })).toEqual({ id: null, name: 'Sam?', team: 'sales', verified: false });
    unsubscribe();
  });

  it('loads the directory once, and again only when a member it does not know is recorded', async () => {
    const doc = recordEveryone(new Y.Doc());
    let directory: Directory = DIRECTORY;
    const load = vi.fn(() => Promise.resolve(directory));
    const store = attributionStore(doc, load);
    const seen = vi.fn();
    const unsubscribe = store.subscribe(seen);
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1));
    recordAuthor(doc, 606, MARA.id);
    expect(store.get().keyOf(606)).toBe(MARA.id);
    // Someone invited since the directory was loaded writes: it is loaded again, once.
    directory = new Map([...DIRECTORY, ['m-nia', { name: 'Nia', team: 'sales' }]]);
    recordAuthor(doc, 707, 'm-nia');
    await vi.waitFor(() => expect(store.get().authorOf(707, { name: '', side: 'marketing' }).name).toBe('Nia'));
    recordAuthor(doc, 708, 'm-nia');
    recordAuthor(doc, 808, 'm-ghost');
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(3));
    recordAuthor(doc, 809, 'm-ghost');
    await Promise.resolve();
    expect(load).toHaveBeenCalledTimes(3);
    unsubscribe();
  });

  it('knows its authors offline from the directory last read, and loads again when back online', async () => {
    const doc = recordEveryone(new Y.Doc());
    const cache = storedDirectory(localStorage);
    cache.write(new Map([[MARA.id, { name: 'Mara', team: 'marketing' }]]));
    const load = vi.fn<() => Promise<Directory>>().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(DIRECTORY);
    const network = new EventTarget();
    const store = attributionStore(doc, load, { cache, network });
    const unsubscribe = store.subscribe(() => undefined);
    expect(store.get().authorOf(MARA.clientId, { name: 'x', side: 'sales' })).toMatchObject({ name: 'Mara', team: 'marketing' });
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1));
    network.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(store.get().authorOf(SAM.clientId, { name: 'x', side: 'marketing' }).name).toBe('Sam'));
    expect(cache.read().get(SAM.id)).toEqual({ name: 'Sam', team: 'sales' });
    unsubscribe();
  });

  it('keeps former members in the directory, so what they wrote keeps their name', () => {
    const directory = directoryOf({ members: [member(MARA)], former: [{ id: 'm-old', name: 'Olga', team: 'sales' }] });
    expect(directory.get('m-old')).toEqual({ name: 'Olga', team: 'sales' });
    expect(directory.get(MARA.id)).toEqual({ name: 'Mara', team: 'marketing' });
  });
});

describe('[§6] the workshop shows the server’s word on authors', () => {
  it("[§6] shows an evidence item under its author's name and team, not the ones it states", async () => {
    const doc = recordEveryone(new Y.Doc());
    writeAs(doc, MARA.clientId, () => addEvidence(doc, [FINDING], { author: 'Sam', side: 'sales' }));
    const api = fakeApiClient({ listMembers: listMembers() });
    render(<Workshop doc={doc} />, { wrapper: withApi(api) });
    await waitFor(() => expect(within(card('Churn is 4%')).getByText('Mara')).toBeTruthy());
    expect(card('Churn is 4%').getAttribute('data-evidence-side')).toBe('marketing');
    expect(within(card('Churn is 4%')).queryByText('Sam')).toBeNull();
  });

  it('[§6] marks an item from before members as unverified, in both languages', async () => {
    const doc = recordEveryone(new Y.Doc());
    writeAs(doc, LEGACY_CLIENT, () => addEvidence(doc, [FINDING], { author: 'Old Ana', side: 'sales' }));
    const { unmount } = render(<Workshop doc={doc} />, { wrapper: withApi(fakeApiClient({ listMembers: listMembers() })) });
    expect(within(card('Churn is 4%')).getByText('Old Ana (unverified)')).toBeTruthy();
    expect(card('Churn is 4%').getAttribute('data-evidence-side')).toBe('sales');
    unmount();
    render(<Workshop doc={doc} />, { wrapper: withApi(fakeApiClient({ listMembers: listMembers() }), ['es']) });
    expect(within(card('Churn is 4%')).getByText('Old Ana (sin verificar)')).toBeTruthy();
  });

  it('[§6] shows a forged sign-off as not signed, and a sign-off from before members as needing to be signed again', async () => {
    const doc = recordEveryone(new Y.Doc());
    writeFragmentFromJSON(getSection(doc, 'pains'), { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Legal' }] }] });
    // Mara (marketing) signs for sales, as Sam.
    writeAs(doc, MARA.clientId, () => signOffSection(doc, 'pains', { by: 'Sam', side: 'sales' }));
    writeAs(doc, LEGACY_CLIENT, () => signOffSection(doc, 'pains', { by: 'Old Ana', side: 'marketing' }));
    render(<Workshop doc={doc} />, { wrapper: withApi(fakeApiClient({ listMembers: listMembers() })) });
    expect(key('sales').getAttribute('data-state')).toBe('missing');
    expect(keyText('sales')).toBe('Sales: not signed');
    expect(key('marketing').getAttribute('data-state')).toBe('missing');
    expect(keyText('marketing')).toBe('Marketing: needs to be signed again');
    expect(screen.getByRole('button', { name: 'Sign off again' })).toBeTruthy();
  });

  it('[§6] names a genuine signer as the member, whatever name the sign-off states', async () => {
    const doc = recordEveryone(new Y.Doc());
    writeAs(doc, SAM.clientId, () => signOffSection(doc, 'pains', { by: 'CEO Jane Doe', side: 'sales' }));
    render(<Workshop doc={doc} />, { wrapper: withApi(fakeApiClient({ listMembers: listMembers() })) });
    await waitFor(() => expect(keyText('sales')).toBe('Sales: signed by Sam'));
  });

  it('shows this browser’s own new sign-off as its member’s before the server’s record of it arrives', async () => {
    const doc = recordEveryone(new Y.Doc());
    const getMe = vi.fn<ApiClient['getMe']>(() => Promise.resolve({ member: member(MARA), role: 'editor', via: 'token' }));
    render(<Workshop doc={doc} />, { wrapper: withApi(fakeApiClient({ listMembers: listMembers(), getMe })) });
    await vi.waitFor(() => expect(getMe).toHaveBeenCalled());
    await userEvent.click(screen.getByRole('button', { name: 'Sign off as Marketing' }));
    await waitFor(() => expect(keyText('marketing')).toBe('Marketing: signed by Mara'));
    act(() => recordAuthor(doc, doc.clientID, MARA.id));
    expect(keyText('marketing')).toBe('Marketing: signed by Mara');
  });

  it('[§6] shows each thread message under the member who wrote it', async () => {
    const doc = recordEveryone(new Y.Doc());
    const thread = writeAs(doc, SAM.clientId, () => startThread(doc, 'pains', { text: 'Really?', author: 'CEO', side: 'marketing' }));
    writeAs(doc, LEGACY_CLIENT, () => replyToThread(doc, thread.id, { text: 'Long ago', author: 'Old Ben', side: 'sales' }));
    render(<Workshop doc={doc} />, { wrapper: withApi(fakeApiClient({ listMembers: listMembers() })) });
    const messages = () => Array.from(document.querySelectorAll<HTMLElement>('.thread-message'));
    await waitFor(() => expect(messages()[0]?.querySelector('.thread-message__author')?.textContent).toBe('Sam'));
    expect(messages()[0]?.getAttribute('data-message-side')).toBe('sales');
    expect(messages()[1]?.querySelector('.thread-message__author')?.textContent).toBe('Old Ben (unverified)');
  });
});
