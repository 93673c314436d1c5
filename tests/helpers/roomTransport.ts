/**
 * A deterministic in-memory transport for rooms, after tldraw's TestServer and TestSocketPair:
 * the real RoomRegistry, Room and Connection on one side, a Y.Doc speaking y-protocols (as the
 * stock y-websocket provider does) on the other, and every frame waiting in its direction's queue
 * until the test delivers it. The room's timers must be vitest's fake ones, so that what happens
 * depends only on the order the test chooses: the same choices give the same frames.
 */
import { createHash } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { vi } from 'vitest';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { Connection, type PeerSocket } from '../../server/collab/connection.ts';
import type { PeerIdentity, UpdateCheck } from '../../server/collab/peer.ts';
import { RoomRegistry } from '../../server/collab/registry.ts';
import { createMetrics } from '../../server/metrics.ts';
import { openSqliteStorage } from '../../server/storage/sqliteStorage.ts';
import type { Storage } from '../../server/storage/storage.ts';
import { WriteQueue } from '../../server/storage/writeQueue.ts';
import { MessageType, type Role } from '../../shared/protocol.ts';
import { quietLogger } from './server.ts';

export interface TestRoomServerOptions {
  compactEvery?: number;
  unloadAfterMs?: number;
  checkUpdate?: UpdateCheck;
  maxBufferedBytes?: number;
}

/** Budgets no test run comes near, so that rate limiting never depends on the (fake) clock. */
const UNLIMITED = { messagesBurst: 1e9, messagesPerSecond: 1e9, awarenessBurst: 1e9, awarenessPerSecond: 1e9 };
/** At most this many rounds of settle-and-deliver before `flushAll` gives up: nothing converges that slowly. */
const MAX_FLUSH_ROUNDS = 100;

/** Rounds of due timers, each followed by every promise reaction they caused; a timer started by a promise needs a second. */
const SETTLE_ROUNDS = 3;
/** Taken before any test installs fake timers. */
const realSetImmediate = globalThis.setImmediate;

const fingerprint = (data: Uint8Array) => createHash('sha256').update(data).digest('hex').slice(0, 16);

/** The server's side: a registry of real rooms over an in-memory SQLite store, and the open socket pairs. */
export class TestRoomServer {
  readonly storage: Storage;
  readonly queue: WriteQueue;
  readonly rooms: RoomRegistry;
  readonly metrics = createMetrics();
  /** Every frame delivered and every close, in order: two runs with the same choices have the same trace. */
  readonly trace: string[] = [];
  readonly #pairs = new Set<TestSocketPair>();
  readonly #maxBufferedBytes: number;

  /** A server over a fresh in-memory SQLite store. */
  static async start(options: TestRoomServerOptions = {}): Promise<TestRoomServer> {
    return new TestRoomServer(await openSqliteStorage({ file: ':memory:' }), options);
  }

  private constructor(storage: Storage, options: TestRoomServerOptions) {
    if (!vi.isFakeTimers()) throw new Error('TestRoomServer needs vi.useFakeTimers(): the room runs on timers');
    const logger = quietLogger();
    this.storage = storage;
    this.queue = new WriteQueue({ log: storage.log, logger });
    this.rooms = new RoomRegistry({
      storage,
      queue: this.queue,
      logger,
      metrics: this.metrics,
      unloadAfterMs: options.unloadAfterMs ?? 60_000,
      compactEvery: options.compactEvery ?? 1_000,
      ...(options.checkUpdate && { checkUpdate: options.checkUpdate }),
    });
    this.#maxBufferedBytes = options.maxBufferedBytes ?? 1e9;
  }

  /** Stores a persona whose log holds these updates (at least one), as if edited before. */
  async createPersona(personaId: string, log: readonly Uint8Array[]): Promise<void> {
    const [first, ...rest] = log;
    if (!first) throw new Error('a persona needs a first state');
    const entry = { id: personaId, name: '', role: '', segment: '', evidence: { marketing: 0, sales: 0 }, updatedAt: new Date(0).toISOString() };
    await this.storage.createPersona(entry, first);
    if (rest.length > 0) await this.storage.log.append(rest.map((update) => ({ personaId, update })));
  }

  /** Opens a socket pair for the client: the registry hands over the room and a Connection joins it. */
  async accept(client: TestRoomClient): Promise<TestSocketPair> {
    const room = await this.rooms.acquire(client.personaId);
    if (!room) throw new Error(`persona ${client.personaId} does not exist; createPersona first`);
    const pair = new TestSocketPair(client, this.trace);
    const connection = new Connection(pair.socket, room, {
      identity: client.identity,
      address: client.name,
      rateLimits: UNLIMITED,
      maxBufferedBytes: this.#maxBufferedBytes,
      logger: quietLogger(),
      metrics: createMetrics(),
    });
    this.#pairs.add(pair);
    connection.start(() => {
      this.#pairs.delete(pair);
      this.rooms.release(room);
    });
    return pair;
  }

