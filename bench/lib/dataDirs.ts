// Fresh data directories for the servers, and a way to tell when a server has stopped writing to one.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from './wait.ts';

export function makeDataDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `tandem-bench-${label}-`));
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Total size and newest mtime of the files under `dir`, as one comparable string. */
function fingerprint(dir: string): string {
  let bytes = 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    try {
      const stat = statSync(join(entry.parentPath, entry.name));
      bytes += stat.size;
      newest = Math.max(newest, stat.mtimeMs);
    } catch {
      // A file removed between listing and stat (a LevelDB compaction): the next poll sees the change.
    }
  }
  return `${bytes}:${newest}`;
}

/**
 * Waits until nothing under `dir` has changed for `quietMs` (or `timeoutMs` has passed); resolves
 * with the seconds waited. The reference server has no SIGTERM handler, so this is how the bench
 * lets its queued LevelDB writes land before stopping it.
 */
export async function waitForQuietDir(dir: string, quietMs: number, timeoutMs: number, pollMs = 100): Promise<number> {
  const started = performance.now();
  let last = fingerprint(dir);
  let quietSince = performance.now();
  while (performance.now() - quietSince < quietMs && performance.now() - started < timeoutMs) {
    await sleep(pollMs);
    const now = fingerprint(dir);
    if (now !== last) {
      last = now;
      quietSince = performance.now();
    }
  }
  return (performance.now() - started) / 1000;
}
