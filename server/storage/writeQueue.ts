import type { Logger } from 'pino';
import type { StoredUpdate, UpdateLog } from './storage.ts';
import { StoreError } from './storage.ts';

interface PendingUpdate extends StoredUpdate {
  /** Runs once the update is committed, with the sequence number it got; this is where it gets broadcast (S5). */
  onCommitted: (seq: number) => void;
}

export interface WriteQueueOptions {
  log: UpdateLog;
  logger: Logger;
  /** Observes each commit's duration in seconds. */
  observeWrite?: (seconds: number) => void;
  /** First retry delay after a failed write; doubles up to maxRetryDelayMs. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

/** A persona whose writes fail: its updates wait here, retried with backoff, while the others flow. */
interface HeldPersona {
  updates: PendingUpdate[];
  delayMs: number;
  timer: NodeJS.Timeout | null;
  /** Resolved once its updates are stored; rejected when the queue closes first. */
  stored: Promise<void>;
  settle: (err?: Error) => void;
}

interface OpenBatch {
  updates: PendingUpdate[];
  committed: Promise<void>;
}

/** Told when a persona's writes start failing (true) and when they are stored again (false). */
export type StoreHealthListener = (personaId: string, failing: boolean) => void;

/**
 * The single writer in front of the update log. Updates that arrive in one event-loop turn are
 * committed in one transaction, and only then are their broadcasts released. Every other
 * storage operation is chained behind it (`run`), so a compaction never races an append.
 *
 * A write that fails holds back only the personas whose updates failed (issue 14): their updates,
 * and every later one of theirs, wait and are retried with backoff; everyone else's keep flowing.
 */
export class WriteQueue {
  readonly #log: UpdateLog;
  readonly #logger: Logger;
  readonly #observeWrite: (seconds: number) => void;
  readonly #retryDelayMs: number;
  readonly #maxRetryDelayMs: number;
  #pending: PendingUpdate[] = [];
  #scheduled: NodeJS.Immediate | null = null;
  #tail: Promise<unknown> = Promise.resolve();
  /** The batch queued last and not started yet: later updates join it (#queuePending). */
  #open: OpenBatch | null = null;
  #closing = false;
  readonly #held = new Map<string, HeldPersona>();
  readonly #healthListeners = new Set<StoreHealthListener>();

  constructor(options: WriteQueueOptions) {
    this.#log = options.log;
    this.#logger = options.logger;
    this.#observeWrite = options.observeWrite ?? (() => undefined);
    this.#retryDelayMs = options.retryDelayMs ?? 50;
    this.#maxRetryDelayMs = options.maxRetryDelayMs ?? 5_000;
  }

  /** Updates waiting for their commit. */
  get pendingCount(): number {
    let held = 0;
    for (const persona of this.#held.values()) held += persona.updates.length;
    return this.#pending.length + held;
  }

  /** Whether the persona's writes are failing now (its updates held back). */
  isFailing(personaId: string): boolean {
    return this.#held.has(personaId);
  }

  onStoreHealth(listener: StoreHealthListener): () => void {
    this.#healthListeners.add(listener);
    return () => this.#healthListeners.delete(listener);
  }

  append(personaId: string, update: Uint8Array, onCommitted: (seq: number) => void): void {
    const pending = { personaId, update, onCommitted };
    // Behind its own failed updates: a persona's updates are stored, and broadcast, in order.
    const held = this.#held.get(personaId);
    if (held) return void held.updates.push(pending);
    this.#pending.push(pending);
    this.#scheduled ??= setImmediate(() => {
      this.#scheduled = null;
      void this.flush();
    });
  }

  /**
   * Resolves once everything appended so far is committed, but for personas whose writes fail;
   * with `personaId`, rejects when that persona's are failing (a compaction must not run past them).
   */
  async flush(personaId?: string): Promise<void> {
    if (this.#scheduled) {
      clearImmediate(this.#scheduled);
      this.#scheduled = null;
    }
    await this.#queuePending();
    if (personaId !== undefined && this.#held.has(personaId)) {
      throw new StoreError(`the writes of persona ${personaId} are failing; its updates are kept in memory`);
    }
  }

  /** Resolves once everything appended so far for the persona is stored, however long its retries take. */
  async whenStored(personaId: string): Promise<void> {
    for (;;) {
      await this.flush();
      const held = this.#held.get(personaId);
      if (!held) return;
      await held.stored;
    }
  }

  /**
   * Group commit: updates join the batch queued last while it waits for its turn, so what arrives
   * while a commit is on its way (a networked store's round trip and fsync) goes into one next commit.
   */
  #queuePending(): Promise<void> {
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 0) return this.#tail.then(() => undefined);
    const open = this.#open;
    if (open) {
      open.updates.push(...batch);
      return open.committed;
    }
    const next: OpenBatch = { updates: batch, committed: Promise.resolve() };
    next.committed = this.run(() => {
      if (this.#open === next) this.#open = null;
      return this.#commit(next.updates);
    });
    this.#open = next;
    return next.committed;
  }

