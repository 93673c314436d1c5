import { randomInt } from 'node:crypto';
import * as Y from 'yjs';
import { applyAwarenessUpdate, Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import { AUTHORS_CLIENT_ID, readAuthorKeys, type Directory } from '../../shared/persona/authors.ts';
import { SERVER_PRESENCE_FIELD, type ServerPresence } from '../../shared/presence.ts';
import { SyncMessageType } from '../../shared/protocol.ts';
import { directoryOf } from '../auth/members.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import type { CheckpointKind, PersonaIndexEntry, Storage, StoredLog } from '../storage/storage.ts';
import type { WriteQueue } from '../storage/writeQueue.ts';
import { indexEntryOf } from '../persona/indexEntry.ts';
import { DraftCheckpoints, type CheckpointSettings } from '../history/draftCheckpoints.ts';
import { restoreDraft } from '../history/restore.ts';
import { Authorship } from './authorship.ts';
import { awarenessMessage, syncMessage } from './messages.ts';
import { stampPresence } from './presence.ts';
import { repairSectionShapes } from './shapeRepair.ts';
import type { PeerIdentity, RoomOrigin, RoomPeer, UpdateCheck, UpdateVerdict } from './peer.ts';

/** y-protocols marks the awareness changes it makes itself with these. */
type AwarenessOrigin = RoomOrigin | 'local' | 'timeout';

const LOAD: RoomOrigin = { kind: 'load' };
const SERVER: RoomOrigin = { kind: 'server' };

const ACCEPT: UpdateVerdict = { kind: 'accept' };
const acceptEverything: UpdateCheck = () => ACCEPT;

/** A connection may speak for a few awareness clients (tabs sharing a socket), never for thousands. */
const MAX_AWARENESS_CLIENTS_PER_PEER = 32;
const INDEX_DEBOUNCE_MS = 1_000;

export interface RoomDeps {
  storage: Storage;
  queue: WriteQueue;
  logger: Logger;
  metrics: Metrics;
  compactEvery: number;
  /** The most bytes the persona's stored log may hold (issue 14): an update past it is refused (4413). */
  maxDocumentBytes?: number;
  /** Runs before every peer update is applied; accepts everything Yjs can decode when left out. */
  checkUpdate?: UpdateCheck;
  /** Checkpoints of the draft (SPEC §7); none are taken when left out. */
  checkpoints?: CheckpointSettings;
  /** Told of every transaction a peer's update made, once applied (the activity records it). */
  onPeerChange?: PeerChangeListener;
  /** Who is who, for the index row's evidence counts; read from storage.people when left out. */
  directory?: () => Promise<Directory>;
  /** Told when the document changed, to write its index row with other rooms'; else the room writes it itself a second later. */
  indexDue?: (room: Room) => void;
}

export type PeerChangeListener = (personaId: string, identity: PeerIdentity, doc: Y.Doc, transaction: Y.Transaction) => void;

/** An empty state vector: what a client with nothing sends in sync step 1. */
const isEmptyStateVector = (stateVector: Uint8Array) => stateVector.length === 1 && stateVector[0] === 0;
/** An update with no structs and no deletions (a fresh client's sync step 2). */
const isEmptyUpdate = (update: Uint8Array) => update.length === 2 && update[0] === 0 && update[1] === 0;

/**
 * A loaded persona document, its awareness and the peers editing it.
 *
 * A persona stored as one compacted state is not decoded into its Y.Doc until something needs
 * the document (an update, a peer that has more than nothing): a client with nothing is answered
 * with the stored bytes themselves and asked for what it has with the state vector read from
 * them, so opening a persona, or many, does not wait for the server to rebuild any of them.
 */
export class Room {
  readonly #doc: Y.Doc;
  readonly awareness: Awareness;
  /** The stored state not yet applied to #doc; null once the doc is built. */
  #snapshot: Uint8Array | null;
  /** The snapshot's state vector, read once however many peers join before the doc is built. */
  #snapshotStateVector: Uint8Array | null = null;
  readonly #peers = new Map<RoomPeer, Set<number>>();
  readonly #deps: RoomDeps;
  readonly #checkUpdate: UpdateCheck;
  #updatesSinceCompaction = 0;
  #indexTimer: NodeJS.Timeout | null = null;
  #compaction: Promise<void> | null = null;
  /** The last log entry the document holds: loaded, or committed from here. Compaction covers up to it. */
  #appliedSeq: number;
  /** When the document last changed (epoch ms); null while it is as loaded. */
  #changedAt: number | null = null;
  #destroyed = false;
  readonly #authorship: Authorship;
  /** Bytes of the stored log (the last compacted state and the updates since), and of it right after the last compaction. */
  #storedBytes: number;
  #compactedBytes: number;
  readonly #checkpoints: DraftCheckpoints | null;
  /** Updates committed in the write batch that just ran, waiting to be sent (#sendCommitted). */
  #committed: { update: Uint8Array; sender: RoomPeer | null }[] = [];

  constructor(
    readonly id: string,
    { updates: stored, lastSeq }: StoredLog,
    deps: RoomDeps,
  ) {
    // The persona id is the guid: Yjs would otherwise draw a random uuid, 31 crypto calls per room loaded.
    this.#doc = new Y.Doc({ guid: id });
    this.awareness = new Awareness(this.#doc);
    this.#authorship = new Authorship(this.#doc);
    const { checkpoints: settings, storage, queue, logger } = deps;
    this.#checkpoints = settings ? new DraftCheckpoints(id, () => this.#built(), { history: storage.history, queue, logger, settings }) : null;
    this.#deps = deps;
    this.#appliedSeq = lastSeq;
    this.#checkUpdate = deps.checkUpdate ?? acceptEverything;
    this.awareness.setLocalState(null);
    this.#snapshot = stored.length === 1 ? (stored[0] ?? null) : null;
    // Reading the state vector walks every struct: a spoiled state fails here, while loading, never in a peer's handler.
    if (this.#snapshot !== null) this.#snapshotStateVector = Y.encodeStateVectorFromUpdate(this.#snapshot);
    if (this.#snapshot === null) {
      this.#doc.transact(() => {
        for (const update of stored) Y.applyUpdate(this.#doc, update, LOAD);
      }, LOAD);
    }
    // A long log is folded into one state soon after loading, so the next load is quick.
    this.#updatesSinceCompaction = stored.length > 1 ? stored.length : 0;
    this.#storedBytes = stored.reduce((sum, update) => sum + update.length, 0);
    this.#compactedBytes = stored.length > 1 ? 0 : this.#storedBytes;
    this.#doc.on('update', this.#onDocUpdate);
    if (deps.onPeerChange) this.#doc.on('afterTransaction', this.#onTransaction);
    this.awareness.on('update', this.#onAwarenessUpdate);
  }

  /** True when the stored log holds more than the document's one compacted state. */
  get hasUncompactedChanges(): boolean {
    return this.#updatesSinceCompaction > 0;
  }

  join(peer: RoomPeer): void {
    this.#peers.set(peer, new Set());
    // Editors are asked for what they have that the server lacks; viewers' answers would be ignored (S2).
    if (peer.identity.access.role !== 'viewer') peer.send(this.#step1());
    const present = [...this.awareness.getStates().keys()];
    if (present.length > 0) peer.send(awarenessMessage(this.awareness, present));
  }

  leave(peer: RoomPeer): void {
    const clients = this.#peers.get(peer);
    this.#peers.delete(peer);
    if (clients && clients.size > 0) removeAwarenessStates(this.awareness, [...clients], SERVER);
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

  /**
   * Answers sync step 1: what the peer lacks, sent once everything the document holds now is
   * committed (S5).
   */
  answerSyncStep1(peer: RoomPeer, stateVector: Uint8Array): void {
    const diff =
      this.#snapshot !== null && isEmptyStateVector(stateVector)
        ? this.#snapshot
        : Y.encodeStateAsUpdate(this.#built(), stateVector);
    const message = syncMessage(SyncMessageType.step2, diff);
    this.#deps.queue.whenStored(this.id).then(
      () => peer.send(message),
      (err: unknown) => this.#deps.logger.error({ err, personaId: this.id }, 'could not commit before replying'),
    );
  }

  /**
   * Applies a peer's update unless the check rejects it; throws when Yjs cannot parse it. Either
   * way a refused update leaves the document, the store and the other peers as they were.
   */
  applyUpdate(update: Uint8Array, peer: RoomPeer): UpdateVerdict {
    if (isEmptyUpdate(update)) return ACCEPT;
    // Before the document is built: while it is not, its state is the stored bytes, free to keep.
    this.#checkpoints?.beforeChange(() => this.state());
    // Parse fully before applying, so a truncated update cannot leave half of itself behind.
    const decoded = Y.decodeUpdate(update);
    const doc = this.#built();
    // SPEC §6: every client id is its writer's; the records of who is who are the server's alone.
    const authorship = this.#authorship.check(decoded, peer.identity.author);
    if (authorship.kind === 'reject') return authorship;
    const verdict = this.#checkUpdate(update, peer.identity, { personaId: this.id, decoded, doc });
    if (verdict.kind !== 'accept') return verdict;
    const cap = this.#deps.maxDocumentBytes ?? Infinity;
    if (this.#storedBytes + update.length > cap) {
      return { kind: 'reject', reason: `the persona would pass its size cap of ${cap} bytes`, tooLarge: true };
    }
    // The records go first: stored before the content they attribute, never after it.
    if (authorship.claims.length > 0) this.#authorship.claim(authorship.claims, peer.identity.author, SERVER);
    Y.applyUpdate(doc, update, { kind: 'peer', peer } satisfies RoomOrigin);
    return verdict;
  }

  /** Takes a checkpoint of the draft now (before a publish, say); resolves with its id. */
  checkpoint(kind: CheckpointKind): Promise<string> {
    if (!this.#checkpoints) return Promise.reject(new Error('this room keeps no history'));
    return this.#checkpoints.take(kind);
  }

  /** Takes a checkpoint when the draft changed since the last one (before unloading). */
  async checkpointChanges(): Promise<void> {
    await this.#checkpoints?.takeIfChanged();
  }

  /**
   * Makes the draft `source`'s content (a checkpoint's or a version's state), after keeping what it
   * is now as a "restore" checkpoint: one transaction, stored and then sent to every peer like a
   * peer's update (S5). The sections and profile are `author`'s change; evidence, sign-offs and
   * targets keep their original writers, each under a fresh client id recorded for that writer
   * (SPEC §6). Threads are left as they are. Resolves with the id of the checkpoint that undoes it.
   */
  async restore(source: Uint8Array, author: string): Promise<string> {
    const checkpoints = this.#checkpoints;
    if (!checkpoints) throw new Error('this room keeps no history');
    const sourceDoc = new Y.Doc();
    try {
      Y.applyUpdate(sourceDoc, source);
      // A version published before the shape guard may hold foreign items in a section: kept as paragraphs.
      repairSectionShapes(sourceDoc);
      let undo = await checkpoints.take('restore');
      // Whatever arrived while it was stored is kept too, before it is overwritten.
      for (let tries = 1; checkpoints.hasChanges && tries < 3; tries++) undo = await checkpoints.take('restore');
      if (this.#destroyed) throw new Error('the room was unloaded during the restore');
      const doc = this.#built();
      const originalKeys = readAuthorKeys(sourceDoc);
      const fresh = new Map<string | null, number>();
      const writerOf = (key: string | null): number => {
        let clientId = fresh.get(key);
        if (clientId === undefined) {
          clientId = freshClientId(doc, fresh);
          fresh.set(key, clientId);
          // Unrecorded writers (before members) stay unrecorded, so their items still read as unverified.
          if (key !== null) this.#authorship.claim([clientId], key, SERVER);
        }
        return clientId;
      };
      doc.transact(() => {
        restoreDraft(doc, sourceDoc, { restorer: writerOf(author), writerFor: (client) => writerOf(originalKeys.get(client) ?? null) });
      }, SERVER);
      doc.clientID = AUTHORS_CLIENT_ID;
      checkpoints.changed(author);
      // Answered once stored, as everyone connected receives it (S5).
      await this.#deps.queue.flush();
      return undo;
    } finally {
      sourceDoc.destroy();
    }
  }

  /**
   * Applies a peer's presence; the caller has checked that it may speak for those clients. A
   * member is shown as the server knows them, whatever name or side the state claims (SPEC §6).
   */
  applyAwareness(update: Uint8Array, peer: RoomPeer): void {
    const { member } = peer.identity;
    const stamped = member === null ? update : stampPresence(update, member);
    applyAwarenessUpdate(this.awareness, stamped, { kind: 'peer', peer } satisfies AwarenessOrigin);
  }

  /** Tells every editor here, through the server's own presence, whether saving this persona fails now. */
  setStoreFailing(failing: boolean): void {
    const state: ServerPresence | null = failing ? { saving: 'failing' } : null;
    if (!this.#destroyed) this.awareness.setLocalState(state && { [SERVER_PRESENCE_FIELD]: state });
  }

  /**
   * A change the server makes itself (the old template's text turned into guidance): stored and
   * sent to every peer like a peer's, attributed to no member.
   */
  changeAsServer(change: (doc: Y.Doc) => void): void {
    const doc = this.#built();
    doc.transact(() => change(doc), SERVER);
  }

  /** The peers in the room now (to close those whose access changed). */
  peers(): RoomPeer[] {
    return [...this.#peers.keys()];
  }

  /** The whole document as one update, as it is now (the stored bytes when it is not built yet). */
  state(): Uint8Array {
    return this.#snapshot ?? Y.encodeStateAsUpdate(this.#doc);
  }

  /**
   * The index row as the document says now; null while it is unchanged since it was loaded. Its
   * evidence counts go by each author's team in `directory` (SPEC §6).
   */
  indexEntry(directory: Directory): PersonaIndexEntry | null {
    return this.#changedAt === null ? null : indexEntryOf(this.id, this.#doc, new Date(this.#changedAt), directory);
  }

  /** Folds the stored log into the document's state until no update is left outside it. */
  async compact(): Promise<void> {
    while (this.#compaction || this.#updatesSinceCompaction > 0) {
      this.#compaction ??= this.#compactOnce();
      await this.#compaction;
    }
  }

  /** One compaction, behind every queued write; the count drops only by what it covered. */
  #compactOnce(): Promise<void> {
    const counted = this.#updatesSinceCompaction;
    const run = async () => {
      // Counted updates may still wait in the queue; stored after the state, they would leave
      // a second log entry behind while the count said the log was compact.
      await this.#deps.queue.flush(this.id);
      let before = 0;
      let stateBytes = 0;
      await this.#deps.queue.run(() => {
        const state = Y.encodeStateAsUpdate(this.#built());
        [before, stateBytes] = [this.#storedBytes, state.length];
        return this.#deps.storage.log.compact(this.id, state, this.#appliedSeq);
      });
      this.#updatesSinceCompaction -= counted;
      // What came in while it ran stays in the log beside the new state.
      this.#compactedBytes = stateBytes;
      this.#storedBytes = stateBytes + (this.#storedBytes - before);
    };
    return run().finally(() => {
      this.#compaction = null;
    });
  }

  /** Compacts in the background whenever compactEvery updates have gathered, again if they keep coming. */
  #compactWhenDue(): void {
    // Also by bytes: edits that cancel out (a paste, then its deletion) must not count against the size cap for long.
    const bytesDue = this.#storedBytes - this.#compactedBytes > (this.#deps.maxDocumentBytes ?? Infinity) / 4;
    if (this.#compaction || (this.#updatesSinceCompaction < this.#deps.compactEvery && !bytesDue)) return;
    if (this.#updatesSinceCompaction === 0) return;
    this.#compaction = this.#compactOnce();
    this.#compaction.then(
      () => this.#compactWhenDue(),
      (err: unknown) => this.#deps.logger.error({ err, personaId: this.id }, 'compaction failed; the log is kept'),
    );
  }

  async writeIndex(): Promise<void> {
    this.#cancelIndexTimer();
    if (this.#changedAt === null) return;
    const directory = await (this.#deps.directory?.() ?? directoryOf(this.#deps.storage.people));
    if (this.#destroyed) return;
    const entry = this.indexEntry(directory);
    if (entry) await this.#deps.queue.run(() => this.#deps.storage.index.updateIndex(entry));
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#cancelIndexTimer();
    this.#checkpoints?.dispose();
    this.awareness.off('update', this.#onAwarenessUpdate);
    this.#doc.off('update', this.#onDocUpdate);
    this.#doc.off('afterTransaction', this.#onTransaction);
    this.awareness.destroy();
    this.#doc.destroy();
    this.#snapshot = null;
    this.#peers.clear();
  }

  /** The document, built from the stored snapshot on first use. */
  #built(): Y.Doc {
    if (this.#snapshot !== null && !this.#destroyed) {
      const snapshot = this.#snapshot;
      this.#snapshot = null;
      this.#snapshotStateVector = null;
      Y.applyUpdate(this.#doc, snapshot, LOAD);
    }
    return this.#doc;
  }

  /** What the server has, read from the stored bytes while the document is not built. */
  #step1(): Uint8Array {
    const stateVector =
      this.#snapshot === null
        ? Y.encodeStateVector(this.#doc)
        : (this.#snapshotStateVector ??= Y.encodeStateVectorFromUpdate(this.#snapshot));
    return syncMessage(SyncMessageType.step1, stateVector);
  }

  /** Every transaction on the document is the room's own, made with a RoomOrigin. */
  #onDocUpdate = (update: Uint8Array, origin: RoomOrigin): void => {
    if (origin.kind === 'load') return;
    const sender = origin.kind === 'peer' ? origin.peer : null;
    this.#deps.queue.append(this.id, update, (seq) => {
      this.#appliedSeq = Math.max(this.#appliedSeq, seq);
      this.#deps.metrics.updatesTotal.inc();
      this.#release(update, sender);
    });
    this.#updatesSinceCompaction += 1;
    this.#storedBytes += update.length;
    this.#changedAt = Date.now();
    // Only a real change names its author: a browser sending back what the server has changes nothing.
    if (sender) this.#checkpoints?.changed(sender.identity.author);
    this.#scheduleIndex();
    this.#compactWhenDue();
  };

  #onTransaction = (transaction: Y.Transaction): void => {
    // Reading the document can make a transaction of its own, with no origin.
    const origin = transaction.origin as RoomOrigin | null;
    if (origin?.kind === 'peer') this.#deps.onPeerChange?.(this.id, origin.peer.identity, this.#doc, transaction);
  };

  #onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: AwarenessOrigin,
  ): void => {
    const owner = typeof origin === 'object' && origin.kind === 'peer' ? this.#peers.get(origin.peer) : undefined;
    if (owner) {
      for (const id of added) owner.add(id);
      for (const id of removed) owner.delete(id);
    }
    const changed = [...added, ...updated, ...removed];
    if (changed.length > 0) this.#broadcast(awarenessMessage(this.awareness, changed), null);
    // A client that left keeps no record here once its leaving is sent: cycling client ids grows nothing.
    // The server's own clock stays, so that its next state is newer than the one it withdrew.
    for (const id of removed) if (id !== this.awareness.clientID) this.awareness.meta.delete(id);
  };

  /**
   * Queues a committed update to be sent; the updates committed in one batch go out together once
   * its commits have all run (S5), in the order they were committed.
   */
  #release(update: Uint8Array, sender: RoomPeer | null): void {
    this.#committed.push({ update, sender });
    if (this.#committed.length === 1) queueMicrotask(this.#sendCommitted);
  }

  /**
   * Sends the committed updates as one message per peer, merged: every peer gets all of them but
   * its own, so a batch of n updates from k senders costs k + 1 merges, not n sends per peer.
   */
  #sendCommitted = (): void => {
    const committed = this.#committed;
    this.#committed = [];
    const [first] = committed;
    if (!first || this.#destroyed) return;
    if (committed.length === 1) return this.#broadcast(syncMessage(SyncMessageType.update, first.update), first.sender);
    const senders = new Set<RoomPeer>();
    for (const { sender } of committed) if (sender && this.#peers.has(sender)) senders.add(sender);
    // Y.mergeUpdates returns a lone update as it is.
    const merged = (except: RoomPeer | null): Uint8Array | null => {
      const updates = committed.filter(({ sender }) => except === null || sender !== except).map(({ update }) => update);
      return updates.length === 0 ? null : syncMessage(SyncMessageType.update, Y.mergeUpdates(updates));
    };
    let toEveryone: Uint8Array | null | undefined;
    for (const peer of this.#peers.keys()) {
      const message = senders.has(peer) ? merged(peer) : (toEveryone ??= merged(null));
      if (message) peer.send(message);
    }
  };

  #broadcast(message: Uint8Array, except: RoomPeer | null): void {
    if (this.#destroyed) return;
    for (const peer of this.#peers.keys()) if (peer !== except) peer.send(message);
  }

  #scheduleIndex(): void {
    if (this.#deps.indexDue) return this.#deps.indexDue(this);
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

/** A client id no one has written with in `doc` and not handed out already. */
function freshClientId(doc: Y.Doc, taken: ReadonlyMap<unknown, number>): number {
  const used = new Set(taken.values());
  for (;;) {
    const id = randomInt(2, 2 ** 32);
    if (!doc.store.clients.has(id) && !used.has(id)) return id;
  }
}
