// Issue 14, item 6: presence has byte limits per state and per socket, its fields are checked,
// and the room's presence memory stays bounded.
import * as encoding from 'lib0/encoding';
import { describe, expect, it, vi } from 'vitest';
import { encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { Room } from '../../server/collab/room.ts';
import type { RoomPeer } from '../../server/collab/peer.ts';
import { createMetrics } from '../../server/metrics.ts';
import { openSqliteStorage } from '../../server/storage/sqliteStorage.ts';
import { WriteQueue } from '../../server/storage/writeQueue.ts';
import { OPERATOR_AUTHOR } from '../../shared/persona/authors.ts';
import { CloseCodes, MessageType } from '../../shared/protocol.ts';
import { collabUrl, openRawSocket, type TestClient } from '../helpers/clients.ts';
import { useCollabFixture } from '../helpers/fixture.ts';
import { createPersona } from '../helpers/http.ts';
import { appendParagraph, sectionText } from '../helpers/persona.ts';
import { quietLogger, type TestServer } from '../helpers/server.ts';

const { pool, start, track } = useCollabFixture();

/** An awareness message in y-protocols' encoding, for any client ids and states the sender likes. */
function awarenessFrame(entries: readonly [clientId: number, clock: number, state: unknown][]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(update, clientId);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, JSON.stringify(state));
  }
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, MessageType.awareness);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return encoding.toUint8Array(message);
}

/** Honest editors on the persona, each recording every awareness client id it was ever shown. */
async function honestEditors(t: TestServer, id: string, count: number) {
  const tokens = [t.editorToken, t.salesToken, t.adminToken];
  const editors = Array.from({ length: count }, (_, i) => pool.connect(t, id, tokens[i % tokens.length] ?? t.editorToken));
  await Promise.all(editors.map((e) => e.synced()));
  const seen = editors.map((editor) => {
    const ids = new Set<number>();
    editor.provider.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
      for (const clientId of [...added, ...updated]) ids.add(clientId);
    });
    return ids;
  });
  return { editors, seen };
}

async function rawSocket(t: TestServer, id: string, token: string) {
  const socket = openRawSocket(collabUrl(t, id, token));
  track(socket.ws);
  await socket.opened;
  return socket;
}

/** The state a peer shows for a client id (its awareness' view). */
const stateSeen = (client: TestClient, clientId: number) => client.provider.awareness.getStates().get(clientId);

/** Edits still flow between the honest editors, and none of them was cut off. */
async function editsStillFlow(editors: TestClient[], text: string): Promise<void> {
  const [writer, ...readers] = editors;
  if (!writer) throw new Error('no editors');
  appendParagraph(writer.doc, 'goals', text);
  await vi.waitFor(() => readers.forEach((reader) => expect(sectionText(reader.doc, 'goals')).toContain(text)), { timeout: 10_000 });
  for (const editor of editors) expect(editor.closes).toEqual([]);
}