  /** Runs a storage operation after every write queued before it (and before any queued after it). */
  run<T>(operation: () => Promise<T>): Promise<T> {
    this.#open = null;
    const result = this.#tail.then(operation);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** Flushes once more, tries each failing persona once more, and stops; what cannot be stored is logged. */
  async close(): Promise<void> {
    this.#closing = true;
    await this.flush();
    for (const [personaId, held] of this.#held) {
      if (held.timer) clearTimeout(held.timer);
      await this.run(() => this.#retry(personaId));
    }
  }

  async #commit(batch: PendingUpdate[]): Promise<void> {
    if (await this.#store(batch)) return;
    // One persona's bad write must not hold the others: each persona's part is tried on its own.
    const byPersona = new Map<string, PendingUpdate[]>();
    for (const update of batch) {
      const own = byPersona.get(update.personaId);
      if (own) own.push(update);
      else byPersona.set(update.personaId, [update]);
    }
    for (const [personaId, updates] of byPersona) {
      if (!(await this.#store(updates))) this.#hold(personaId, updates);
    }
  }

  /** Stores the updates and releases their broadcasts; false when the write failed (logged). */
  async #store(updates: PendingUpdate[]): Promise<boolean> {
    const started = performance.now();
    let seqs: number[];
    try {
      seqs = await this.#log.append(updates);
    } catch (err) {
      const personas = [...new Set(updates.map((u) => u.personaId))];
      this.#logger.error({ err, updates: updates.length, personas }, 'store write failed');
      return false;
    }
    this.#observeWrite((performance.now() - started) / 1000);
    if (seqs.length !== updates.length) {
      throw new StoreError(`the log assigned ${seqs.length} sequence numbers to ${updates.length} updates`);
    }
    updates.forEach((update, i) => update.onCommitted(seqs[i] ?? 0));
    return true;
  }

  #hold(personaId: string, updates: PendingUpdate[]): void {
    if (this.#closing) {
      this.#logger.error({ personaId, updates: updates.length }, 'store write failed during shutdown; updates not stored');
      return;
    }
    let settle: HeldPersona['settle'] = () => undefined;
    const stored = new Promise<void>((resolve, reject) => {
      settle = (err) => (err ? reject(err) : resolve());
    });
    stored.catch(() => undefined);
    const held: HeldPersona = { updates, delayMs: this.#retryDelayMs, timer: null, stored, settle };
    this.#held.set(personaId, held);
    this.#logger.error({ personaId, updates: updates.length }, 'store writes of this persona fail; holding its updates and retrying');
    this.#scheduleRetry(personaId, held);
    for (const listener of this.#healthListeners) listener(personaId, true);
  }

  #scheduleRetry(personaId: string, held: HeldPersona): void {
    held.timer = setTimeout(() => {
      held.timer = null;
      void this.run(() => this.#retry(personaId));
    }, held.delayMs);
  }

  async #retry(personaId: string): Promise<void> {
    const held = this.#held.get(personaId);
    if (!held) return;
    // Updates appended while this write runs wait for the next one, in order.
    const batch = held.updates.splice(0);
    if (await this.#store(batch)) {
      this.#held.delete(personaId);
      this.#logger.info({ personaId }, 'store writes of this persona work again');
      for (const update of held.updates) this.append(update.personaId, update.update, update.onCommitted);
      held.settle();
      for (const listener of this.#healthListeners) listener(personaId, false);
      return;
    }
    held.updates.unshift(...batch);
    if (this.#closing) {
      this.#held.delete(personaId);
      this.#logger.error({ personaId, updates: held.updates.length }, 'store write failed during shutdown; updates not stored');
      held.settle(new StoreError(`the writes of persona ${personaId} failed until shutdown`));
      return;
    }
    held.delayMs = Math.min(held.delayMs * 2, this.#maxRetryDelayMs);
    this.#scheduleRetry(personaId, held);
  }
}
