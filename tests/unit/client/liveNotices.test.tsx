// Live notices (issue 17): gathered by kind, section and side within a few seconds, said in both
// languages, each a link to the place; the stream's text read whatever way it is cut.
import { act, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveNotice, StreamMessage } from '../../../shared/feedback/api.ts';
import { createEventStreamParser } from '../../../client/src/features/feedback/eventStream.ts';
import { connectLiveStream } from '../../../client/src/features/feedback/liveStream.ts';
import { LiveNotices } from '../../../client/src/features/feedback/LiveNotices.tsx';
import { expire, gather, GATHER_MS, MAX_SHOWN, placeHref, SHOW_MS, type NoticeGroup } from '../../../client/src/features/feedback/liveNotices.ts';
import { noticeText } from '../../../client/src/features/feedback/noticeText.ts';
import { receiveStreamMessage } from '../../../client/src/features/feedback/streamMessages.ts';
import { translate } from '../../../client/src/i18n/index.ts';
import { makeSession, meAs, withSession } from './session.tsx';

const PERSONA = 'persona12345';
const ana = { id: 'm-ana', name: 'Ana', team: 'marketing' as const };
const luis = { id: 'm-luis', name: 'Luis', team: 'sales' as const };
const eva = { id: 'm-eva', name: 'Eva', team: 'sales' as const };

function notice(kind: LiveNotice['kind'], actor: LiveNotice['actor'], detail: Record<string, unknown> = {}, place: Partial<LiveNotice['place']> = {}): LiveNotice {
  return { kind, at: new Date().toISOString(), personaId: PERSONA, actor, place: { personaId: PERSONA, ...place }, detail };
}

const anecdote = (actor: LiveNotice['actor'], id: string) =>
  notice('evidence-added', actor, { section: 'pains', side: 'sales', evidenceKind: 'anecdote' }, { section: 'pains', evidenceId: id });

const en = (group: NoticeGroup) => noticeText((key, params) => translate('en', key, params), group);
const es = (group: NoticeGroup) => noticeText((key, params) => translate('es', key, params), group);

/** The n-th line (the first by default); a missing one fails the test. */
function lineAt(groups: readonly NoticeGroup[], n = 0): NoticeGroup {
  const group = groups[n];
  if (!group) throw new Error(`no line ${n} among ${groups.length}`);
  return group;
}

function gatherAll(notices: readonly LiveNotice[], stepMs = 1_000): NoticeGroup[] {
  return notices.reduce<NoticeGroup[]>((groups, n, i) => gather(groups, n, i * stepMs), []);
}

describe('gathering', () => {
  it('makes one line of several anecdotes on one section by one side within a few seconds', () => {
    const groups = gatherAll([anecdote(luis, 'e1'), anecdote(eva, 'e2'), anecdote(luis, 'e3')]);
    expect(groups).toHaveLength(1);
    expect(en(lineAt(groups))).toBe('3 sales anecdotes added to Pains & challenges');
    expect(es(lineAt(groups))).toBe('3 anécdotas de ventas más en Problemas y retos');
    // Several items: the line leads to their section, not to one of them.
    expect(lineAt(groups).place).toEqual({ personaId: PERSONA, section: 'pains' });
    expect(placeHref(lineAt(groups).place)).toBe(`/p/${PERSONA}?section=pains`);
  });

  it('keeps apart what differs in kind, section, side or kind of evidence, and what comes later', () => {
    const groups = gatherAll([
      anecdote(luis, 'e1'),
      notice('evidence-added', luis, { section: 'pains', side: 'sales', evidenceKind: 'quote' }),
      notice('evidence-added', ana, { section: 'pains', side: 'marketing', evidenceKind: 'anecdote' }),
      notice('evidence-added', luis, { section: 'goals', side: 'sales', evidenceKind: 'anecdote' }),
    ]);
    expect(groups.map(en)).toEqual([
      'Luis added 1 sales anecdote to Pains & challenges',
      'Luis added 1 sales quote to Pains & challenges',
      'Ana added 1 marketing anecdote to Pains & challenges',
      'Luis added 1 sales anecdote to Goals',
    ]);
    const later = gather(gatherAll([anecdote(luis, 'e1')]), anecdote(luis, 'e2'), GATHER_MS + 1);
    expect(later).toHaveLength(2);
  });

  it('shows at most a few lines, and lets each go after a while', () => {
    const many = gatherAll(['summary', 'goals', 'pains', 'objections', 'channels'].map((section) => notice('thread-started', ana, { section })));
    expect(many).toHaveLength(MAX_SHOWN);
    expect(en(lineAt(many))).toBe('Ana started a thread on Goals');
    expect(expire(many, 4_000 + SHOW_MS - 1)).toHaveLength(1);
    expect(expire(many, 4_000 + SHOW_MS)).toEqual([]);
  });

  it('says publishing, sign-offs, replies, restores and met targets in both languages', () => {
    const line = (n: LiveNotice) => lineAt(gatherAll([n]));
    const published = line(notice('published', ana, { version: 2 }, { version: 2 }));
    expect([en(published), es(published)]).toEqual(['Ana published v2', 'Ana publicó la v2']);
    expect(placeHref(published.place)).toBe(`/library/${PERSONA}?version=2`);
    const signed = line(notice('signed-off', luis, { section: 'objections', side: 'sales' }, { section: 'objections' }));
    expect([en(signed), es(signed)]).toEqual(['Luis signed Objections off', 'Luis dio el visto bueno a Objeciones']);
    const replies = gatherAll([1, 2, 3].map(() => notice('replied', luis, { section: 'goals' }, { section: 'goals', threadId: 't1' })));
    expect([en(lineAt(replies)), es(lineAt(replies))]).toEqual(['Luis replied 3 times on Goals', 'Luis respondió 3 veces en Objetivos']);
    const reply = line(notice('replied', luis, { section: 'goals' }, { section: 'goals', threadId: 't1' }));
    expect(placeHref(reply.place)).toBe(`/p/${PERSONA}?section=goals&thread=t1`);
    expect(en(line(notice('restored', null)))).toBe('Someone restored an earlier draft');
    const met = lineAt(gatherAll([notice('target-met', null, { count: 2 })]));
    expect([en(met), es(met)]).toEqual(['2 targets were met', 'Se cumplieron 2 objetivos']);
  });
});

