import { act, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { getComments } from '../../../shared/persona/schema.ts';
import { readThreads, replyToThread, setThreadResolved, startThread } from '../../../shared/persona/threads.ts';
import type { CommentThread, SectionKey } from '../../../shared/persona/types.ts';
import { THREADS_ORIGIN, useThreads } from '../../../client/src/features/threads/useThreads.ts';
import { ThreadCountBadge, ThreadsPanel } from '../../../client/src/features/threads/ThreadsPanel.tsx';
import type { Participant } from '../../../client/src/session/user.ts';
import { connectedPair } from './docs.ts';
import { withSession } from './session.tsx';


const marta: Participant = { name: 'Marta', side: 'marketing', color: '#2563eb' };
const sam = { author: 'Sam', side: 'sales' } as const;

/** What the workshop page does: threads from useThreads, the section filter in its own state. */
function Harness(props: { doc: Y.Doc; readOnly?: boolean; initialSection?: SectionKey | 'all'; composeRequest?: number; staleThreads?: readonly CommentThread[] }) {
  const live = useThreads(props.doc);
  const [section, setSection] = useState<SectionKey | 'all'>(props.initialSection ?? 'all');
  return (
    <ThreadsPanel
      doc={props.doc}
      participant={marta}
      readOnly={props.readOnly ?? false}
      threads={props.staleThreads ?? live}
      section={section}
      onSectionChange={setSection}
      {...(props.composeRequest === undefined ? {} : { composeRequest: props.composeRequest })}
    />
  );
}

const renderPanel = (props: Parameters<typeof Harness>[0]) => render(<Harness {...props} />, { wrapper: withSession() });
const cards = () => Array.from(document.querySelectorAll<HTMLElement>('[data-thread-id]'));
const cardFor = (id: string) => {
  const card = document.querySelector<HTMLElement>(`[data-thread-id="${id}"]`);
  if (!card) throw new Error(`no card for thread ${id}`);
  return card;
};
const statusButton = (name: RegExp) => screen.getByRole('button', { name });
const sectionFilter = () => screen.getByLabelText<HTMLSelectElement>('Section');

describe('ThreadsPanel', () => {
  it('starts a thread: writes it to the document and lists it with the author and their side', async () => {
    const { local, remote } = connectedPair();
    renderPanel({ doc: local });
    expect(screen.getByText('No threads yet. Start one to ask the other team about a section.')).toBeTruthy();

    await userEvent.selectOptions(screen.getByLabelText('Start a thread on'), 'pains');
    await userEvent.type(screen.getByLabelText('Your message'), 'Where does the 40% churn figure come from?');
    await userEvent.click(screen.getByRole('button', { name: 'Start thread' }));

    const [thread] = readThreads(remote).threads;
    expect(thread).toMatchObject({ section: 'pains', author: 'Marta', side: 'marketing', resolved: false, replies: [] });
    expect(thread?.text).toBe('Where does the 40% churn figure come from?');

    const card = cardFor(thread?.id ?? '');
    expect(card.dataset['resolved']).toBe('false');
    expect(within(card).getByText('Pains & challenges')).toBeTruthy();
    const message = within(card).getByText('Where does the 40% churn figure come from?').closest<HTMLElement>('[data-message-side]');
    expect(message?.dataset['messageSide']).toBe('marketing');
    expect(within(message as HTMLElement).getByText('Marta')).toBeTruthy();
    expect(within(message as HTMLElement).getByText('Marketing')).toBeTruthy();
    expect(screen.getByLabelText<HTMLTextAreaElement>('Your message').value).toBe('');
    expect(statusButton(/^Open/).textContent).toBe('Open (1)');
  });

  it('starts a thread with Ctrl+Enter and keeps line breaks as plain text, never HTML', async () => {
    const { local } = connectedPair();
    renderPanel({ doc: local });
    await userEvent.type(screen.getByLabelText('Your message'), '<b>first</b>{Shift>}{Enter}{/Shift}second{Control>}{Enter}{/Control}');
    const [thread] = readThreads(local).threads;
    expect(thread?.text).toBe('<b>first</b>\nsecond');
    expect(thread?.section).toBe('summary');
    const text = cardFor(thread?.id ?? '').querySelector('.thread-message__text');
    expect(text?.textContent).toBe('<b>first</b>\nsecond');
    expect(text?.querySelector('b')).toBeNull();
  });

  it('shows an error for empty text and writes nothing', async () => {
    const { local } = connectedPair();
    renderPanel({ doc: local });
    await userEvent.type(screen.getByLabelText('Your message'), '   ');
    await userEvent.click(screen.getByRole('button', { name: 'Start thread' }));
    expect(screen.getByRole('alert').textContent).toBe('Write a message before starting the thread.');
    expect(screen.getByLabelText('Your message').getAttribute('aria-invalid')).toBe('true');
    expect(getComments(local).length).toBe(0);
    expect(cards()).toHaveLength(0);
  });

  it('shows threads and replies from another browser as they arrive, and replies from here', async () => {
    const { local, remote } = connectedPair();
    renderPanel({ doc: local });
    let id = '';
    act(() => {
      id = startThread(remote, 'objections', { text: 'Price comes up in every call.', ...sam }).id;
    });
    const card = cardFor(id);
    expect(card.querySelector('[data-message-side]')?.getAttribute('data-message-side')).toBe('sales');
    expect(within(card).getByText('Sales')).toBeTruthy();

    act(() => {
      replyToThread(remote, id, { text: 'Also procurement delays.', ...sam });
    });
    expect(within(cardFor(id)).getByText('Also procurement delays.')).toBeTruthy();

    await userEvent.type(within(cardFor(id)).getByLabelText('Reply'), 'We have survey data on this.{Control>}{Enter}{/Control}');
    const replies = readThreads(remote).threads[0]?.replies ?? [];
    expect(replies.map((r) => [r.author, r.side, r.text])).toEqual([
      ['Sam', 'sales', 'Also procurement delays.'],
      ['Marta', 'marketing', 'We have survey data on this.'],
    ]);
    const mine = within(cardFor(id)).getByText('We have survey data on this.').closest('[data-message-side]');
    expect(mine?.getAttribute('data-message-side')).toBe('marketing');
    expect(within(cardFor(id)).getByLabelText<HTMLTextAreaElement>('Reply').value).toBe('');

    await userEvent.click(within(cardFor(id)).getByRole('button', { name: 'Send reply' }));
    expect(within(cardFor(id)).getByText('Write a reply before sending it.')).toBeTruthy();
    expect(readThreads(remote).threads[0]?.replies).toHaveLength(2);
  });

  it('lists open threads by newest activity first', () => {
    const { local } = connectedPair();
    const older = startThread(local, 'goals', { text: 'Older', ...sam }, { now: new Date('2025-01-01T10:00:00Z') });
    const newer = startThread(local, 'goals', { text: 'Newer', ...sam }, { now: new Date('2025-01-02T10:00:00Z') });
    renderPanel({ doc: local });
    expect(cards().map((c) => c.dataset['threadId'])).toEqual([newer.id, older.id]);
    act(() => {
      replyToThread(local, older.id, { text: 'Bump', ...sam }, { now: new Date('2025-01-03T10:00:00Z') });
    });
    expect(cards().map((c) => c.dataset['threadId'])).toEqual([older.id, newer.id]);
  });

  it('resolve moves a thread out of Open, Reopen brings it back, and a remote resolve shows live', async () => {
    const { local, remote } = connectedPair();
    const { id } = startThread(remote, 'channels', { text: 'LinkedIn or events?', ...sam });
    replyToThread(remote, id, { text: 'Events, per the last survey.', author: 'Marta', side: 'marketing' });
    renderPanel({ doc: local });

    await userEvent.click(within(cardFor(id)).getByRole('button', { name: 'Resolve' }));
    expect(readThreads(remote).threads[0]?.resolved).toBe(true);
    expect(cards()).toHaveLength(0);
    expect(screen.getByText('Nothing open. Every thread is resolved.')).toBeTruthy();
    expect(statusButton(/^Open/).textContent).toBe('Open (0)');
    expect(statusButton(/^Resolved/).textContent).toBe('Resolved (1)');

    await userEvent.click(screen.getByRole('button', { name: 'Show resolved threads' }));
    expect(statusButton(/^Resolved/).getAttribute('aria-pressed')).toBe('true');
    const card = cardFor(id);
    expect(card.dataset['resolved']).toBe('true');
    expect(within(card).getByText('Resolved')).toBeTruthy();
    // Quiet when resolved: the first message only, replies behind a toggle.
    expect(within(card).queryByText('Events, per the last survey.')).toBeNull();
    expect(within(card).queryByLabelText('Reply')).toBeNull();
    await userEvent.click(within(card).getByRole('button', { name: 'Show 1 reply' }));
    expect(within(cardFor(id)).getByText('Events, per the last survey.')).toBeTruthy();

    await userEvent.click(within(cardFor(id)).getByRole('button', { name: 'Reopen' }));
    expect(readThreads(remote).threads[0]?.resolved).toBe(false);
    expect(cards()).toHaveLength(0);
    await userEvent.click(statusButton(/^Open/));
    expect(cardFor(id).dataset['resolved']).toBe('false');

    act(() => {
      setThreadResolved(remote, id, true);
    });
    expect(cards()).toHaveLength(0);
    await userEvent.click(statusButton(/^All$/));
    expect(cardFor(id).dataset['resolved']).toBe('true');
  });

  it('writes threads under their own transaction origin, apart from evidence: start, reply, resolve, reopen', async () => {
    const { local } = connectedPair();
    const origins: unknown[] = [];
    local.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
    renderPanel({ doc: local });

    await userEvent.type(screen.getByLabelText('Your message'), 'Which region?{Control>}{Enter}{/Control}');
    const id = readThreads(local).threads[0]?.id ?? '';
    await userEvent.type(within(cardFor(id)).getByLabelText('Reply'), 'EMEA first.{Control>}{Enter}{/Control}');
    await userEvent.click(within(cardFor(id)).getByRole('button', { name: 'Resolve' }));
    await userEvent.click(statusButton(/^All$/));
    await userEvent.click(within(cardFor(id)).getByRole('button', { name: 'Reopen' }));

    expect(readThreads(local).threads[0]).toMatchObject({ resolved: false, replies: [{ text: 'EMEA first.' }] });
    expect(origins).toEqual([THREADS_ORIGIN, THREADS_ORIGIN, THREADS_ORIGIN, THREADS_ORIGIN]);
  });

  it('filters by section, with open counts per section', async () => {
    const { local } = connectedPair();
    startThread(local, 'pains', { text: 'Pain one', ...sam });
    startThread(local, 'pains', { text: 'Pain two', ...sam });
    const goal = startThread(local, 'goals', { text: 'Goal done', ...sam });
    setThreadResolved(local, goal.id, true);
    renderPanel({ doc: local });

    const options = Array.from(sectionFilter().options).map((o) => o.textContent);
    expect(options).toContain('Pains & challenges (2 open)');
    expect(options).toContain('Goals');
    expect(options[0]).toBe('All sections');
    expect(statusButton(/^Open/).textContent).toBe('Open (2)');

    await userEvent.selectOptions(sectionFilter(), 'pains');
    expect(cards()).toHaveLength(2);
    expect(screen.getByLabelText<HTMLSelectElement>('Start a thread on').value).toBe('pains');

    await userEvent.selectOptions(sectionFilter(), 'goals');
    expect(statusButton(/^Open/).textContent).toBe('Open (0)');
    expect(statusButton(/^Resolved/).textContent).toBe('Resolved (1)');
    expect(screen.getByText('Nothing open. Every thread is resolved.')).toBeTruthy();

    await userEvent.selectOptions(sectionFilter(), 'summary');
    expect(screen.getByText('No threads on Summary yet.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Show all sections' }));
    expect(sectionFilter().value).toBe('all');
    expect(cards()).toHaveLength(2);
  });

  it('focuses the composer on the filtered section when the parent asks to start a thread', () => {
    const { local } = connectedPair();
    const { rerender } = renderPanel({ doc: local, initialSection: 'messaging', composeRequest: 0 });
    expect(document.activeElement).not.toBe(screen.getByLabelText('Your message'));
    rerender(<Harness doc={local} initialSection="messaging" composeRequest={1} />);
    expect(document.activeElement).toBe(screen.getByLabelText('Your message'));
    expect(screen.getByLabelText<HTMLSelectElement>('Start a thread on').value).toBe('messaging');
  });

  it('gives viewers no composer, reply, resolve or reopen', async () => {
    const { local } = connectedPair();
    const open = startThread(local, 'summary', { text: 'Open one', ...sam });
    const done = startThread(local, 'summary', { text: 'Done one', ...sam });
    setThreadResolved(local, done.id, true);
    renderPanel({ doc: local, readOnly: true });
    expect(screen.queryByLabelText('Your message')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Start thread' })).toBeNull();
    expect(within(cardFor(open.id)).queryByLabelText('Reply')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Resolve' })).toBeNull();
    await userEvent.click(statusButton(/^All$/));
    expect(cards()).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Reopen' })).toBeNull();
  });

  it('keeps a reply typed into a thread that someone else deletes, and does not crash', async () => {
    const { local, remote } = connectedPair();
    const { id } = startThread(remote, 'buyingProcess', { text: 'Who signs?', ...sam });
    renderPanel({ doc: local });
    await userEvent.type(within(cardFor(id)).getByLabelText('Reply'), 'The CFO, above 50k');
    act(() => getComments(remote).delete(0, 1));
    expect(cards()).toHaveLength(0);
    const notice = screen.getByRole('alert');
    expect(notice.textContent).toContain('A thread you were replying to was removed by someone else.');
    expect(within(notice).getByText('The CFO, above 50k')).toBeTruthy();
    await userEvent.click(within(notice).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps a thread with a reply being typed in view when another browser resolves it', async () => {
    const { local, remote } = connectedPair();
    const { id } = startThread(remote, 'goals', { text: 'Quota or margin?', ...sam });
    renderPanel({ doc: local });
    await userEvent.type(within(cardFor(id)).getByLabelText('Reply'), 'Margin');
    act(() => {
      setThreadResolved(remote, id, true);
    });
    expect(cardFor(id).dataset['resolved']).toBe('true');
    await userEvent.type(within(cardFor(id)).getByLabelText('Reply'), ', mostly{Control>}{Enter}{/Control}');
    expect(readThreads(remote).threads[0]?.replies.map((r) => r.text)).toEqual(['Margin, mostly']);
    expect(cards()).toHaveLength(0);
  });

  it('says so when a reply is sent to a thread that is gone from the document', async () => {
    const { local } = connectedPair();
    startThread(local, 'summary', { text: 'Stale', ...sam });
    const stale = readThreads(local).threads;
    getComments(local).delete(0, 1);
    renderPanel({ doc: local, staleThreads: stale });
    const card = cardFor(stale[0]?.id ?? '');
    await userEvent.type(within(card).getByLabelText('Reply'), 'Too late{Control>}{Enter}{/Control}');
    expect(within(card).getByRole('alert').textContent).toContain('This thread was removed by someone else');
    expect(getComments(local).length).toBe(0);
  });
});

describe('ThreadCountBadge', () => {
  it('names the number of open threads, and shows nothing for none', () => {
    const { rerender } = render(<ThreadCountBadge open={2} />, { wrapper: withSession() });
    expect(screen.getByRole('img', { name: '2 open threads' }).textContent).toBe('2');
    rerender(<ThreadCountBadge open={1} />);
    expect(screen.getByRole('img', { name: '1 open thread' })).toBeTruthy();
    rerender(<ThreadCountBadge open={0} />);
    expect(screen.queryByRole('img')).toBeNull();
  });
});