describe('issue 14 item 6: presence byte limits and field checks', () => {
  it('a flood of 4.9 MB presence states closes the flooder (4429) before any is forwarded; honest editors stay', async () => {
    const t = await start();
    const id = await createPersona(t);
    const { editors, seen } = await honestEditors(t, id, 3);
    const flooder = await rawSocket(t, id, t.operatorToken);
    const huge = 'x'.repeat(4_900_000);
    for (let clock = 1; clock <= 8; clock++) flooder.ws.send(awarenessFrame([[9_001, clock, { user: { name: 'F', side: 'sales', color: '#000' }, pad: huge }]]));
    expect(await flooder.closed).toMatchObject({ code: CloseCodes.PresenceFlood.code });
    await editsStillFlow(editors, 'after the flood');
    for (const ids of seen) expect(ids.has(9_001)).toBe(false);
  });

  it('one state over 64 KB closes its socket (4429) and is never forwarded', async () => {
    const t = await start();
    const id = await createPersona(t);
    const { editors, seen } = await honestEditors(t, id, 2);
    const sender = await rawSocket(t, id, t.operatorToken);
    sender.ws.send(awarenessFrame([[9_100, 1, { section: 'goals', user: { name: 'Big', side: 'sales', color: '#000' }, note: 'n'.repeat(100 * 1024) }]]));
    expect((await sender.closed).code).toBe(CloseCodes.PresenceFlood.code);
    await editsStillFlow(editors, 'after the big state');
    for (const ids of seen) expect(ids.has(9_100)).toBe(false);
  });

  it('a socket whose states together pass its byte limit is closed (4429), each state under the per-state limit', async () => {
    const t = await start();
    const id = await createPersona(t);
    const { editors } = await honestEditors(t, id, 2);
    const hoarder = await rawSocket(t, id, t.operatorToken);
    const pad = 'y'.repeat(60 * 1024);
    // Five tabs' worth of 60 KB states: each alone is allowed, together they pass 256 KB.
    for (let client = 1; client <= 5; client++) hoarder.ws.send(awarenessFrame([[7_000 + client, 1, { section: pad.slice(0, 10), user: { name: pad, side: 'other', color: '#000' } }]]));
    expect((await hoarder.closed).code).toBe(CloseCodes.PresenceFlood.code);
    await editsStillFlow(editors, 'after the hoarder');
  });

  it('sustained presence beyond the byte rate closes the socket (4429), while an honest caret rate passes', async () => {
    const t = await start();
    const id = await createPersona(t);
    const { editors } = await honestEditors(t, id, 2);
    // Honest: 200 caret moves with a full state (a few hundred bytes each) in one burst.
    const honest = await rawSocket(t, id, t.operatorToken);
    const caret = { anchor: { type: { client: 1, clock: 2 }, tname: null, item: { client: 1, clock: 5 }, assoc: 0 }, head: { type: { client: 1, clock: 2 }, item: { client: 1, clock: 5 }, assoc: 0 } };
    for (let clock = 1; clock <= 200; clock++) honest.ws.send(awarenessFrame([[5_555, clock, { user: { name: 'Honest Operator', side: 'sales', color: '#ea580c' }, section: 'goals', cursor: caret }]]));
    await vi.waitFor(() => expect((stateSeen(editors[0] as TestClient, 5_555)?.['user'] as { name?: string } | undefined)?.name).toBe('Honest Operator'));
    // A flood of 50 KB states, each one allowed, far more bytes a second than any tab sends.
    const flooder = await rawSocket(t, id, t.operatorToken);
    const pad = 'z'.repeat(50 * 1024);
    for (let clock = 1; clock <= 200; clock++) flooder.ws.send(awarenessFrame([[6_666, clock, { section: 'goals', user: { name: pad.slice(0, 100), side: 'other', color: '#000' }, note: pad }]]));
    expect((await flooder.closed).code).toBe(CloseCodes.PresenceFlood.code);
    expect(honest.ws.readyState).toBe(honest.ws.OPEN);
    await editsStillFlow(editors, 'after the byte flood');
  });

  it('malformed caret and user fields are dropped, unknown fields too; nothing that would throw in a caret plugin is forwarded', async () => {
    const t = await start();
    const id = await createPersona(t);
    const { editors } = await honestEditors(t, id, 1);
    const reader = editors[0] as TestClient;
    const operator = await rawSocket(t, id, t.operatorToken);
    operator.ws.send(
      awarenessFrame([
        [8_001, 1, { user: { name: 'Opal', side: 'marketing', color: '#2563eb' }, section: 'goals', cursor: { anchor: null }, server: { saving: 'failing' }, extra: 1 }],
        [8_002, 1, { user: { name: 'Css', side: 'sales', color: 'red;background:url(//evil)' }, cursor: { anchor: { type: { client: 'x' } }, head: 5 } }],
        [8_003, 1, { user: { name: 'Ok', side: 'sales', color: '#ea580c' }, cursor: { anchor: { type: { client: 1, clock: 2 }, item: null, assoc: 0 }, head: { type: { client: 1, clock: 2 }, assoc: -1 } } }],
        [8_004, 1, 'not an object'],
      ]),
    );
    await vi.waitFor(() => expect(stateSeen(reader, 8_003)).toBeDefined());
    expect(stateSeen(reader, 8_001)).toEqual({ user: { name: 'Opal', side: 'marketing', color: '#2563eb' }, section: 'goals' });
    expect(stateSeen(reader, 8_002)).toEqual({});
    expect(stateSeen(reader, 8_003)?.['cursor']).toEqual({ anchor: { type: { client: 1, clock: 2 }, item: null, assoc: 0 }, head: { type: { client: 1, clock: 2 }, assoc: -1 } });
    expect(stateSeen(reader, 8_004)).toEqual({});
    // Every caret state that reaches an editor can be read back as a relative position.
    for (const state of reader.provider.awareness.getStates().values()) {
      const cursor = state['cursor'] as { anchor: unknown; head: unknown } | undefined;
      if (cursor) for (const end of [cursor.anchor, cursor.head]) expect(() => Y.createRelativePositionFromJSON(end)).not.toThrow();
    }
  });
});

describe('issue 14 item 6: presence memory is bounded', () => {
  it('a peer cycling through thousands of client ids leaves no record of those that left', async () => {
    const storage = await openSqliteStorage({ file: ':memory:' });
    const queue = new WriteQueue({ log: storage.log, logger: quietLogger() });
    const room = new Room('p1', { updates: [Y.encodeStateAsUpdate(new Y.Doc())], lastSeq: 1 }, {
      storage,
      queue,
      logger: quietLogger(),
      metrics: createMetrics(),
      compactEvery: 1_000,
    });
    const peer: RoomPeer = { identity: { access: { role: 'editor', expiresAt: null }, member: null, author: OPERATOR_AUTHOR }, send: () => undefined, close: () => undefined };
    room.join(peer);
    const tab = new Y.Doc();
    const { Awareness } = await import('y-protocols/awareness');
    for (let i = 0; i < 2_000; i++) {
      tab.clientID = 100_000 + i;
      const awareness = new Awareness(tab);
      awareness.setLocalState({ section: 'goals' });
      room.applyAwareness(encodeAwarenessUpdate(awareness, [tab.clientID]), peer);
      awareness.setLocalState(null);
      room.applyAwareness(encodeAwarenessUpdate(awareness, [tab.clientID]), peer);
      awareness.destroy();
    }
    expect(room.awareness.getStates().size).toBe(0);
    expect(room.awareness.meta.size).toBeLessThan(10);
    room.destroy();
    await queue.close();
    await storage.close();
  });
});
