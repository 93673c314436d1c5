import * as Y from 'yjs';
import { Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import type { Role } from '../../shared/protocol.ts';
import { SyncMessageType } from '../../shared/protocol.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import type { PersonaIndexEntry } from '../storage/docStore.ts';
import type { WriteQueue } from '../storage/writeQueue.ts';
import { indexEntryOf } from '../persona/indexEntry.ts';
import { awarenessMessage, syncMessage } from './messages.ts';

/** One participant's socket as the room sees it. */
export interface RoomPeer {
  readonly role: Role;
  send(message: Uint8Array): void;
}

/** Typed transaction origins: the server never re-stores what it loaded, nor echoes a peer. */
export type UpdateOrigin = RoomPeer | typeof LOADED_FROM_STORE;
export const LOADED_FROM_STORE = Symbol('loaded from store');

/** A connection may speak for a few awareness clients (tabs sharing a socket), never for thousands. */
const MAX_AWARENESS_CLIENTS_PER_PEER = 32;
const INDEX_DEBOUNCE_MS = 1_000;

export interface RoomDeps {
  queue: WriteQueue;
  logger: Logger;
  metrics: Metrics;
  compactEvery: number;
}

/** A loaded persona document, its awareness and the peers editing it. */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly #peers = new Map<RoomPeer, Set<number>>();
  readonly #deps: RoomDeps;
  #updatesSinceCompaction = 0;
  #indexTimer: NodeJS.Timeout | null = null;
  #compacting = false;
  #destroyed = false;

  constructor(
    readonly id: string,
    stored: readonly Uint8Array[],
    deps: RoomDeps,
  ) {
    this.#deps = deps;
    this.awareness.setLocalState(null);
    this.doc.transact(() => {
      for (const update of stored) Y.applyUpdate(this.doc, update, LOADED_FROM_STORE);
    }, LOADED_FROM_STORE);
    // A long log is folded into one state soon after loading, so the next load is quick.
    this.#updatesSinceCompaction = stored.length > 1 ? stored.length : 0;
    this.doc.on('update', this.#onDocUpdate);
    this.awareness.on('update', this.#onAwarenessUpdate);
  }

  get peerCount(): number {
    return this.#peers.size;
  }

  /** True when the stored log holds more than the document's one compacted state. */
  get hasUncompactedChanges(): boolean {
    return this.#updatesSinceCompaction > 0;
  }

  join(peer: RoomPeer): void {
    this.#peers.set(peer, new Set());
    // Editors are asked for what they have that the server lacks; viewers' answers would be ignored (S2).
    if (peer.role === 'editor') peer.send(syncMessage(SyncMessageType.step1, Y.encodeStateVector(this.doc)));
    const present = [...this.awareness.getStates().keys()];
    if (present.length > 0) peer.send(awarenessMessage(this.awareness, present));
  }

  leave(peer: RoomPeer): void {
    const clients = this.#peers.get(peer);
    this.#peers.delete(peer);
    if (clients && clients.size > 0) removeAwarenessStates(this.awareness, [...clients], null);
  }

  /** May this peer speak for these awareness clients? Not for another peer's, nor for too many. */
  mayControlAwareness(peer: RoomPeer, clientIds: readonly number[]): boolean {
    const own = this.#peers.get(peer);
    if (!own) return false;
    let added = 0;
    for (const id of clientIds) {
      if (own.has(id)) continue;
      for (const [other, theirs] of this.#peers) if (other !== peer && theirs.has(id)) return false;
      added += 1;
    }
    return own.size + added <= MAX_AWARENESS_CLIENTS_PER_PEER;
  }

  /** Sends `message` once everything the document holds now is committed (S5). */
  sendWhenCommitted(peer: RoomPeer, message: Uint8Array): void {
    this.#deps.queue.flush().then(
      () => peer.send(message),
      (err: unknown) => this.#deps.logger.error({ err, personaId: this.id }, 'could not commit before replying'),
    );
  }

  indexEntry(): PersonaIndexEntry {
    return indexEntryOf(this.id, this.doc);
  }

  /** Folds the stored log into the document's current state, behind every queued write. */
  async compact(): Promise<void> {
    if (this.#compacting) return;
    this.#compacting = true;
    const compactedCount = this.#updatesSinceCompaction;
    try {
      await this.#deps.queue.run(() => this.#deps.queue.store.compact(this.id, Y.encodeStateAsUpdate(this.doc)));
      this.#updatesSinceCompaction -= compactedCount;
    } finally {
      this.#compacting = false;
    }
  }

  async writeIndex(): Promise<void> {
    this.#cancelIndexTimer();
    const entry = this.indexEntry();
    await this.#deps.queue.run(() => this.#deps.queue.store.updateIndex(entry));
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#cancelIndexTimer();
    this.awareness.off('update', this.#onAwarenessUpdate);
    this.doc.off('update', this.#onDocUpdate);
    this.awareness.destroy();
    this.doc.destroy();
    this.#peers.clear();
  }

  #onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === LOADED_FROM_STORE) return;
    const message = syncMessage(SyncMessageType.update, update);
    this.#deps.queue.append(this.id, update, () => {
      this.#deps.metrics.updatesTotal.inc();
      this.#broadcast(message, origin);
    });
    this.#updatesSinceCompaction += 1;
    this.#scheduleIndex();
    if (this.#updatesSinceCompaction >= this.#deps.compactEvery) {
      this.compact().catch((err: unknown) =>
        this.#deps.logger.error({ err, personaId: this.id }, 'compaction failed; the log is kept'),
      );
    }
  };

  #onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const owner = this.#peers.get(origin as RoomPeer);
    if (owner) {
      for (const id of added) owner.add(id);
      for (const id of removed) owner.delete(id);
    }
    const changed = [...added, ...updated, ...removed];
    if (changed.length > 0) this.#broadcast(awarenessMessage(this.awareness, changed), null);
  };

  #broadcast(message: Uint8Array, except: unknown): void {
    if (this.#destroyed) return;
    for (const peer of this.#peers.keys()) if (peer !== except) peer.send(message);
  }

  #scheduleIndex(): void {
    this.#indexTimer ??= setTimeout(() => {
      this.#indexTimer = null;
      this.writeIndex().catch((err: unknown) =>
        this.#deps.logger.error({ err, personaId: this.id }, 'could not update the persona index'),
      );
    }, INDEX_DEBOUNCE_MS);
  }

  #cancelIndexTimer(): void {
    if (this.#indexTimer) clearTimeout(this.#indexTimer);
    this.#indexTimer = null;
  }
}
