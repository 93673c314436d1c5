import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkpointState } from '../../../../server/history/checkpointState.ts';
import { DraftCheckpoints } from '../../../../server/history/draftCheckpoints.ts';
import { openSqliteStorage } from '../../../../server/storage/sqliteStorage.ts';
import type { Storage } from '../../../../server/storage/storage.ts';
import { WriteQueue } from '../../../../server/storage/writeQueue.ts';
import { makeDataDir, quietLogger, removeDataDir } from '../../../helpers/server.ts';
import { entry } from '../storage/fixtures.ts';

const DAY = 86_400_000;

describe('a room\'s checkpoints, stored as what changed', () => {
  let dir: string;
  let storage: Storage | null = null;
  afterEach(async () => {
    await storage?.close();
    removeDataDir(dir);
  });

  async function setUp() {
    dir = makeDataDir();
    storage = await openSqliteStorage({ file: join(dir, 'tandem.sqlite') });
    const doc = new Y.Doc();
    await storage.createPersona(entry('p1'), Y.encodeStateAsUpdate(doc));
    let clock = Date.parse('2026-11-30T09:00:00.000Z');
    const checkpoints = new DraftCheckpoints('p1', () => doc, {
      history: storage.history,
      queue: new WriteQueue({ log: storage.log, logger: quietLogger() }),
      logger: quietLogger(),
      settings: { everyMs: DAY, now: () => clock },
    });
    return { doc, checkpoints, history: storage.history, tick: (ms: number) => (clock += ms) };
  }

  const textOf = (state: Uint8Array | null) => {
    const doc = new Y.Doc();
    if (state) Y.applyUpdate(doc, state);
    return doc.getText('t').toString();
  };

  it('gives back every checkpoint as it was, insertions and deletions alike, also after retention folds some away', async () => {
    const { doc, checkpoints, history, tick } = await setUp();
    const text = doc.getText('t');
    const expected = new Map<string, string>();
    const edits = [
      () => text.insert(0, 'hola señora Núñez'),
      () => text.delete(0, 5),
      () => text.insert(text.length, ', decide con datos'),
      () => {
        text.insert(0, 'tmp');
        text.delete(0, 3);
      },
      () => text.delete(3, 4),
      () => text.insert(2, 'ñ'),
    ];
    for (const [i, edit] of edits.entries()) {
      doc.clientID = 10 + (i % 3);
      edit();
      checkpoints.changed(`m${i % 3}`);
      tick(5 * 60_000);
      const id = await checkpoints.take(i === 3 ? 'publish' : 'auto');
      expected.set(id, text.toString());
    }
    for (const [id, value] of expected) expect(textOf(await checkpointState(history, 'p1', id))).toBe(value);
    // The deltas hold only what changed: the last is far smaller than the whole state.
    const newest = [...expected.keys()].at(-1) ?? '';
    const chain = (await history.updates('p1', newest)) ?? [];
    expect(chain).toHaveLength(edits.length);

    // Eight days on, one more: retention keeps one automatic checkpoint of that day (and the publish).
    tick(8 * DAY);
    text.insert(0, '¡');
    checkpoints.changed('m0');
    const last = await checkpoints.take('auto');
    expected.set(last, text.toString());
    const kept = (await history.list('p1')).map((c) => c.id);
    expect(kept.length).toBeLessThan(expected.size);
    for (const id of kept) expect(textOf(await checkpointState(history, 'p1', id))).toBe(expected.get(id));
    checkpoints.dispose();
  });

  it('stores only what changed since the last one: not the deletions made before it', async () => {
    const { doc, checkpoints, history } = await setUp();
    const text = doc.getText('t');
    text.insert(0, 'x'.repeat(20_000));
    // Ten thousand separate deleted ranges before the first checkpoint, which holds them all.
    for (let i = 0; i < 10_000; i++) text.delete(i, 1);
    await checkpoints.take('auto');
    text.insert(0, 'nuevo');
    text.delete(100, 1);
    checkpoints.changed('m0');
    const id = await checkpoints.take('auto');
    const chain = (await history.updates('p1', id)) ?? [];
    expect(chain).toHaveLength(2);
    expect(chain[1]?.byteLength).toBeLessThan(100);
    // What Yjs itself writes from a document: every deletion again.
    expect(Y.encodeStateAsUpdateV2(doc, Y.encodeStateVectorFromUpdateV2(chain[0] ?? new Uint8Array())).byteLength).toBeGreaterThan(10_000);
    expect(textOf(await checkpointState(history, 'p1', id))).toBe(text.toString());
    checkpoints.dispose();
  });

  it('gathers what changed while a checkpoint could not be stored into the next one', async () => {
    const { doc, checkpoints, history } = await setUp();
    const text = doc.getText('t');
    text.insert(0, 'uno');
    await checkpoints.take('auto');
    text.insert(3, ' dos');
    const add = history.add;
    history.add = () => Promise.reject(new Error('disk full'));
    await expect(checkpoints.take('auto')).rejects.toThrow('disk full');
    history.add = add;
    text.insert(0, 'cero ');
    const id = await checkpoints.take('auto');
    expect(await history.updates('p1', id)).toHaveLength(2);
    expect(textOf(await checkpointState(history, 'p1', id))).toBe('cero uno dos');
    checkpoints.dispose();
  });

  it('does no work per update: nothing listens to the draft, what changed is read when a checkpoint is taken', async () => {
    // The fan-out regression after issue 13: every update was gathered and merged (~10 µs each, a
    // ~20 ms stall per room at every thousandth update), though a checkpoint is taken every few minutes.
    const { doc, checkpoints, history } = await setUp();
    const listeners = () => (doc as unknown as { _observers: Map<string, Set<unknown>> })._observers.get('update')?.size ?? 0;
    checkpoints.beforeChange(() => Y.encodeStateAsUpdate(doc));
    const text = doc.getText('t');
    text.insert(0, 'uno');
    await checkpoints.take('auto');
    for (let i = 0; i < 50; i++) text.insert(text.length, String(i % 10));
    text.delete(0, 2);
    expect(listeners()).toBe(0);
    const id = await checkpoints.take('auto');
    expect(textOf(await checkpointState(history, 'p1', id))).toBe(text.toString());
    checkpoints.dispose();
  });
});
