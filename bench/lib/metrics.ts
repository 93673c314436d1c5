// The project server's Prometheus /metrics, read as plain numbers (the reference has no such endpoint).
import type { ServerProcess } from './servers.ts';

export type Samples = ReadonlyMap<string, number>;

/** Every sample line, keyed by its name with labels; empty for the reference server. */
export async function scrapeMetrics(server: ServerProcess): Promise<Samples> {
  const samples = new Map<string, number>();
  if (server.kind !== 'project') return samples;
  const text = await (await fetch(`${server.httpUrl}/metrics`)).text();
  for (const line of text.split('\n')) {
    const match = line.match(/^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/);
    if (match?.[1] !== undefined) samples.set(match[1], Number(match[2]));
  }
  return samples;
}

/** `tandem_documents_loaded`; null for the reference. */
export async function documentsLoaded(server: ServerProcess): Promise<number | null> {
  return (await scrapeMetrics(server)).get('tandem_documents_loaded') ?? null;
}

const COMMITS = 'tandem_store_write_seconds_count';
const COMMIT_SECONDS = 'tandem_store_write_seconds_sum';
const FAST_COMMITS = 'tandem_store_write_seconds_bucket{le="0.005"}';
// prom-client resets its event-loop histogram at every scrape, so these cover the time since the last one.
const LOOP_P99 = 'tandem_process_nodejs_eventloop_lag_p99_seconds';
const LOOP_MAX = 'tandem_process_nodejs_eventloop_lag_max_seconds';

/** What the server's own metrics say about a stretch of load, from scrapes at its start and end. */
export function serverSideFigures(before: Samples, after: Samples) {
  const delta = (name: string) => {
    const [a, b] = [before.get(name), after.get(name)];
    return a === undefined || b === undefined ? null : b - a;
  };
  const ms = (seconds: number | undefined) => (seconds === undefined ? null : seconds * 1000);
  const commits = delta(COMMITS);
  const commitSeconds = delta(COMMIT_SECONDS);
  const fast = delta(FAST_COMMITS);
  return {
    commits,
    commitMeanMs: commits && commitSeconds !== null ? (1000 * commitSeconds) / commits : null,
    slowCommits: commits === null || fast === null ? null : commits - fast,
    loopDelayP99Ms: ms(after.get(LOOP_P99)),
    loopDelayMaxMs: ms(after.get(LOOP_MAX)),
  };
}
