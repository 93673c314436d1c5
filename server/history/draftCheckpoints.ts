// The checkpoints a loaded persona takes of its draft (SPEC §7): one at most `everyMs` after the
// first change since the last one, one before each publish and restore, one when the room unloads
// with changes; the retention rule (retention.ts) is applied each time one is taken. Each is stored
// as what changed since the one before, with a whole state every CHAIN_LENGTH, so loading one
// applies at most that many. What changed is read from the draft when a checkpoint is taken (its
// items after the last one's state vector, its deletions not in the last one's): nothing is done per
// update, and a checkpoint never holds the deletions made before the one it follows.
import * as Y from 'yjs';
import type { Logger } from '../logger.ts';
import type { CheckpointKind, History } from '../storage/storage.ts';
import type { WriteQueue } from '../storage/writeQueue.ts';
import { changesSince, markOf, type DocumentMark } from './changesSince.ts';
import { stateOfChain } from './checkpointState.ts';
import { checkpointsToDrop } from './retention.ts';

/** Checkpoints stored as changes after a whole state, before the next whole state (8 hours of steady editing). */
export const CHAIN_LENGTH = 96;

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

/** The last checkpoint this room stored: what the next one builds on. */
interface Last {
  id: string;
  /** How many updates loading it applies. */
  length: number;
  /** What the draft held when it was taken: the next one stores what changed since. */
  mark: DocumentMark;
}

export class DraftCheckpoints {
  readonly #personaId: string;
  readonly #deps: DraftCheckpointsDeps;
  readonly #now: () => number;
  /** The draft (built on demand by the room). */
  readonly #doc: () => Y.Doc;
  /** Author keys of everyone who changed the draft since the last checkpoint. */
  readonly #authors = new Set<string>();
  #changed = false;
  /** Null while no stored checkpoint is known to hold a state of this draft: the next one is then a whole state. */
  #last: Last | null = null;
  /** Whether the state as loaded is known to be kept (checked before the first change). */
  #baselineChecked = false;
  #timer: NodeJS.Timeout | null = null;
  #disposed = false;

  constructor(personaId: string, doc: () => Y.Doc, deps: DraftCheckpointsDeps) {
    this.#personaId = personaId;
    this.#doc = doc;
    this.#deps = deps;
    this.#now = deps.settings.now ?? Date.now;
  }

  /**
   * Called before the first change after the room loaded, with the draft's state as stored: unless
   * the newest checkpoint holds it, it is kept first, so nothing written before history (or before
   * a crash) is lost.
   */
  beforeChange(loaded: () => Uint8Array): void {
    if (this.#baselineChecked) return;
    this.#baselineChecked = true;
    const state = loaded();
    // The draft as loaded, unchanged yet: what the baseline checkpoint, once known, is followed by.
    const mark = markOf(this.#doc());
    this.#keepBaseline(state, mark, new Date(this.#now()).toISOString()).catch((err: unknown) =>
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
      const id = await queue.run(async () => {
        const doc = this.#doc();
        const last = this.#last && this.#last.length < CHAIN_LENGTH ? this.#last : null;
        const { update, now: mark } = last ? changesSince(doc, last.mark) : { update: Y.encodeStateAsUpdateV2(doc), now: markOf(doc) };
        // Not stored, #last stays: the next checkpoint holds what changed since it, this one's changes too.
        const added = await history.add({ personaId: this.#personaId, at: new Date(now).toISOString(), kind, authors, update, after: last?.id ?? null });
        this.#last = { id: added, length: (last?.length ?? 0) + 1, mark };
        return added;
      });
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

  /** Keeps the state as loaded (`mark`) unless the newest checkpoint holds it; the next checkpoint builds on it. */
  async #keepBaseline(loaded: Uint8Array, mark: DocumentMark, at: string): Promise<void> {
    const { history, queue } = this.#deps;
    const [newest] = await history.list(this.#personaId);
    const chain = newest ? await history.updates(this.#personaId, newest.id) : null;
    if (newest && chain && sameDocument(stateOfChain(chain), loaded)) {
      // Built on, unless a checkpoint was taken meanwhile (it holds everything since the load).
      this.#last ??= { id: newest.id, length: chain.length, mark };
      return;
    }
    const update = Y.convertUpdateFormatV1ToV2(loaded);
    const id = await queue.run(() => history.add({ personaId: this.#personaId, at, kind: 'auto', authors: [], update, after: null }));
    this.#last ??= { id, length: 1, mark };
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

/** Whether two states hold the same document: the same items and the same deletions. */
function sameDocument(a: Uint8Array, b: Uint8Array): boolean {
  const docA = new Y.Doc();
  const docB = new Y.Doc();
  try {
    Y.applyUpdate(docA, a);
    Y.applyUpdate(docB, b);
    return Y.equalSnapshots(Y.snapshot(docA), Y.snapshot(docB));
  } finally {
    docA.destroy();
    docB.destroy();
  }
}
