import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT_DIR } from './app.ts';

/** What the client bundle is built from (index.html and the build plugin live in client/). */
const BUILD_INPUTS = ['client', 'shared', 'vite.config.ts', 'package-lock.json'];

/** The newest modification time among these files and everything under these folders. */
function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  for (const path of paths) {
    const stat = statSync(path);
    if (!stat.isDirectory()) {
      newest = Math.max(newest, stat.mtimeMs);
      continue;
    }
    for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/**
 * Browser tests run against the built client: build it when it is missing or older than any of
 * its sources, so a run never tests a stale bundle. After `npm test`'s own build it is current.
 */
export default function setup(): void {
  const bundle = join(CLIENT_DIR, 'index.html');
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= newestMtime(BUILD_INPUTS)) return;
  const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('vite build failed; the browser tests need dist/client');
}
