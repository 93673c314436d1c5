import type { Directory } from '../../shared/persona/authors.ts';
import type { CloseReason } from '../../shared/protocol.ts';
import { CloseCodes } from '../../shared/protocol.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { removeUntouchedTemplateText } from '../persona/templateGuidance.ts';
import type { PersonaIndexEntry, PersonaStatus, Storage } from '../storage/storage.ts';
import type { WriteQueue } from '../storage/writeQueue.ts';
import * as Y from 'yjs';
import { recentDirectory } from '../auth/members.ts';
import { archivedCheck } from './archived.ts';
import { IndexRows } from './indexRows.ts';
import type { CheckpointSettings } from '../history/draftCheckpoints.ts';
import type { UpdateCheck } from './peer.ts';
import { Room, type PeerChangeListener } from './room.ts';
import { repairSectionShapes } from './shapeRepair.ts';

/** How stale the members behind an index row's evidence counts may be (the rows are written a second after a change). */
const DIRECTORY_MAX_AGE_MS = 1_000;
/** The changed rooms' index rows are written together this long after the first change. */
const INDEX_DELAY_MS = 1_000;

export interface RoomRegistryOptions {
  storage: Storage;
  queue: WriteQueue;
  logger: Logger;
  metrics: Metrics;
  unloadAfterMs: number;
  compactEvery: number;
  /** Each persona's size cap (see RoomDeps); none when left out. */
  maxDocumentBytes?: number;
  /** Every room's check of its peers' updates (see RoomDeps). */
  checkUpdate?: UpdateCheck;
  /** Every room's listener to its peers' changes (see RoomDeps). */
  onPeerChange?: PeerChangeListener;
  /** Every room's checkpoints of its draft (SPEC §7); none when left out. */
  checkpoints?: CheckpointSettings;
}

/** The persona's stored state is not a Yjs document (a spoiled or truncated row): it is refused (4503), never loaded. */
export class UnreadablePersonaError extends Error {
  override readonly name = 'UnreadablePersonaError';
  constructor(
    readonly personaId: string,
    cause: unknown,
  ) {
    super(`the stored state of persona ${personaId} cannot be read: ${(cause as Error).message}`, { cause });
  }
}

interface Slot {
  room: Room;
  holds: number;
  unloadTimer: NodeJS.Timeout | null;
  /** Set while the room is being written out; joiners wait for it, then load afresh. */
  unloading: Promise<void> | null;
}

/**
 * Loads each persona once, hands it to its connections, and unloads it after a grace period
 * with no connection (S6): compacted, index written, memory released. A failed store keeps
 * the room in memory and tries again later.
 */
export class RoomRegistry {
  readonly #slots = new Map<string, Slot>();
  readonly #loading = new Map<string, Promise<Slot | null>>();
  /** The loaded personas that are archived: their peers' updates are ignored (SPEC §7). */
  readonly #archived = new Set<string>();
  readonly #options: RoomRegistryOptions;
  /** One read of the members per second for all the rooms' index rows. */
  readonly #directory: () => Promise<Directory>;
  readonly #indexRows: IndexRows;
  #closed = false;

