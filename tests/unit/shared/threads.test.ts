import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getComments } from '../../../shared/persona/schema.ts';
import { threadFromYjs } from '../../../shared/persona/converters.ts';
import { readThreads, replyToThread, setThreadResolved, startThread, threadCountsBySection } from '../../../shared/persona/threads.ts';
import type { CommentThread } from '../../../shared/persona/types.ts';
import { createPeers, expectConverged, syncPeers } from '../../helpers/ydocs.ts';

const NOW = new Date('2025-03-04T10:00:00.000Z');
const marta = { text: 'Is this backed by anything?', author: 'Marta', side: 'marketing' } as const;
const sam = { text: 'Three deals last quarter.', author: 'Sam', side: 'sales' } as const;

const thread = (overrides: Partial<CommentThread>): CommentThread => ({
  id: 't1',
  section: 'summary',
  author: 'Marta',
  side: 'marketing',
  text: 'x',
  createdAt: NOW.toISOString(),
  resolved: false,
  replies: [],
  ...overrides,
});

describe('startThread', () => {
  it('writes a map that threadFromYjs reads back, open and without replies', () => {
    const doc = new Y.Doc();
    const started = startThread(doc, 'pains', marta, { now: NOW });
    const maps = getComments(doc).toArray();
    expect(maps).toHaveLength(1);
    expect(threadFromYjs(maps[0])).toEqual({
      id: started.id,
      section: 'pains',
      author: 'Marta',
      side: 'marketing',
      text: 'Is this backed by anything?',
      createdAt: '2025-03-04T10:00:00.000Z',
      resolved: false,
      replies: [],
    });
    expect(maps[0]?.get('replies')).toBeInstanceOf(Y.Array);
  });

  it('writes with the given transaction origin', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const ORIGIN = Symbol('test');
    startThread(doc, 'goals', marta, { origin: ORIGIN });
    expect(origins).toEqual([ORIGIN]);
  });

  it('rejects empty or blank text and writes nothing', () => {
    const doc = new Y.Doc();
    expect(() => startThread(doc, 'summary', { ...marta, text: '' })).toThrow(/text is empty/);
    expect(() => startThread(doc, 'summary', { ...marta, text: '  \n ' })).toThrow(/text is empty/);
    expect(getComments(doc).length).toBe(0);
  });

  it('trims the text it stores', () => {
    const doc = new Y.Doc();
    startThread(doc, 'summary', { ...marta, text: '  line one\nline two \n' });
    expect(readThreads(doc).threads[0]?.text).toBe('line one\nline two');
  });
});

describe('replyToThread', () => {
  it('appends replies in order', () => {
    const doc = new Y.Doc();
    const { id } = startThread(doc, 'objections', marta, { now: NOW });
    expect(replyToThread(doc, id, sam, { now: new Date('2025-03-04T10:05:00.000Z') })).toBe(true);
    expect(replyToThread(doc, id, { ...marta, text: 'Thanks!' })).toBe(true);
    const [read] = readThreads(doc).threads;
    expect(read?.replies.map((r) => [r.author, r.side, r.text])).toEqual([
      ['Sam', 'sales', 'Three deals last quarter.'],
      ['Marta', 'marketing', 'Thanks!'],
    ]);
    expect(read?.replies[0]?.createdAt).toBe('2025-03-04T10:05:00.000Z');
  });

  it('returns false for an unknown thread and writes nothing', () => {
    const doc = new Y.Doc();
    startThread(doc, 'summary', marta);
    const before = Y.encodeStateVector(doc);
    expect(replyToThread(doc, 'no-such-thread', sam)).toBe(false);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('rejects an empty reply', () => {
    const doc = new Y.Doc();
    const { id } = startThread(doc, 'summary', marta);
    expect(() => replyToThread(doc, id, { ...sam, text: ' ' })).toThrow(/text is empty/);
    expect(readThreads(doc).threads[0]?.replies).toEqual([]);
  });
});

describe('setThreadResolved', () => {
  it('resolves and reopens', () => {
    const doc = new Y.Doc();
    const { id } = startThread(doc, 'summary', marta);
    expect(setThreadResolved(doc, id, true)).toBe(true);
    expect(readThreads(doc).threads[0]?.resolved).toBe(true);
    expect(setThreadResolved(doc, id, false)).toBe(true);
    expect(readThreads(doc).threads[0]?.resolved).toBe(false);
  });

  it('returns false for an unknown thread', () => {
    const doc = new Y.Doc();
    startThread(doc, 'summary', marta);
    expect(setThreadResolved(doc, 'missing', true)).toBe(false);
    expect(readThreads(doc).threads[0]?.resolved).toBe(false);
  });
});

describe('readThreads', () => {
  it('skips a thread with no replies array and counts it', () => {
    const doc = new Y.Doc();
    startThread(doc, 'summary', marta);
    const { replies: _replies, ...fields } = thread({ id: 'broken' });
    getComments(doc).push([new Y.Map<unknown>(Object.entries(fields))]);
    startThread(doc, 'goals', sam);
    const { threads, skipped } = readThreads(doc);
    expect(skipped).toBe(1);
    expect(threads.map((t) => t.section)).toEqual(['summary', 'goals']);
  });

  it('skips a thread whose side is not a side', () => {
    const doc = new Y.Doc();
    const bad = new Y.Map<unknown>(Object.entries({ ...thread({}), replies: new Y.Array() }));
    bad.set('side', 'legal');
    getComments(doc).push([bad]);
    expect(readThreads(doc)).toEqual({ threads: [], skipped: 1 });
  });
});

describe('threadCountsBySection', () => {
  it('counts open and resolved threads per section, leaving out sections with none', () => {
    const counts = threadCountsBySection([
      thread({ id: 'a', section: 'pains' }),
      thread({ id: 'b', section: 'pains', resolved: true }),
      thread({ id: 'c', section: 'pains' }),
      thread({ id: 'd', section: 'goals', resolved: true }),
    ]);
    expect(counts.get('pains')).toEqual({ open: 2, resolved: 1 });
    expect(counts.get('goals')).toEqual({ open: 0, resolved: 1 });
    expect(counts.has('summary')).toBe(false);
  });
});

describe('concurrent threads', () => {
  it('keeps both replies when two docs reply to the same thread at once', () => {
    const [a, b] = createPeers(2) as [Y.Doc, Y.Doc];
    const { id } = startThread(a, 'channels', marta, { now: NOW });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));

    replyToThread(a, id, { ...marta, text: 'From A' });
    replyToThread(b, id, { ...sam, text: 'From B' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));

    for (const doc of [a, b]) {
      const replies = readThreads(doc).threads[0]?.replies.map((r) => r.text);
      expect(replies).toHaveLength(2);
      expect(replies).toEqual(expect.arrayContaining(['From A', 'From B']));
    }
    expect(readThreads(a)).toEqual(readThreads(b));
  });

  it('converges when one doc resolves while the other replies', () => {
    const peers = createPeers(2);
    const [a, b] = peers as [Y.Doc, Y.Doc];
    const { id } = startThread(a, 'messaging', marta, { now: NOW });
    syncPeers(peers);
    setThreadResolved(a, id, true);
    replyToThread(b, id, sam);
    syncPeers(peers);
    expectConverged(peers);
    const [merged] = readThreads(b).threads;
    expect(merged?.resolved).toBe(true);
    expect(merged?.replies.map((r) => r.text)).toEqual(['Three deals last quarter.']);
  });
});