describe('reading the event stream', () => {
  it('hands on each data event however the text is cut, skipping comments', () => {
    const events: string[] = [];
    const parser = createEventStreamParser((data) => events.push(data));
    const stream = ': connected\n\ndata: {"a":1}\n\n: keep-alive\r\n\r\ndata: one\r\ndata: two\r\n\r\ndata:x\n\n';
    for (const cut of [1, 2, 3, 7]) {
      events.length = 0;
      for (let i = 0; i < stream.length; i += cut) parser.push(stream.slice(i, i + cut));
      expect(events).toEqual(['{"a":1}', 'one\ntwo', 'x']);
    }
  });
});

describe('the connection', () => {
  const body = (text: string) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    });

  it('sends the bearer token, passes messages on, and stops for good on 401', async () => {
    const message: StreamMessage = { type: 'unread', unread: 3 };
    const answers = [new Response(body(`data: ${JSON.stringify(message)}\n\ndata: {"type":"unknown"}\n\n`), { status: 200 }), new Response('{}', { status: 401 })];
    const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => answers.shift() ?? new Response('{}', { status: 500 }));
    const received: StreamMessage[] = [];
    const refused = vi.fn();
    const stop = connectLiveStream({ getToken: () => 'tok', onMessage: (m) => received.push(m), onRefused: refused, fetch, firstDelayMs: 1 });
    await vi.waitFor(() => expect(refused).toHaveBeenCalledWith(401));
    expect(received).toEqual([message]);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(new Headers(fetch.mock.calls[0]?.[1]?.headers).get('authorization')).toBe('Bearer tok');
    stop();
  });

  it('tries again with growing waits when the server cannot be reached', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('offline');
    });
    const stop = connectLiveStream({ getToken: () => null, onMessage: () => undefined, fetch, firstDelayMs: 5, maxDelayMs: 20 });
    await vi.waitFor(() => expect(fetch.mock.calls.length).toBeGreaterThanOrEqual(3));
    stop();
    const calls = fetch.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(fetch.mock.calls.length).toBe(calls);
  });
});

describe('<LiveNotices>', () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
  afterEach(() => vi.useRealTimers());

  const renderNotices = (languages: readonly string[] = ['en']) =>
    render(
      <MemoryRouter>
        <LiveNotices personaId={PERSONA} />
      </MemoryRouter>,
      { wrapper: withSession(makeSession({ languages, me: meAs('editor', { member: { id: ana.id, name: ana.name } }) })) },
    );
  const tell = (n: LiveNotice) => act(() => receiveStreamMessage({ type: 'notice', notice: n }));

  it('shows others’ notices on this persona as links, announced politely, never taking focus', () => {
    renderNotices();
    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    tell(notice('signed-off', luis, { section: 'objections', side: 'sales' }, { section: 'objections' }));
    tell(notice('published', ana, { version: 9 }, { version: 9 }));
    tell({ ...notice('published', luis, { version: 3 }), personaId: 'otherpersona' });
    const link = screen.getByRole('link', { name: 'Luis signed Objections off' });
    expect(link.getAttribute('href')).toBe(`/p/${PERSONA}?section=objections`);
    expect(screen.queryByText(/published/)).toBeNull();
    expect(screen.getByTestId('live-announcement').getAttribute('aria-live')).toBe('polite');
    expect(screen.getByTestId('live-announcement').textContent).toBe('Luis signed Objections off');
    expect(document.activeElement).toBe(input);
    input.remove();
  });

  it('is dismissed by hand, and goes by itself after a while', () => {
    renderNotices(['es']);
    tell(notice('published', luis, { version: 2 }, { version: 2 }));
    fireEvent.click(screen.getByRole('button', { name: 'Descartar' }));
    expect(screen.queryByRole('link')).toBeNull();
    tell(notice('published', luis, { version: 3 }, { version: 3 }));
    expect(screen.getByRole('link', { name: 'Luis publicó la v3' })).toBeTruthy();
    act(() => vi.advanceTimersByTime(SHOW_MS + 100));
    expect(screen.queryByRole('link')).toBeNull();
  });
});
