// The checkpoints a loaded persona takes of its draft (SPEC §7): one at most `everyMs` after the
// first change since the last one, one before each publish and restore, one when the room unloads
// with changes; the retention rule (retention.ts) is applied each time one is taken.
import { Buffer } from 'node:buffer';
import type { Logger } from '../logger.ts';
import type { CheckpointKind, History } from '../storage/storage.ts';
import type { WriteQueue } from '../storage/writeQueue.ts';
import { checkpointsToDrop } from './retention.ts';

export interface CheckpointSettings {
  /** A checkpoint is taken at most this long after the first change since the last one (CHECKPOINT_EVERY_MS). */
  everyMs: number;
  /** The clock (epoch ms); injectable so a bench can simulate a week. */
  now?: () => number;
}

export interface DraftCheckpointsDeps {
  history: History;
  queue: WriteQueue;
  logger: Logger;
  settings: CheckpointSettings;
}

export class DraftCheckpoints {
  readonly #personaId: string;
  readonly #deps: DraftCheckpointsDeps;
  readonly #now: () => number;
  /** The draft's whole state as it is now. */
  readonly #state: () => Uint8Array;
  /** Author keys of everyone who changed the draft since the last checkpoint. */
  readonly #authors = new Set<string>();
  #changed = false;
  /** Whether the state as loaded is known to be kept (checked before the first change). */
  #baselineChecked = false;
  #timer: NodeJS.Timeout | null = null;
  #disposed = false;

  constructor(personaId: string, state: () => Uint8Array, deps: DraftCheckpointsDeps) {
    this.#personaId = personaId;
    this.#state = state;
    this.#deps = deps;
    this.#now = deps.settings.now ?? Date.now;
  }

  /**
   * Called before the first change after the room loaded: unless the newest checkpoint holds the
   * draft as it is, it is kept first, so nothing written before history (or before a crash) is lost.
   */
  beforeChange(): void {
    if (this.#baselineChecked) return;
    this.#baselineChecked = true;
    const loaded = this.#state();
    this.#keepBaseline(loaded, new Date(this.#now()).toISOString()).catch((err: unknown) =>
      this.#deps.logger.error({ err, personaId: this.#personaId }, 'could not keep the draft as loaded in its history'),
    );
  }

  /** A change by `author` (null: the server's own) went into the draft. */
  changed(author: string | null): void {
    this.#changed = true;
    if (author !== null) this.#authors.add(author);
    if (this.#timer || this.#disposed) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.takeIfChanged().catch((err: unknown) =>
        this.#deps.logger.error({ err, personaId: this.#personaId }, 'could not take a checkpoint; trying again later'),
      );
    }, this.#deps.settings.everyMs);
  }

  get hasChanges(): boolean {
    return this.#changed;
  }

  /** An automatic checkpoint, when the draft changed since the last one; null when it did not. */
  takeIfChanged(): Promise<string | null> {
    return this.#changed ? this.take('auto') : Promise.resolve(null);
  }

  /** Takes a checkpoint of the draft as it is now; on failure the changes stay counted for the next one. */
  async take(kind: CheckpointKind): Promise<string> {
    this.#cancelTimer();
    this.#baselineChecked = true;
    const authors = [...this.#authors];
    this.#authors.clear();
    this.#changed = false;
    const now = this.#now();
    const { history, queue } = this.#deps;
    try {
      const id = await queue.run(() =>
        history.add({ personaId: this.#personaId, at: new Date(now).toISOString(), kind, authors, state: this.#state() }),
      );
      await this.#applyRetention(now);
      return id;
    } catch (err) {
      for (const author of authors) this.#authors.add(author);
      if (!this.#disposed) this.changed(null);
      throw err;
    }
  }

  dispose(): void {
    this.#disposed = true;
    this.#cancelTimer();
  }

  async #keepBaseline(loaded: Uint8Array, at: string): Promise<void> {
    const { history, queue } = this.#deps;
    const [newest] = await history.list(this.#personaId);
    const kept = newest ? await history.state(this.#personaId, newest.id) : null;
    if (kept && Buffer.from(kept).equals(loaded)) return;
    await queue.run(() => history.add({ personaId: this.#personaId, at, kind: 'auto', authors: [], state: loaded }));
  }

  async #applyRetention(now: number): Promise<void> {
    const { history, queue, logger } = this.#deps;
    try {
      const drop = checkpointsToDrop(await history.list(this.#personaId), now);
      if (drop.length > 0) await queue.run(() => history.prune(this.#personaId, drop));
    } catch (err) {
      logger.error({ err, personaId: this.#personaId }, 'could not apply the history retention rule');
    }
  }

  #cancelTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
