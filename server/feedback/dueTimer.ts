import type { Logger } from '../logger.ts';

export interface DueTimerOptions {
  /** When the store next has something due; null when nothing waits. */
  nextDueAt: () => Promise<string | null>;
  /** Does everything due now. */
  work: () => Promise<void>;
  logger: Logger;
  /** What is sent, for the log: "mail", "webhook deliveries". */
  what: string;
}

/** The longest the timer sleeps, so that a changed clock is noticed within the hour. */
const MAX_SLEEP_MS = 3_600_000;
/** After a pass failed (the store refused), the next waits this long rather than spin. */
const PASS_FAILED_WAIT_MS = 5_000;

/**
 * Runs queued work when it falls due, as a durable queue's next time says: one pass at a time (a
 * pass asked for during one runs right after it), the timer set again after each, and never
 * keeping the process alive.
 */
export class DueTimer {
  readonly #o: DueTimerOptions;
  #timer: NodeJS.Timeout | null = null;
  #pass: Promise<void> | null = null;
  #again = false;
  #closed = false;
  #holdBackUntil = 0;

  constructor(options: DueTimerOptions) {
    this.#o = options;
  }

  /** Sets the timer for the next thing due (at once when something is due now). */
  wake(): void {
    if (this.#closed) return;
    void this.#o.nextDueAt().then(
      (next) => {
        if (this.#closed || next === null) return;
        if (this.#timer) clearTimeout(this.#timer);
        const delay = Math.min(Math.max(Date.parse(next), this.#holdBackUntil) - Date.now(), MAX_SLEEP_MS);
        this.#timer = setTimeout(() => void this.run(), Math.max(delay, 0));
        this.#timer.unref();
      },
      (err: unknown) => this.#o.logger.error({ err }, `${this.#o.what}: the queue could not be read`),
    );
  }

  /** Does what is due now; resolves when done (with the pass already running, after it and one more). */
  run(): Promise<void> {
    if (this.#pass) {
      this.#again = true;
      return this.#pass;
    }
    this.#pass = (async () => {
      do {
        this.#again = false;
        try {
          await this.#o.work();
        } catch (err) {
          this.#holdBackUntil = Date.now() + PASS_FAILED_WAIT_MS;
          this.#o.logger.error({ err }, `${this.#o.what}: the queue could not be read`);
        }
      } while (this.#again && !this.#closed);
    })().finally(() => {
      this.#pass = null;
      this.wake();
    });
    return this.#pass;
  }

  get closed(): boolean {
    return this.#closed;
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#pass;
  }
}
