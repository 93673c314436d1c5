// Issue 17 in the client: the header's bell follows the live stream, and the inbox page says what
// happened, links to the exact place, and marks read (the bell hears it at once).
import { act, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import * as Y from 'yjs';
import { readSignoffs } from '../../../shared/persona/signoff.ts';
import { SignoffKeys } from '../../../client/src/features/signoff/SignoffKeys.tsx';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_NOTIFICATION_SETTINGS, type InboxItem } from '../../../shared/feedback/api.ts';
import { ApiProvider } from '../../../client/src/api/context.tsx';
import type { ApiClient } from '../../../client/src/api/http.ts';
import { onStreamMessage, receiveStreamMessage } from '../../../client/src/features/feedback/streamMessages.ts';
import { InboxBell } from '../../../client/src/features/inbox/InboxBell.tsx';
import InboxPage from '../../../client/src/features/inbox/InboxPage.tsx';
import NotificationSettingsPage from '../../../client/src/features/inbox/NotificationSettingsPage.tsx';
import { SessionProvider } from '../../../client/src/session/context.tsx';
import { fakeApiClient } from './fakeApi.ts';
import { makeSession } from './session.tsx';

const ana = { id: 'm-ana', name: 'Ana', team: 'marketing' as const };
const at = new Date(Date.now() - 60_000).toISOString();
const item = (id: string, overrides: Partial<InboxItem> = {}): InboxItem => ({
  id,
  kind: 'mention',
  at,
  actor: ana,
  personaName: 'Olivia',
  place: { personaId: 'p1', section: 'pains', threadId: 't1' },
  detail: { excerpt: 'Is this true, @[m:m-luis]? @[m:m-gone] @[team:sales]' },
  readAt: null,
  ...overrides,
});

function renderWith(overrides: Partial<ApiClient>, ui: React.ReactNode, languages = ['en']) {
  render(
    <SessionProvider store={makeSession({ role: 'editor', languages })}>
      <ApiProvider api={fakeApiClient(overrides)}>
        <MemoryRouter>{ui}</MemoryRouter>
      </ApiProvider>
    </SessionProvider>,
  );
}

describe('the inbox bell', () => {
  it('shows the unread count and follows the stream', async () => {
    renderWith({ getInbox: vi.fn().mockResolvedValue({ items: [], unread: 2 }) }, <InboxBell />);
    const bell = screen.getByTestId('inbox-bell');
    await vi.waitFor(() => expect(bell.getAttribute('data-unread')).toBe('2'));
    expect(bell.getAttribute('aria-label')).toBe('Inbox: 2 unread');
    expect(bell.getAttribute('href')).toBe('/inbox');
    act(() => receiveStreamMessage({ type: 'inbox', item: item('x'), unread: 3 }));
    expect(bell.getAttribute('data-unread')).toBe('3');
    act(() => receiveStreamMessage({ type: 'unread', unread: 0 }));
    expect(bell.getAttribute('aria-label')).toBe('Inbox');
  });
});

