// `npx tsx bench/micro/startup.ts [--runs 7] [--only project] [--entry path/to/main.js] [-- node flags]`:
// start-up (spawn → first 200 from the server) and resident memory at rest (VmRSS 2 s later), median
// of the runs, for the project's first start (it creates the admin), a later start (data already
// there), the reference server (LevelDB) and Hocuspocus with its SQLite extension. Every server
// listens on port 0; the port is read from the process's own listening socket in /proc.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { rssBytes, toMB } from '../lib/procStats.ts';
import { percentile } from '../lib/stats.ts';
import { REPO_ROOT } from '../lib/servers.ts';

const CASES = ['first', 'later', 'reference', 'hocuspocus'] as const;
type Case = (typeof CASES)[number];

const { values, positionals } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    only: { type: 'string', multiple: true },
    entry: { type: 'string', default: join(REPO_ROOT, 'dist', 'server', 'main.js') },
    settle: { type: 'string', default: '2000' },
  },
  allowPositionals: true,
});
const RUNS = Number(values.runs);
const SETTLE_MS = Number(values.settle);
const nodeFlags = positionals;
const only = values.only ?? [];
const cases = CASES.filter((c) => only.length === 0 || only.includes(c) || (only.includes('project') && (c === 'first' || c === 'later')));

const AUTH_SECRET = 'tandem-bench-secret-long-enough-for-hs256';
const POLL_MS = 2;
const TIMEOUT_MS = 30_000;
const HOCUSPOCUS = `
import { Server } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';
await new Server({ port: 0, address: '127.0.0.1', quiet: true, extensions: [new SQLite({ database: process.env.DB })] }).listen();
`;

interface Sample {
  startMs: number;
  rssMB: number;
}

function spawnCase(kind: Case, dataDir: string): ChildProcess {
  const env = { ...process.env, HOST: '127.0.0.1', PORT: '0' };
  const options: SpawnOptions = { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] };
  switch (kind) {
    case 'first':
    case 'later':
      return spawn(process.execPath, [...nodeFlags, values.entry], {
        ...options,
        env: { ...env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', AUTH_SECRET },
      });
    case 'reference':
      return spawn(process.execPath, [...nodeFlags, join(REPO_ROOT, 'node_modules/@y/websocket-server/src/server.js')], {
        ...options,
        env: { ...env, YPERSISTENCE: dataDir },
      });
    case 'hocuspocus':
      return spawn(process.execPath, [...nodeFlags, '--input-type=module', '-e', HOCUSPOCUS], {
        ...options,
        env: { ...env, DB: join(dataDir, 'hocuspocus.sqlite') },
      });
  }
}

/** The TCP port `pid` listens on, from its socket inodes and /proc/net/tcp; null while it listens on none. */
function listeningPort(pid: number): number | null {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      const target = safeReadlink(`/proc/${pid}/fd/${fd}`);
      const inode = target?.match(/^socket:\[(\d+)\]$/)?.[1];
      if (inode) inodes.add(inode);
    }
  } catch {
    return null;
  }
  if (inodes.size === 0) return null;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is field 1 (hex ip:port), st field 3 ('0A' = LISTEN), inode field 9.
      if (fields[3] === '0A' && inodes.has(fields[9] ?? '')) return parseInt(fields[1]?.split(':')[1] ?? '', 16);
    }
  }
  return null;
}

function safeReadlink(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}

function status(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const path = '/healthz';
    get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
    }).on('error', () => resolve(null));
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function measure(kind: Case, dataDir: string): Promise<Sample> {
  const started = performance.now();
  const child = spawnCase(kind, dataDir);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const pid = child.pid;
    if (pid === undefined) throw new Error(`${kind}: no pid`);
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${kind} exited (${child.exitCode}) before answering`);
      if (performance.now() - started > TIMEOUT_MS) throw new Error(`${kind} did not answer in ${TIMEOUT_MS} ms`);
      const port = listeningPort(pid);
      if (port !== null && (await status(port)) === 200) break;
      await delay(POLL_MS);
    }
    const startMs = performance.now() - started;
    await delay(SETTLE_MS);
    const rss = toMB(rssBytes(pid));
    if (rss === null) throw new Error(`${kind} is gone after start-up`);
    return { startMs, rssMB: rss };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const samples = new Map<Case, Sample[]>(cases.map((c) => [c, []]));
// The later start's data directory: initialised once by a first start.
const laterDir = mkdtempSync(join(tmpdir(), 'tandem-startup-later-'));
if (cases.includes('later')) await measure('first', laterDir);
try {
  for (let run = 1; run <= RUNS; run++) {
    for (const kind of cases) {
      const dataDir = kind === 'later' ? laterDir : mkdtempSync(join(tmpdir(), `tandem-startup-${kind}-`));
      try {
        samples.get(kind)?.push(await measure(kind, dataDir));
      } finally {
        if (kind !== 'later') rmSync(dataDir, { recursive: true, force: true });
      }
    }
    process.stderr.write(`run ${run}/${RUNS} done\n`);
  }
} finally {
  rmSync(laterDir, { recursive: true, force: true });
}

const median = (xs: number[]) => percentile(xs, 50) ?? NaN;
const rows = cases.map((kind) => {
  const xs = samples.get(kind) ?? [];
  const start = xs.map((s) => s.startMs);
  const rss = xs.map((s) => s.rssMB);
  return `| ${kind} | ${median(start).toFixed(0)} | ${Math.min(...start).toFixed(0)}–${Math.max(...start).toFixed(0)} | ${median(rss).toFixed(1)} | ${Math.min(...rss).toFixed(1)}–${Math.max(...rss).toFixed(1)} |`;
});
process.stdout.write(
  `entry: ${values.entry}${nodeFlags.length > 0 ? `, node ${nodeFlags.join(' ')}` : ''}; ${RUNS} runs, RSS ${SETTLE_MS} ms after the first 200\n` +
    `| server | start-up median (ms) | range | RSS at rest median (MB) | range |\n| --- | --- | --- | --- | --- |\n` +
    `${rows.join('\n')}\n`,
);
