/** A token bucket: `burst` tokens at most, refilled at `perSecond`. */
export class TokenBucket {
  #tokens: number;
  #refilledAt = performance.now();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
  ) {
    this.#tokens = burst;
  }

  /** Takes `count` tokens (one by default); false, taking none, when fewer are left. */
  take(count = 1): boolean {
    const now = performance.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#refilledAt) / 1000) * this.perSecond);
    this.#refilledAt = now;
    if (this.#tokens < count) return false;
    this.#tokens -= count;
    return true;
  }
}
