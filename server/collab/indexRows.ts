import type { Directory } from '../../shared/persona/authors.ts';
import type { Logger } from '../logger.ts';
import type { Storage } from '../storage/storage.ts';
import type { WriteQueue } from '../storage/writeQueue.ts';
import type { Room } from './room.ts';

export interface IndexRowsDeps {
  storage: Storage;
  queue: WriteQueue;
  logger: Logger;
  directory: () => Promise<Directory>;
  /** How long after a room's change its row is written (with every other room's changed meanwhile). */
  delayMs: number;
}

/**
 * The persona list's rows of the loaded personas that changed, written together: one commit a
 * second for every busy room, instead of one commit (and its fsync, on the event loop) per room.
 */
export class IndexRows {
  readonly #deps: IndexRowsDeps;
  #due = new Set<Room>();
  /** The batch being written; a room unloading meanwhile leaves it too. */
  #writing = new Set<Room>();
  #timer: NodeJS.Timeout | null = null;

  constructor(deps: IndexRowsDeps) {
    this.#deps = deps;
  }

  /** The room's document changed: its row is written with the next batch. */
  due(room: Room): void {
    this.#due.add(room);
    this.#timer ??= setTimeout(() => {
      this.#timer = null;
      void this.#write();
    }, this.#deps.delayMs);
  }

  /** The room writes its own row now (it is unloading): it is left out of the next batch. */
  forget(room: Room): void {
    this.#due.delete(room);
    this.#writing.delete(room);
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#due.clear();
    this.#writing.clear();
  }

  async #write(): Promise<void> {
    const rooms = this.#due;
    this.#writing = rooms;
    this.#due = new Set();
    const { storage, queue, logger, directory } = this.#deps;
    try {
      const members = await directory();
      const entries = [...rooms].flatMap((room) => room.indexEntry(members) ?? []);
      if (entries.length > 0) await queue.run(() => storage.index.updateIndex(...entries));
    } catch (err) {
      logger.error({ err, personas: rooms.size }, 'could not update the persona index');
    }
  }
}
