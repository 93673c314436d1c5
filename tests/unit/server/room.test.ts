import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Room, type RoomPeer } from '../../../server/collab/room.ts';
import { createMetrics } from '../../../server/metrics.ts';
import { openSqliteStorage } from '../../../server/storage/sqliteStorage.ts';
import type { UpdateLog } from '../../../server/storage/storage.ts';
import { WriteQueue } from '../../../server/storage/writeQueue.ts';
import { getProfile } from '../../../shared/persona/schema.ts';
import { makeDataDir, quietLogger, removeDataDir } from '../../helpers/server.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const peer: RoomPeer = { role: 'editor', send: () => undefined };
const at = '2026-11-24T10:00:00.000Z';

async function openRoom(compactEvery: number): Promise<{ room: Room; store: UpdateLog }> {
  const dir = makeDataDir();
  const storage = await openSqliteStorage({ file: join(dir, 'tandem.sqlite') });
  const entry = { id: 'p', name: '', role: '', segment: '', evidence: { marketing: 0, sales: 0 }, updatedAt: at };
  await storage.createPersona(entry, Y.encodeStateAsUpdate(new Y.Doc()));
  const queue = new WriteQueue({ log: storage.log, logger: quietLogger() });
  const room = new Room('p', (await storage.log.load('p')) ?? { updates: [], lastSeq: 0 }, {
    storage,
    queue,
    logger: quietLogger(),
    metrics: createMetrics(),
    compactEvery,
  });
  cleanups.push(async () => {
    room.destroy();
    await queue.close();
    await storage.close();
    removeDataDir(dir);
  });
  return { room, store: storage.log };
}

/** Edits on a client doc, handed to the room one update at a time, all in this tick. */
function editsFrom(client: Y.Doc, count: number, room: Room): void {
  client.on('update', (update: Uint8Array) => room.applyUpdate(update, peer));
  for (let i = 1; i <= count; i++) getProfile(client).set('name', `name ${i}`);
}

describe('Room compaction', () => {
  it('regression: a compaction triggered while its updates were still queued left them in the log after the state', async () => {
    const { room, store } = await openRoom(10);
    // The tenth update triggers a compaction while all ten still wait in the write queue.
    editsFrom(new Y.Doc(), 10, room);
    await vi.waitFor(() => expect(room.hasUncompactedChanges).toBe(false));
    expect(await store.logLength('p')).toBe(1);
  });

  it('keeps compacting in the background while updates keep coming, and compact() leaves one entry', async () => {
    const { room, store } = await openRoom(10);
    const client = new Y.Doc();
    editsFrom(client, 95, room);
    await room.compact();
    expect(await store.logLength('p')).toBe(1);
    const replayed = new Y.Doc();
    for (const update of (await store.load('p'))?.updates ?? []) Y.applyUpdate(replayed, update);
    expect(getProfile(replayed).get('name')).toBe('name 95');
  });

  it('compacts only the log entries it has applied: an update another writer appended meanwhile stays', async () => {
    const { room, store } = await openRoom(1_000);
    editsFrom(new Y.Doc(), 3, room);
    await vi.waitFor(async () => expect(await store.logLength('p')).toBe(4));
    const other = new Y.Doc();
    getProfile(other).set('role', 'CFO');
    const [otherSeq] = await store.append([{ personaId: 'p', update: Y.encodeStateAsUpdate(other) }]);

    await room.compact();
    const log = await store.load('p');
    expect(log?.updates).toHaveLength(2);
    expect(log?.lastSeq).toBe(otherSeq);
    const replayed = new Y.Doc();
    for (const update of log?.updates ?? []) Y.applyUpdate(replayed, update);
    expect(getProfile(replayed).toJSON()).toMatchObject({ name: 'name 3', role: 'CFO' });
  });
});
