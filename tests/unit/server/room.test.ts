import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { RoomPeer } from '../../../server/collab/peer.ts';
import { Room } from '../../../server/collab/room.ts';
import { createMetrics } from '../../../server/metrics.ts';
import type { DocStore } from '../../../server/storage/docStore.ts';
import { openSqliteStore } from '../../../server/storage/sqliteStore.ts';
import { WriteQueue } from '../../../server/storage/writeQueue.ts';
import { getProfile } from '../../../shared/persona/schema.ts';
import { makeDataDir, quietLogger, removeDataDir } from '../../helpers/server.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const peer: RoomPeer = { identity: { access: { role: 'editor', expiresAt: null }, member: null }, send: () => undefined };
const at = '2026-11-24T10:00:00.000Z';

async function openRoom(compactEvery: number): Promise<{ room: Room; store: DocStore }> {
  const dir = makeDataDir();
  const store = openSqliteStore(join(dir, 'tandem.sqlite'));
  const entry = { id: 'p', name: '', role: '', segment: '', evidence: { marketing: 0, sales: 0 }, updatedAt: at };
  await store.create(entry, Y.encodeStateAsUpdate(new Y.Doc()));
  const queue = new WriteQueue({ store, logger: quietLogger() });
  const room = new Room('p', (await store.load('p')) ?? [], {
    queue,
    logger: quietLogger(),
    metrics: createMetrics(),
    compactEvery,
  });
  cleanups.push(async () => {
    room.destroy();
    await queue.close();
    await store.close();
    removeDataDir(dir);
  });
  return { room, store };
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
    for (const update of (await store.load('p')) ?? []) Y.applyUpdate(replayed, update);
    expect(getProfile(replayed).get('name')).toBe('name 95');
  });
});