describe('the inbox page', () => {
  it('says what happened with current names, links to the place, and marks read', async () => {
    const markInboxRead = vi.fn().mockResolvedValueOnce(1).mockResolvedValueOnce(0);
    const evidence = item('e', { kind: 'evidence-added', actor: { id: 'm-sam', name: 'Sam', team: 'sales' }, place: { personaId: 'p1', section: 'pains', evidenceId: 'ev1' }, detail: { excerpt: 'Price', count: 3 } });
    const published = item('v', { kind: 'published', place: { personaId: 'p1', version: 2 }, detail: { version: 2 }, readAt: at });
    renderWith(
      {
        getInbox: vi.fn().mockResolvedValue({ items: [item('m'), evidence, published], unread: 2 }),
        listMembers: vi.fn().mockResolvedValue({ members: [{ ...ana, id: 'm-luis', name: 'Luis', role: 'editor', email: null, createdAt: at, active: true }], former: [] }),
        markInboxRead,
      },
      <InboxPage />,
    );
    const list = await screen.findByTestId('inbox-list');
    const [mention, gathered, version] = within(list).getAllByTestId('inbox-item');
    expect(mention?.textContent).toContain('Ana mentioned you on Olivia');
    await vi.waitFor(() => expect(mention?.textContent).toContain('Is this true, @Luis? @a former member @Sales'));
    expect(within(mention as HTMLElement).getByRole('link').getAttribute('href')).toBe('/p/p1?section=pains&thread=t1');
    expect(gathered?.textContent).toContain('Sam added 3 evidence items to Pains & challenges of Olivia');
    expect(within(gathered as HTMLElement).getByRole('link').getAttribute('href')).toBe('/p/p1?section=pains&evidence=ev1');
    expect(within(version as HTMLElement).getByRole('link').getAttribute('href')).toBe('/library/p1?version=2');
    expect(version?.getAttribute('data-read')).toBe('true');

    const heard: unknown[] = [];
    const stop = onStreamMessage((message) => heard.push(message));
    await userEvent.click(within(mention as HTMLElement).getByTestId('inbox-mark-read'));
    expect(markInboxRead).toHaveBeenCalledWith({ ids: ['m'] });
    await vi.waitFor(() => expect(mention?.getAttribute('data-read')).toBe('true'));
    expect(heard).toEqual([{ type: 'unread', unread: 1 }]);
    await userEvent.click(screen.getByTestId('inbox-mark-all'));
    expect(markInboxRead).toHaveBeenLastCalledWith({ all: true });
    await vi.waitFor(() => expect(screen.getByTestId('inbox').getAttribute('data-unread')).toBe('0'));
    stop();
  }, 20_000);

  it('has an empty state, in Spanish too', async () => {
    renderWith({ getInbox: vi.fn().mockResolvedValue({ items: [], unread: 0 }), listMembers: vi.fn().mockResolvedValue({ members: [], former: [] }) }, <InboxPage />, ['es']);
    expect((await screen.findByTestId('inbox-empty')).textContent).toContain('Aún no hay nada');
  });
});

describe('asking the other team to sign off', () => {
  it('asks for the section of the persona open, from the workshop only', async () => {
    const requestSignoff = vi.fn().mockResolvedValue(undefined);
    const doc = new Y.Doc();
    render(
      <SessionProvider store={makeSession({ role: 'editor' })}>
        <ApiProvider api={fakeApiClient({ requestSignoff })}>
          <MemoryRouter initialEntries={['/p/p1']}>
            <Routes>
              <Route path="/p/:id" element={<SignoffKeys doc={doc} section="pains" signoff={readSignoffs(doc).pains} participant={{ name: 'Ana', side: 'marketing', color: '#2563eb' }} readOnly={false} />} />
            </Routes>
          </MemoryRouter>
        </ApiProvider>
      </SessionProvider>,
    );
    await userEvent.click(screen.getByTestId('signoff-ask'));
    expect(requestSignoff).toHaveBeenCalledWith('p1', { section: 'pains', team: 'sales' });
    expect(await screen.findByText('Asked Sales to sign off Pains & challenges.')).toBeTruthy();
    expect(screen.getByTestId('signoff-ask').hasAttribute('disabled')).toBe(true);
  }, 20_000);
});

describe('notification settings', () => {
  it('saves the kinds chosen, and offers no mail choices when the server sends no mail', async () => {
    const saveNotificationSettings = vi.fn(async (settings) => ({ settings, mailAvailable: false, email: null }));
    renderWith(
      { getNotificationSettings: vi.fn().mockResolvedValue({ settings: DEFAULT_NOTIFICATION_SETTINGS, mailAvailable: false, email: 'ana@example.com' }), saveNotificationSettings, getInbox: vi.fn().mockResolvedValue({ items: [], unread: 0 }) },
      <NotificationSettingsPage />,
    );
    await userEvent.click(await screen.findByTestId('notify-inbox-published'));
    expect(screen.getByTestId('notify-mail-unavailable').textContent).toContain('sends no email');
    expect(screen.queryByRole('radio')).toBeNull();
    await userEvent.click(screen.getByTestId('notify-save'));
    expect(saveNotificationSettings).toHaveBeenCalledWith({ ...DEFAULT_NOTIFICATION_SETTINGS, inbox: { ...DEFAULT_NOTIFICATION_SETTINGS.inbox, published: false } });
    expect(await screen.findByText('Settings saved.')).toBeTruthy();
  }, 20_000);
});
