import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { ConnectionStatus, PersonaRoomOptions } from '../../client/src/collab/personaRoom.ts';
import { PersonaRoom } from '../../client/src/collab/personaRoom.ts';
import type { Participant } from '../../client/src/session/user.ts';
import { getProfile } from '../../shared/persona/schema.ts';
import { presenceUserOf } from '../../shared/presence.ts';
import { createClientPool } from '../helpers/clients.ts';
import { createPersona } from '../helpers/http.ts';
import { removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';

// The client's PersonaRoom, run in Node against the real server. It is typed against the DOM, so
// this file is type-checked by tsconfig.dom-tests.json (DOM and Node types together).
const ANA: Participant = { name: 'Ana', side: 'marketing', color: '#2563eb' };

const rooms: PersonaRoom[] = [];
const servers: TestServer[] = [];
const dataDirs = new Set<string>();
const pool = createClientPool();

afterEach(async () => {
  for (const room of rooms.splice(0)) room.destroy();
  pool.destroyAll();
  for (const t of servers.splice(0)) await t.close();
  for (const dir of dataDirs) removeDataDir(dir);
  dataDirs.clear();
});

async function start(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
  const t = await startTestServer(...args);
  servers.push(t);
  dataDirs.add(t.dataDir);
  return t;
}

/** The `ws` WebSocket, counting every socket the room opens (each one is an upgrade attempt). */
function countingWebSocket() {
  const counter = { opened: 0 };
  class CountingWebSocket extends WebSocket {
    // As y-websocket calls it: new WebSocketPolyfill(url, protocols).
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      counter.opened++;
    }
  }
  // `ws` speaks the browser's WebSocket API that y-websocket uses, without the DOM's EventTarget typings.
  return { counter, WebSocketImpl: CountingWebSocket as unknown as typeof globalThis.WebSocket };
}

function openRoom(
  t: TestServer,
  personaId: string,
  token: string,
  WebSocketImpl: typeof globalThis.WebSocket = countingWebSocket().WebSocketImpl,
  network?: PersonaRoomOptions['network'],
) {
  const room = new PersonaRoom({
    personaId,
    token,
    participant: ANA,
    serverOrigin: t.wsUrl,
    keepLocalCopy: false,
    WebSocketImpl,
    ...(network ? { network } : {}),
  });
  rooms.push(room);
  const seen: ConnectionStatus[] = [room.getState().status];
  room.subscribe(() => {
    const { status } = room.getState();
    if (seen.at(-1) !== status) seen.push(status);
  });
  return { room, seen };
}

describe('PersonaRoom against the real server', () => {
  it('connects and syncs with an editor token, and exchanges edits with another client', async () => {
    const t = await start();
    const id = await createPersona(t);
    const { room, seen } = openRoom(t, id, t.editorToken);
    expect(room.getState()).toMatchObject({ status: 'connecting', synced: false, problem: null, restoredLocally: true });
    await vi.waitFor(() => expect(room.getState()).toMatchObject({ status: 'connected', synced: true, problem: null }));
    expect(seen).toEqual(['connecting', 'connected']);

    const other = pool.connect(t, id, t.salesToken);
    await other.synced();
    getProfile(room.doc).set('name', 'Carla CFO');
    await vi.waitFor(() => expect(getProfile(other.doc).get('name')).toBe('Carla CFO'));
    // The room announces its participant to the others, shown as the member its token names (SPEC §6).
    await vi.waitFor(() => {
      const users = [...other.provider.awareness.getStates().values()].map((s) => s['user']);
      expect(users).toContainEqual(presenceUserOf(t.people.marketing.member));
    });
  });

  it('stops for good on a bad token: problem "unauthorized", offline, and no reconnect', async () => {
    const t = await start();
    const { counter, WebSocketImpl } = countingWebSocket();
    const { room } = openRoom(t, await createPersona(t), 'not-a-token', WebSocketImpl);
    await vi.waitFor(() => expect(room.getState()).toMatchObject({ problem: 'unauthorized', status: 'offline', synced: false }));
    expect(counter.opened).toBe(1);
    // The provider has given up for good: no reconnect timer will open another socket.
    expect(room.provider.shouldConnect).toBe(false);
  });

  it('says "not-found" to a viewer opening a persona that does not exist', async () => {
    const t = await start();
    const { counter, WebSocketImpl } = countingWebSocket();
    const { room } = openRoom(t, 'no-such-persona', t.viewerToken, WebSocketImpl);
    await vi.waitFor(() => expect(room.getState()).toMatchObject({ problem: 'not-found', status: 'offline' }));
    expect(room.provider.shouldConnect).toBe(false);
    expect(counter.opened).toBe(1);
  });

  it('says "bad-id" for an id the server cannot accept', async () => {
    const t = await start();
    const { room } = openRoom(t, 'bad id!', t.editorToken);
    await vi.waitFor(() => expect(room.getState().problem).toBe('bad-id'));
  });

  it('goes offline when the server goes away, and back to connected when it returns on the same address', async () => {
    const first = await start();
    const id = await createPersona(first);
    const { room, seen } = openRoom(first, id, first.editorToken);
    await vi.waitFor(() => expect(room.getState()).toMatchObject({ status: 'connected', synced: true }));
    getProfile(room.doc).set('name', 'Kept across restarts');
    // The edit has reached the server's store once another client sees it.
    const witness = pool.connect(first, id, first.salesToken, new Y.Doc());
    await vi.waitFor(() => expect(getProfile(witness.doc).get('name')).toBe('Kept across restarts'));
    pool.destroyAll();

    const port = new URL(first.url).port;
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    await vi.waitFor(() => expect(room.getState()).toMatchObject({ status: 'offline', problem: null }));
    expect(seen).toEqual(['connecting', 'connected', 'offline']);

    // Edits made while offline stay in the room and go out on reconnect.
    getProfile(room.doc).set('role', 'Written offline');
    const second = await start({ PORT: port }, first.dataDir, {}, first.people);
    await vi.waitFor(() => expect(room.getState()).toMatchObject({ status: 'connected', synced: true, problem: null }), {
      timeout: 15_000,
      interval: 50,
    });
    expect(seen).toEqual(['connecting', 'connected', 'offline', 'connected']);

    const after = pool.connect(second, id, second.salesToken);
    await after.synced();
    await vi.waitFor(() => {
      expect(getProfile(after.doc).get('name')).toBe('Kept across restarts');
      expect(getProfile(after.doc).get('role')).toBe('Written offline');
    });
  });

  it('stops reporting after destroy: neither the provider nor the network reaches its subscribers, and it never reconnects', async () => {
    const t = await start();
    const { counter, WebSocketImpl } = countingWebSocket();
    const network = Object.assign(new EventTarget(), { navigator: { onLine: true } });
    const { room } = openRoom(t, await createPersona(t), t.editorToken, WebSocketImpl, network);
    await vi.waitFor(() => expect(room.getState().status).toBe('connected'));
    const listener = vi.fn();
    room.subscribe(listener);
    room.destroy();
    // Destroying closes the live socket, and the provider reports 'disconnected' on the spot.
    expect(listener).not.toHaveBeenCalled();
    // What happens after: the browser drops off the network and comes back, the server goes away.
    network.dispatchEvent(new Event('offline'));
    network.dispatchEvent(new Event('online'));
    await t.close();
    servers.splice(0);
    expect(listener).not.toHaveBeenCalled();
    expect(room.getState().status).toBe('connected');
    expect(counter.opened).toBe(1);
  });
});