  /** How many personas the registry holds in memory now. */
  async loadedRooms(): Promise<number> {
    return (await this.metrics.documentsLoaded.get()).values[0]?.value ?? 0;
  }

  get pairs(): TestSocketPair[] {
    return [...this.#pairs];
  }

  /**
   * Lets the server finish what it started without letting time pass: due (fake) timers and
   * immediates run, and every promise chain they start (commits, broadcasts, unloads) completes.
   */
  async settle(): Promise<void> {
    for (let round = 0; round < SETTLE_ROUNDS; round++) {
      vi.advanceTimersByTime(0);
      // A real macrotask runs only once every pending promise reaction has; nothing else of ours is real.
      await new Promise<void>((resolve) => realSetImmediate(resolve));
    }
  }

  /** Settles and delivers every frame, both ways, until nothing is left in flight. */
  async flushAll(): Promise<void> {
    for (let round = 0; round < MAX_FLUSH_ROUNDS; round++) {
      await this.settle();
      const pairs = this.pairs.filter((pair) => pair.hasPending);
      if (pairs.length === 0) return;
      for (const pair of pairs) pair.flush();
    }
    throw new Error(`frames still in flight after ${MAX_FLUSH_ROUNDS} rounds`);
  }

  async close(): Promise<void> {
    for (const pair of this.pairs) pair.drop();
    await this.rooms.close();
    await this.queue.close();
    await this.storage.close();
  }
}

type ToClientFrame = { kind: 'message'; data: Uint8Array } | { kind: 'close'; code: number; reason: string };
export type Direction = 'toServer' | 'toClient';

const WS_OPEN = 1;
const WS_CLOSING = 2;
const WS_CLOSED = 3;

/** The server's end of a pair: what a Connection sends waits in `queue` for the client. */
class ServerEnd implements PeerSocket {
  readonly OPEN = WS_OPEN;
  readyState = WS_OPEN;
  readonly queue: ToClientFrame[] = [];
  readonly messageListeners: ((data: unknown, isBinary: boolean) => void)[] = [];
  readonly closeListeners: (() => void)[] = [];

  constructor(private readonly onTerminate: () => void) {}

  get bufferedAmount(): number {
    return this.queue.reduce((sum, frame) => sum + (frame.kind === 'message' ? frame.data.byteLength : 0), 0);
  }

  send(data: Uint8Array): void {
    // A copy, so that the queue holds what was sent even if the sender reused its buffer.
    if (this.readyState === WS_OPEN) this.queue.push({ kind: 'message', data: data.slice() });
  }

  close(code: number, reason: string): void {
    if (this.readyState !== WS_OPEN) return;
    this.readyState = WS_CLOSING;
    this.queue.push({ kind: 'close', code, reason });
  }

  terminate(): void {
    this.onTerminate();
  }

  on(event: 'message', listener: (data: unknown, isBinary: boolean) => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  on(event: 'close', listener: () => void): void;
  on(
    event: 'message' | 'error' | 'close',
    listener: ((data: unknown, isBinary: boolean) => void) | ((err: Error) => void) | (() => void),
  ): void {
    // The overloads pair each event with its listener. Nothing emits 'error': no frame goes bad on the way.
    if (event === 'message') this.messageListeners.push(listener as (data: unknown, isBinary: boolean) => void);
    if (event === 'close') this.closeListeners.push(listener as () => void);
  }
}

/**
 * One connection's two ends. Each direction is a FIFO, as a WebSocket is; frames move only on
 * `deliver` / `flush`. The server's end is a PeerSocket; the client's end is a TestRoomClient.
 */
export class TestSocketPair {
  readonly toServer: Uint8Array[] = [];
  readonly socket = new ServerEnd(() => this.drop());
  readonly #client: TestRoomClient;
  readonly #trace: string[];

  constructor(client: TestRoomClient, trace: string[]) {
    this.#client = client;
    this.#trace = trace;
  }

  get toClient(): readonly ToClientFrame[] {
    return this.socket.queue;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WS_OPEN;
  }

  get hasPending(): boolean {
    return this.toServer.length > 0 || this.toClient.length > 0;
  }

  /** What the client sends: queued until delivered, dropped once the socket is closing. */
  sendToServer(data: Uint8Array): void {
    if (this.isOpen) this.toServer.push(data);
  }

