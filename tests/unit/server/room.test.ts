import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { PeerIdentity, RoomPeer, UpdateCheck } from '../../../server/collab/peer.ts';
import { Room } from '../../../server/collab/room.ts';
import { createMetrics } from '../../../server/metrics.ts';
import { openSqliteStorage } from '../../../server/storage/sqliteStorage.ts';
import type { UpdateLog } from '../../../server/storage/storage.ts';
import { WriteQueue } from '../../../server/storage/writeQueue.ts';
import { getProfile } from '../../../shared/persona/schema.ts';
import { CloseCodes, MessageType, SyncMessageType } from '../../../shared/protocol.ts';
import { TestRoomClient, TestRoomServer } from '../../helpers/roomTransport.ts';
import { makeDataDir, quietLogger, removeDataDir } from '../../helpers/server.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const peer: RoomPeer = { identity: { access: { role: 'editor', expiresAt: null }, member: null, author: 'operator' }, send: () => undefined, close: () => undefined };
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
    // The server's record of the new client id and nine edits make ten updates: the tenth triggers
    // a compaction while all ten still wait in the write queue.
    editsFrom(new Y.Doc(), 9, room);
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
    // The first state, the server's record of the new client id and three edits.
    await vi.waitFor(async () => expect(await store.logLength('p')).toBe(5));
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

/** A peer that keeps every message the room sends it. */
function recordingPeer(): RoomPeer & { received: Uint8Array[] } {
  const received: Uint8Array[] = [];
  return { ...peer, received, send: (message) => void received.push(message) };
}

/** The update a sync update message carries; throws on any other message. */
function updateIn(message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message);
  expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([MessageType.sync, SyncMessageType.update]);
  return decoding.readVarUint8Array(decoder);
}

describe('Room broadcasts', () => {
  it('sends the updates committed in one batch as one merged message per peer, never a peer its own', async () => {
    const { room } = await openRoom(1_000);
    const [a, b, watcher] = [recordingPeer(), recordingPeer(), recordingPeer()];
    for (const p of [a, b, watcher]) room.join(p);
    for (const p of [a, b, watcher]) p.received.length = 0;
    const [docA, docB] = [new Y.Doc(), new Y.Doc()];
    docA.on('update', (update: Uint8Array) => room.applyUpdate(update, a));
    docB.on('update', (update: Uint8Array) => room.applyUpdate(update, b));
    // In one tick: both edits and the server's records of the two new writers commit in one batch.
    getProfile(docA).set('name', 'Ana');
    getProfile(docA).set('segment', 'SMB');
    getProfile(docB).set('role', 'CFO');
    await vi.waitFor(() => expect(watcher.received).toHaveLength(1));
    const writersIn = (message: Uint8Array) => new Set(Y.decodeUpdate(updateIn(message)).structs.map((s) => s.id.client));
    const [toWatcher] = watcher.received.map(writersIn);
    expect(toWatcher?.has(docA.clientID) && toWatcher.has(docB.clientID)).toBe(true);
    expect(a.received.map(writersIn).map((w) => [w.has(docA.clientID), w.has(docB.clientID)])).toEqual([[false, true]]);
    expect(b.received.map(writersIn).map((w) => [w.has(docA.clientID), w.has(docB.clientID)])).toEqual([[true, false]]);
    const replayed = new Y.Doc();
    Y.applyUpdate(replayed, updateIn(watcher.received[0] ?? new Uint8Array()));
    expect(getProfile(replayed).toJSON()).toMatchObject({ name: 'Ana', segment: 'SMB', role: 'CFO' });
  });
});

describe('Room peers over the in-memory transport', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function openServer(checkUpdate?: UpdateCheck) {
    const server = await TestRoomServer.start(checkUpdate ? { checkUpdate } : {});
    const initial = new Y.Doc();
    initial.clientID = 100;
    getProfile(initial).set('name', 'as stored');
    await server.createPersona('p', [Y.encodeStateAsUpdate(initial)]);
    // Not 1: that client id is the server's own, for its authorship records.
    const a = new TestRoomClient(server, 'p', 'a', { clientId: 11 });
    const b = new TestRoomClient(server, 'p', 'b', { clientId: 12 });
    cleanups.push(async () => {
      a.destroy();
      b.destroy();
      await server.close();
    });
    await a.connect();
    await b.connect();
    await server.flushAll();
    return { server, a, b };
  }

  const storedName = async (server: TestRoomServer) => {
    const doc = new Y.Doc();
    for (const update of (await server.storage.log.load('p'))?.updates ?? []) Y.applyUpdate(doc, update);
    return getProfile(doc).get('name');
  };

  it('loading a persona does not store its state again', async () => {
    const { server, a, b } = await openServer();
    expect(getProfile(a.doc).get('name')).toBe('as stored');
    expect(getProfile(b.doc).get('name')).toBe('as stored');
    expect(await server.storage.log.logLength('p')).toBe(1);
  });

  it("a peer's update reaches the others and the store, and is never sent back to its sender", async () => {
    const { server, a, b } = await openServer();
    // a's first write also brings the server's record of its client id (SPEC §6), sent to everyone.
    getProfile(a.doc).set('role', 'first write');
    await server.flushAll();
    const before = server.trace.length;
    getProfile(a.doc).set('name', 'from a');
    await server.flushAll();
    expect(getProfile(b.doc).get('name')).toBe('from a');
    expect(await storedName(server)).toBe('from a');
    const delivered = server.trace.slice(before);
    expect(delivered.filter((line) => line.startsWith('server → b'))).toHaveLength(1);
    expect(delivered.filter((line) => line.startsWith('server → a'))).toEqual([]);
  });

  it('[S4] an update the check rejects is never applied, stored or broadcast, and its sender is closed with 1007', async () => {
    const checked: PeerIdentity[] = [];
    const refuseForbiddenNames: UpdateCheck = (update, from) => {
      checked.push(from);
      return Buffer.from(update).includes('forbidden') ? { kind: 'reject', reason: 'forbidden name' } : { kind: 'accept' };
    };
    const { server, a, b } = await openServer(refuseForbiddenNames);
    getProfile(a.doc).set('name', 'allowed');
    await server.flushAll();
    expect(getProfile(b.doc).get('name')).toBe('allowed');
    expect(checked.at(-1)).toEqual(a.identity);

    getProfile(a.doc).set('name', 'forbidden');
    await server.flushAll();
    expect(a.closes).toEqual([CloseCodes.InvalidMessage]);
    expect(a.connected).toBe(false);
    expect(getProfile(b.doc).get('name')).toBe('allowed');
    expect(await storedName(server)).toBe('allowed');
    const live = new Y.Doc();
    Y.applyUpdate(live, (await server.rooms.currentState('p')) ?? new Uint8Array());
    expect(getProfile(live).get('name')).toBe('allowed');
    expect(b.connected).toBe(true);
  });
});
