// Client 1: how much JavaScript the first screen costs, as the built client ships it (dist/client).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { REPO_ROOT } from '../lib/servers.ts';
import type { Scenario } from './scenario.ts';
import { fmt, num } from './scenario.ts';

const CLIENT_DIR = join(REPO_ROOT, 'dist', 'client');
const GZIP_LEVEL = constants.Z_BEST_COMPRESSION;
const TARGET_KB = 300;
/** 1 kB = 1,000 bytes, as Vite's build report counts. */
const KB = 1000;

interface JsFile {
  path: string;
  bytes: number;
  gzipBytes: number;
}

function measure(urlPath: string): JsFile {
  const file = join(CLIENT_DIR, urlPath.replace(/^\//, '').split(/[?#]/)[0] ?? '');
  if (!existsSync(file)) throw new Error(`index.html names ${urlPath}, which is not in dist/client`);
  const source = readFileSync(file);
  return { path: urlPath, bytes: source.length, gzipBytes: gzipSync(source, { level: GZIP_LEVEL }).length };
}

/** The value of `name` in one tag's attribute text, quoted or not. */
function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3] ?? null) : null;
}

/** Every script the HTML runs as a module and every module it preloads, in document order. */
export function initialScripts(html: string): string[] {
  const urls: string[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const isScript = /^<script/i.test(tag);
    const url = isScript
      ? attribute(tag, 'type') === 'module' ? attribute(tag, 'src') : null
      : attribute(tag, 'rel') === 'modulepreload' ? attribute(tag, 'href') : null;
    if (url !== null && !urls.includes(url)) urls.push(url);
  }
  return urls;
}

const sum = (files: readonly JsFile[], key: 'bytes' | 'gzipBytes') => files.reduce((total, f) => total + f[key], 0) / KB;
const describeFiles = (files: readonly JsFile[]) =>
  files.map((f) => `\`${f.path}\` ${fmt(f.gzipBytes / KB)} kB gzip (${fmt(f.bytes / KB)} kB raw)`).join(', ');

export const initialJs: Scenario = {
  name: 'initial-js',
  title: 'Client: initial JavaScript',
  describe() {
    return (
      'The JavaScript the route `/` loads: every `<script type="module" src>` and `<link rel="modulepreload" href>` ' +
      `in \`dist/client/index.html\`, each gzip-compressed on its own with node:zlib at level ${GZIP_LEVEL} (best), ` +
      'summed. The other `.js` files under `dist/client/assets` are loaded lazily (the workshop) and are listed ' +
      'for information. 1 kB = 1,000 bytes. No server is involved.'
    );
  },
  servers: ['project'],
  rows: [
    { key: 'initialGzipKB', label: 'initial JS, gzip (kB)', digits: 1 },
    { key: 'initialRawKB', label: 'initial JS, uncompressed (kB)', digits: 1 },
    { key: 'initialFiles', label: 'initial JS files', digits: 0 },
    { key: 'lazyGzipKB', label: 'lazy chunks, gzip (kB)', digits: 1 },
    { key: 'lazyRawKB', label: 'lazy chunks, uncompressed (kB)', digits: 1 },
    { key: 'lazyFiles', label: 'lazy chunks', digits: 0 },
    { key: 'serviceWorkerGzipKB', label: '`/sw.js`, gzip (kB)', digits: 1 },
  ],

  async run(_kind, ctx) {
    const indexFile = join(CLIENT_DIR, 'index.html');
    if (!existsSync(indexFile)) throw new Error('dist/client/index.html is missing: run `npm run build` first');
    const initial = initialScripts(readFileSync(indexFile, 'utf8')).map(measure);
    if (initial.length === 0) throw new Error('dist/client/index.html loads no module script');
    const initialPaths = new Set(initial.map((f) => f.path));
    const lazy = readdirSync(join(CLIENT_DIR, 'assets'))
      .filter((name) => name.endsWith('.js'))
      .map((name) => `/assets/${name}`)
      .filter((path) => !initialPaths.has(path))
      .map(measure);
    const serviceWorker = existsSync(join(CLIENT_DIR, 'sw.js')) ? measure('/sw.js') : null;
    ctx.log(`initial JS ${fmt(sum(initial, 'gzipBytes'))} kB gzip in ${initial.length} file(s); lazy ${fmt(sum(lazy, 'gzipBytes'))} kB`);
    const notes = [`initial: ${describeFiles(initial)}`];
    if (lazy.length > 0) notes.push(`lazy: ${describeFiles(lazy)}`);
    if (serviceWorker !== null) {
      const source = readFileSync(join(CLIENT_DIR, 'sw.js'), 'utf8');
      const precached = lazy.filter((f) => source.includes(f.path)).map((f) => `\`${f.path}\``);
      notes.push(
        '`/sw.js` is registered by the initial JS once it runs and is not counted above' +
          (precached.length > 0
            ? `; it precaches ${precached.join(', ')}, so a first visit to \`/\` also downloads the lazy chunks, in the background once the worker installs.`
            : '.'),
      );
    }
    return {
      figures: {
        initialGzipKB: sum(initial, 'gzipBytes'),
        initialRawKB: sum(initial, 'bytes'),
        initialFiles: initial.length,
        lazyGzipKB: sum(lazy, 'gzipBytes'),
        lazyRawKB: sum(lazy, 'bytes'),
        lazyFiles: lazy.length,
        serviceWorkerGzipKB: serviceWorker === null ? null : serviceWorker.gzipBytes / KB,
      },
      notes,
    };
  },

  targets(project) {
    const initialKB = num(project, 'initialGzipKB');
    return [
      {
        description: `client: initial JS ≤ ${TARGET_KB} kB gzip`,
        met: initialKB === null ? null : initialKB <= TARGET_KB,
        detail: `${fmt(initialKB)} kB gzip for \`/\` (lazy workshop chunks: ${fmt(num(project, 'lazyGzipKB'))} kB more)`,
      },
    ];
  },
};
