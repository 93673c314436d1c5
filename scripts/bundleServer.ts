/**
 * Part of `npm run build`, after tsc: the server's entry bundled into one `dist/server/main.js`, with
 * what it imports lazily (the HTTP app, prom-client, sign-in) split into `dist/server/chunks/`.
 * Node then reads, resolves and compiles a handful of files at start instead of some 300 modules.
 * tsc's per-module output stays beside it for the PDF worker, which starts apart on first use.
 */
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const OUT_DIR = 'dist/server';

rmSync(`${OUT_DIR}/chunks`, { recursive: true, force: true });
await build({
  entryPoints: { main: 'server/main.ts' },
  outdir: OUT_DIR,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // A native addon: loaded from node_modules as it is.
  external: ['better-sqlite3'],
  // The CommonJS packages in the bundle (ws, pino, …) call require(), which an ES module lacks.
  banner: { js: "import { createRequire as __tandemCreateRequire } from 'node:module'; const require = __tandemCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
