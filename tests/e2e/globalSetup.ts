import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CLIENT_DIR } from './app.ts';

/** Browser tests run against the built client; build it once if `npm test` has not already. */
export default function setup(): void {
  if (existsSync(`${CLIENT_DIR}/index.html`)) return;
  const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('vite build failed; the browser tests need dist/client');
}