  /** Delivers the oldest frame waiting in one direction; false when there was none. */
  deliver(direction: Direction): boolean {
    if (direction === 'toServer') {
      const data = this.toServer.shift();
      if (!data) return false;
      this.#trace.push(`${this.#client.name} → server ${fingerprint(data)}`);
      for (const listener of this.socket.messageListeners) listener(data, true);
      return true;
    }
    const frame = this.socket.queue.shift();
    if (!frame) return false;
    if (frame.kind === 'close') {
      // The client answers the closing handshake; only then does the server see the socket close.
      this.#trace.push(`server → ${this.#client.name} close ${frame.code}`);
      this.#closeBothEnds(frame.code, frame.reason);
    } else {
      this.#trace.push(`server → ${this.#client.name} ${fingerprint(frame.data)}`);
      this.#client.receive(frame.data);
    }
    return true;
  }

  /** Delivers every waiting frame, both ways, including what the other end answers at once. */
  flush(): void {
    while (this.deliver('toServer') || this.deliver('toClient')) {
      // Each delivery may queue answers; keep going until both directions are empty.
    }
  }

  /** The network fails: frames in flight are lost and both ends see the socket close (1006). */
  drop(): void {
    if (this.socket.readyState === WS_CLOSED) return;
    this.#trace.push(`${this.#client.name} dropped`);
    this.#closeBothEnds(1006, '');
  }

  #closeBothEnds(code: number, reason: string): void {
    this.socket.readyState = WS_CLOSED;
    this.toServer.length = 0;
    this.socket.queue.length = 0;
    for (const listener of this.socket.closeListeners) listener();
    this.#client.closed(this, code, reason);
  }
}

export interface TestRoomClientOptions {
  /** Fixed, so that the same run gives the same updates byte for byte. */
  clientId: number;
  role?: Role;
}

/**
 * A participant as the stock y-websocket provider behaves, without its timers or sockets: sync
 * step 1 and its presence on connect, every local change sent while connected, the server's
 * step 1 answered with step 2, others' presence forgotten when the connection closes.
 */
export class TestRoomClient {
  readonly doc = new Y.Doc();
  readonly awareness: Awareness;
  readonly identity: PeerIdentity;
  /** Close codes this client saw, in order (1006 when the connection was dropped). */
  readonly closes: { code: number; reason: string }[] = [];
  /** True once the server's sync step 2 has arrived on the current connection. */
  synced = false;
  #pair: TestSocketPair | null = null;

  constructor(
    readonly server: TestRoomServer,
    readonly personaId: string,
    readonly name: string,
    { clientId, role = 'editor' }: TestRoomClientOptions,
  ) {
    this.doc.clientID = clientId;
    this.awareness = new Awareness(this.doc);
    // Each participant writes as its own author, so the fuzz also runs the server's authorship check.
    this.identity = { access: { role, expiresAt: null }, member: null, author: `author-${name}` };
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.#send(syncMessage((encoder) => syncProtocol.writeUpdate(encoder, update)));
    });
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      this.#send(awarenessFrame(this.awareness, [...added, ...updated, ...removed]));
    });
  }

  get pair(): TestSocketPair | null {
    return this.#pair;
  }

  get connected(): boolean {
    return this.#pair !== null;
  }

  async connect(): Promise<void> {
    if (this.#pair) return;
    this.#pair = await this.server.accept(this);
    this.synced = false;
    this.#send(syncMessage((encoder) => syncProtocol.writeSyncStep1(encoder, this.doc)));
    if (this.awareness.getLocalState() !== null) this.#send(awarenessFrame(this.awareness, [this.doc.clientID]));
  }

  /** The connection is lost, as when the network goes: nothing in flight arrives. */
  disconnect(): void {
    this.#pair?.drop();
  }

  /** A frame from the server, as y-websocket's message handlers take it. */
  receive(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.sync) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MessageType.sync);
      const step = syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
      if (encoding.length(reply) > 1) this.#send(encoding.toUint8Array(reply));
      if (step === syncProtocol.messageYjsSyncStep2) this.synced = true;
    } else if (type === MessageType.awareness) {
      applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
    } else if (type === MessageType.queryAwareness) {
      this.#send(awarenessFrame(this.awareness, [...this.awareness.getStates().keys()]));
    }
  }

  /** Called by the pair once both ends have seen the socket close. */
  closed(pair: TestSocketPair, code: number, reason: string): void {
    if (this.#pair !== pair) return;
    this.#pair = null;
    this.synced = false;
    this.closes.push({ code, reason });
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
    removeAwarenessStates(this.awareness, others, this);
  }

  destroy(): void {
    this.disconnect();
    this.awareness.destroy();
    this.doc.destroy();
  }

  #send(frame: Uint8Array): void {
    this.#pair?.sendToServer(frame);
  }
}

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function awarenessFrame(awareness: Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}
