/** How long a probe may take before the database counts as unreachable. */
const PROBE_TIMEOUT_MS = 1_000;
/** How long an answer is reused: /healthz polled many times a second asks the database once. */
const CACHE_MS = 1_000;

/**
 * Whether the process can reach what it depends on (SPEC §9), for /healthz: the probe's answer,
 * reused for a second; several requests meanwhile share one probe. No probe (SQLite): always healthy.
 */
export function cachedHealth(probe: ((timeoutMs: number) => Promise<boolean>) | null, now: () => number = Date.now): () => Promise<boolean> {
  if (probe === null) return () => Promise.resolve(true);
  let last: { ok: boolean; at: number } | null = null;
  let pending: Promise<boolean> | null = null;
  return () => {
    if (last && now() - last.at < CACHE_MS) return Promise.resolve(last.ok);
    pending ??= probe(PROBE_TIMEOUT_MS)
      .catch(() => false)
      .then((ok) => {
        last = { ok, at: now() };
        pending = null;
        return ok;
      });
    return pending;
  };
}