  constructor(options: RoomRegistryOptions) {
    this.#options = options;
    this.#directory = recentDirectory(options.storage.people, DIRECTORY_MAX_AGE_MS);
    const { storage, queue, logger } = options;
    this.#indexRows = new IndexRows({ storage, queue, logger, directory: this.#directory, delayMs: INDEX_DELAY_MS });
    // Issue 14: the editors of a persona whose saving fails are told so, while it lasts.
    options.queue.onStoreHealth((personaId, failing) => this.#slots.get(personaId)?.room.setStoreFailing(failing));
  }

  /** The index entry read from the loaded document right now, or null when it is not loaded. */
  liveIndexEntry(personaId: string, directory: Directory): PersonaIndexEntry | null {
    return this.#slots.get(personaId)?.room.indexEntry(directory) ?? null;
  }

  /**
   * The persona's whole document as one update: from memory when it is loaded (what its editors
   * see now), else from the store; null when it does not exist or is in the trash.
   */
  async currentState(personaId: string): Promise<Uint8Array | null> {
    const live = this.#slots.get(personaId);
    if (live) return live.room.state();
    const status = await this.#options.storage.index.status(personaId);
    if (!isOpenable(status)) return null;
    if (status.templateCheckedAt === null) {
      // Not opened since issue 13: loading it turns its old template text into guidance first, so
      // a publish or a PDF never shows that text as content.
      const room = await this.acquire(personaId);
      if (room === null) return null;
      const state = room.state();
      this.release(room);
      return state;
    }
    const stored = await this.#options.storage.log.load(personaId);
    if (stored === null) return null;
    const { updates } = stored;
    return updates.length === 1 && updates[0] ? updates[0] : Y.mergeUpdates(updates);
  }

  /** Whether the persona exists out of the trash, without loading it (S1: a 4404 comes before a viewer's 4403). */
  async exists(personaId: string): Promise<boolean> {
    return this.#slots.has(personaId) || isOpenable(await this.#options.storage.index.status(personaId));
  }

  /**
   * The persona was archived or unarchived (SPEC §7): its loaded room follows at once, and its
   * sockets are closed so that every client reconnects and reads whether it may now edit.
   */
  setArchived(personaId: string, archived: boolean): void {
    if (archived) this.#archived.add(personaId);
    else this.#archived.delete(personaId);
    this.#closePeers(personaId, CloseCodes.LifecycleChanged);
  }

  /**
   * The persona went to the trash: its sockets close with 4404 at once and its room is written out
   * and unloaded; a new socket gets 4404 (its status says trashed, so it is not loaded again).
   */
  async evict(personaId: string): Promise<void> {
    this.#closePeers(personaId, CloseCodes.PersonaNotFound);
    const slot = this.#slots.get(personaId);
    if (!slot) return;
    if (slot.unloadTimer) clearTimeout(slot.unloadTimer);
    slot.unloadTimer = null;
    await (slot.unloading ?? this.#unload(slot));
  }

  #closePeers(personaId: string, close: CloseReason): void {
    for (const peer of this.#slots.get(personaId)?.room.peers() ?? []) peer.close(close);
  }

  /** The persona's room, held until `release`; null when it does not exist (S1: only POST creates one). */
  async acquire(personaId: string): Promise<Room | null> {
    for (;;) {
      if (this.#closed) throw new Error('the server is shutting down');
      const slot = this.#slots.get(personaId);
      if (slot?.unloading) {
        await slot.unloading;
        continue;
      }
      if (slot) {
        slot.holds += 1;
        if (slot.unloadTimer) clearTimeout(slot.unloadTimer);
        slot.unloadTimer = null;
        return slot.room;
      }
      let loading = this.#loading.get(personaId);
      if (!loading) {
        loading = this.#load(personaId).finally(() => this.#loading.delete(personaId));
        this.#loading.set(personaId, loading);
      }
      const loaded = await loading;
      if (loaded === null) return null;
    }
  }

  /** Runs `use` with the persona's room held (loaded if it was not); null when the persona does not exist. */
  async withRoom<T>(personaId: string, use: (room: Room) => Promise<T>): Promise<{ result: T } | null> {
    const room = await this.acquire(personaId);
    if (!room) return null;
    try {
      return { result: await use(room) };
    } finally {
      this.release(room);
    }
  }

  release(room: Room): void {
    const slot = this.#slots.get(room.id);
    if (!slot || slot.room !== room) return;
    slot.holds -= 1;
    if (slot.holds === 0) this.#scheduleUnload(slot);
  }

  /** Writes every room out and drops them; used at shutdown. */
  async close(): Promise<void> {
    this.#closed = true;
    // Every room writes its own row as it unloads.
    this.#indexRows.dispose();
    const slots = [...this.#slots.values()];
    for (const slot of slots) {
      if (slot.unloadTimer) clearTimeout(slot.unloadTimer);
    }
    await Promise.all(slots.map((slot) => slot.unloading ?? this.#unload(slot)));
  }

  async #load(personaId: string): Promise<Slot | null> {
    const { storage, queue, logger, metrics } = this.#options;
    const status = await storage.index.status(personaId);
    if (!isOpenable(status)) return null;
    const stored = await storage.log.load(personaId);
    if (stored === null) return null;
    if (status.archivedAt === null) this.#archived.delete(personaId);
    else this.#archived.add(personaId);
    let room: Room;
    try {
      room = new Room(personaId, stored, {
        storage,
        queue,
        logger,
        metrics,
        compactEvery: this.#options.compactEvery,
        ...(this.#options.maxDocumentBytes !== undefined && { maxDocumentBytes: this.#options.maxDocumentBytes }),
        directory: this.#directory,
        indexDue: (changed) => this.#indexRows.due(changed),
        checkUpdate: archivedCheck(() => this.#archived.has(personaId), this.#options.checkUpdate),
        ...(this.#options.checkpoints && { checkpoints: this.#options.checkpoints }),
        ...(this.#options.onPeerChange && { onPeerChange: this.#options.onPeerChange }),
      });
    } catch (cause) {
      throw new UnreadablePersonaError(personaId, cause);
    }
    // A persona from before the shape guard (never template-checked), or one whose log is applied already (cheap).
    if (status.templateCheckedAt === null || room.hasUncompactedChanges) this.#repairShape(room);
    if (status.templateCheckedAt === null) {
      await this.#turnTemplateIntoGuidance(room, status).catch((err: unknown) =>
        logger.error({ err, personaId }, 'could not turn the old template text into guidance; trying again on the next load'),
      );
    }
    const slot: Slot = { room, holds: 0, unloadTimer: null, unloading: null };
    this.#slots.set(personaId, slot);
    metrics.documentsLoaded.set(this.#slots.size);
    logger.debug({ personaId, storedUpdates: stored.updates.length }, 'persona loaded');
    if (room.hasUncompactedChanges) {
      room.compact().catch((err: unknown) => logger.error({ err, personaId }, 'compaction after load failed'));
    }
    // Not held by anyone yet: unload it unless a connection arrives (the caller holds it at once).
    this.#scheduleUnload(slot);
    return slot;
  }

  /** Issue 13: a persona from before it has its untouched template text turned into guidance, once. */
  async #turnTemplateIntoGuidance(room: Room, status: PersonaStatus): Promise<void> {
    const { storage, queue, logger } = this.#options;
    let found = false;
    room.changeAsServer((doc) => {
      found = removeUntouchedTemplateText(doc);
    });
    // Marked done only once the change is stored; a failure leaves it to the next load.
    await queue.flush();
    await queue.run(() => storage.index.markTemplateChecked(room.id, new Date().toISOString(), found ? 'b2b' : status.template));
    if (found) logger.info({ personaId: room.id }, 'old template text turned into guidance');
  }

  /**
   * Issue 14: foreign items stored directly under a section before the shape guard (they blank it in
   * the editor) become paragraphs holding their text: a server change, stored and sent like any (S5).
   */
  #repairShape(room: Room): void {
    let repaired = 0;
    room.changeAsServer((doc) => {
      repaired = repairSectionShapes(doc);
    });
    if (repaired > 0) this.#options.logger.warn({ personaId: room.id, repaired }, 'foreign items in sections turned into paragraphs');
  }

  #scheduleUnload(slot: Slot): void {
    if (slot.unloadTimer) clearTimeout(slot.unloadTimer);
    slot.unloadTimer = setTimeout(() => {
      slot.unloadTimer = null;
      if (slot.holds === 0 && !slot.unloading) void this.#unload(slot);
    }, this.#options.unloadAfterMs);
  }

  #unload(slot: Slot): Promise<void> {
    const { queue, logger, metrics } = this.#options;
    const { room } = slot;
    const unloading = (async () => {
      try {
        await queue.flush(room.id);
        await room.checkpointChanges();
        await room.compact();
        this.#indexRows.forget(room);
        await room.writeIndex();
      } catch (err) {
        logger.error({ err, personaId: room.id }, 'could not store persona; keeping it in memory');
        slot.unloading = null;
        if (!this.#closed) this.#scheduleUnload(slot);
        return;
      }
      this.#slots.delete(room.id);
      room.destroy();
      metrics.documentsLoaded.set(this.#slots.size);
      logger.debug({ personaId: room.id }, 'persona unloaded');
    })();
    slot.unloading = unloading;
    return unloading;
  }
}

/** A persona whose workshop may open: it exists and is not in the trash (S1). */
function isOpenable(status: PersonaStatus | null): status is PersonaStatus {
  return status !== null && status.trashedAt === null;
}
