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

/**
 * The single writer in front of the update log. Updates that arrive in one event-loop turn are
 * committed in one transaction, and only then are their broadcasts released. Every other
 * storage operation is chained behind it (`run`), so a compaction never races an append.
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
  #closing = false;

  constructor(options: WriteQueueOptions) {
    this.#log = options.log;
    this.#logger = options.logger;
    this.#observeWrite = options.observeWrite ?? (() => undefined);
    this.#retryDelayMs = options.retryDelayMs ?? 50;
    this.#maxRetryDelayMs = options.maxRetryDelayMs ?? 5_000;
  }

  /** Updates waiting for their commit. */
  get pendingCount(): number {
    return this.#pending.length;
  }

  append(personaId: string, update: Uint8Array, onCommitted: (seq: number) => void): void {
    this.#pending.push({ personaId, update, onCommitted });
    this.#scheduled ??= setImmediate(() => {
      this.#scheduled = null;
      void this.flush();
    });
  }

  /** Resolves once everything appended so far is committed. */
  flush(): Promise<void> {
    if (this.#scheduled) {
      clearImmediate(this.#scheduled);
      this.#scheduled = null;
    }
    const batch = this.#pending;
    if (batch.length === 0) return this.#tail.then(() => undefined);
    this.#pending = [];
    return this.run(() => this.#commit(batch));
  }

  /** Runs a storage operation after every write queued before it. */
  run<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(operation);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** Flushes once more and stops retrying failed writes; what cannot be stored is logged. */
  async close(): Promise<void> {
    this.#closing = true;
    await this.flush();
  }

  async #commit(batch: PendingUpdate[]): Promise<void> {
    let delay = this.#retryDelayMs;
    let seqs: number[];
    for (;;) {
      const started = performance.now();
      try {
        seqs = await this.#log.append(batch);
        this.#observeWrite((performance.now() - started) / 1000);
        break;
      } catch (err) {
        if (this.#closing) {
          this.#logger.error({ err, updates: batch.length }, 'store write failed during shutdown; updates not stored');
          return;
        }
        // Nothing is broadcast until it is stored: keep the batch and try again.
        this.#logger.error({ err, updates: batch.length, retryInMs: delay }, 'store write failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, this.#maxRetryDelayMs);
      }
    }
    if (seqs.length !== batch.length) {
      throw new StoreError(`the log assigned ${seqs.length} sequence numbers to ${batch.length} updates`);
    }
    batch.forEach((update, i) => update.onCommitted(seqs[i] ?? 0));
  }
}
