import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { getProfile } from '../../shared/persona/schema.ts';
import { createClientPool } from '../helpers/clients.ts';
import { removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';

/*
 * The client's PersonaRoom, run in Node against the real server. Its module is typed against the
 * DOM (Window, CloseEvent, Location), which this project's type-check (tsconfig.json, Node types
 * only) does not have, so it is imported by a path the checker does not follow, and described here
 * by the part of it this file uses. client/tsconfig.json checks the module itself.
 */
interface RoomState {
  status: 'connected' | 'connecting' | 'offline';
  synced: boolean;
  restoredLocally: boolean;
  problem: 'unauthorized' | 'not-found' | 'bad-id' | null;
}
interface Participant {
  name: string;
  side: 'marketing' | 'sales';
  color: string;
}
interface PersonaRoom {
  readonly doc: Y.Doc;
  readonly provider: { shouldConnect: boolean };
  subscribe(listener: () => void): () => void;
  getState(): RoomState;
  destroy(): void;
}
interface PersonaRoomModule {
  PersonaRoom: new (options: {
    personaId: string;
    token: string;
    participant: Participant;
    serverOrigin: string;
    keepLocalCopy: boolean;
    WebSocketImpl: unknown;
  }) => PersonaRoom;
}
const personaRoomPath = '../../client/src/collab/personaRoom.ts';
const { PersonaRoom } = (await import(personaRoomPath)) as PersonaRoomModule;

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
  return { counter, WebSocketImpl: CountingWebSocket };
}

function openRoom(t: TestServer, personaId: string, token: string, WebSocketImpl: unknown = countingWebSocket().WebSocketImpl) {
  const room = new PersonaRoom({
    personaId,
    token,
    participant: ANA,
    serverOrigin: t.wsUrl,
    keepLocalCopy: false,
    WebSocketImpl,
  });
  rooms.push(room);
  const seen: RoomState['status'][] = [room.getState().status];
  room.subscribe(() => {
    const { status } = room.getState();
    if (seen.at(-1) !== status) seen.push(status);
  });
  return { room, seen };
}

/** Asserts `check` holds on every poll for `ms`: for things that must NOT happen. */
async function holdsFor(ms: number, check: () => void): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    check();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  check();
}

describe('PersonaRoom against the real server', () => {
  it('connects and syncs with an editor token, and exchanges edits with another client', async () => {
    const t = await start();
    const { room, seen } = openRoom(t, 'acme-cfo', t.editorToken);
    expect(room.getState()).toMatchObject({ status: 'connecting', synced: false, problem: null, restoredLocally: true });
    await vi.waitFor(() => expect(room.getState()).toMatchObject({ status: 'connected', synced: true, problem: null }));
    expect(seen).toEqual(['connecting', 'connected']);

    const other = pool.connect(t, 'acme-cfo', t.editorToken);
    await other.synced();
    getProfile(room.doc).set('name', 'Carla CFO');
    await vi.waitFor(() => expect(getProfile(other.doc).get('name')).toBe('Carla CFO'));
    // The room announces its participant to the others.
    await vi.waitFor(() => {
      const users = [...other.provider.awareness.getStates().values()].map((s) => s['user']);
      expect(users).toContainEqual(ANA);
    });
  });

  it('stops for good on a bad token: problem "unauthorized", offline, and no reconnect', async () => {
    const t = await start();
    const { counter, WebSocketImpl } = countingWebSocket();
    const { room } = openRoom(t, 'acme-cfo', 'not-a-token', WebSocketImpl);
    await vi.waitFor(() => expect(room.getState()).toMatchObject({ problem: 'unauthorized', status: 'offline', synced: false }));
    expect(counter.opened).toBe(1);
    // y-websocket would retry after 200 ms, then 400 ms: watch well past both.
    await holdsFor(1500, () => {
      expect(counter.opened).toBe(1);
      expect(room.getState()).toMatchObject({ problem: 'unauthorized', status: 'offline' });
    });
    expect(room.provider.shouldConnect).toBe(false);
  });

  it('says "not-found" to a viewer opening a persona that does not exist', async () => {
    const t = await start();
    const { counter, WebSocketImpl } = countingWebSocket();
    const { room } = openRoom(t, 'no-such-persona', t.viewerToken, WebSocketImpl);
    await vi.waitFor(() => expect(room.getState()).toMatchObject({ problem: 'not-found', status: 'offline' }));
    await holdsFor(800, () => expect(counter.opened).toBe(1));
  });

  it('says "bad-id" for an id the server cannot accept', async () => {
    const t = await start();
    const { room } = openRoom(t, 'bad id!', t.editorToken);
    await vi.waitFor(() => expect(room.getState().problem).toBe('bad-id'));
  });

  it('goes offline when the server goes away, and back to connected when it returns on the same address', async () => {
    const first = await start();
    const { room, seen } = openRoom(first, 'acme-cfo', first.editorToken);
    await vi.waitFor(() => expect(room.getState()).toMatchObject({ status: 'connected', synced: true }));
    getProfile(room.doc).set('name', 'Kept across restarts');
    // The edit has reached the server's store once another client sees it.
    const witness = pool.connect(first, 'acme-cfo', first.editorToken, new Y.Doc());
    await vi.waitFor(() => expect(getProfile(witness.doc).get('name')).toBe('Kept across restarts'));
    pool.destroyAll();

    const port = new URL(first.url).port;
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    await vi.waitFor(() => expect(room.getState()).toMatchObject({ status: 'offline', problem: null }));
    expect(seen).toEqual(['connecting', 'connected', 'offline']);

    // Edits made while offline stay in the room and go out on reconnect.
    getProfile(room.doc).set('role', 'Written offline');
    const second = await start({ PORT: port }, first.dataDir);
    await vi.waitFor(() => expect(room.getState()).toMatchObject({ status: 'connected', synced: true, problem: null }), {
      timeout: 15_000,
      interval: 50,
    });
    expect(seen).toEqual(['connecting', 'connected', 'offline', 'connected']);

    const after = pool.connect(second, 'acme-cfo', second.editorToken);
    await after.synced();
    await vi.waitFor(() => {
      expect(getProfile(after.doc).get('name')).toBe('Kept across restarts');
      expect(getProfile(after.doc).get('role')).toBe('Written offline');
    });
  });

  it('stops reporting after destroy', async () => {
    const t = await start();
    const { room } = openRoom(t, 'acme-cfo', t.editorToken);
    await vi.waitFor(() => expect(room.getState().status).toBe('connected'));
    const listener = vi.fn();
    room.subscribe(listener);
    room.destroy();
    await t.close();
    servers.splice(0);
    expect(listener).not.toHaveBeenCalled();
    expect(room.getState().status).toBe('connected');
  });
});
