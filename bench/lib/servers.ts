// Starts the servers under test (the project and two peers) as child processes, each on its own data directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Team } from '../../shared/api.ts';
import type { BenchPeople } from './people.ts';
import { createPersona, inviteMember, tokenOfLink } from './people.ts';

export const SERVER_KINDS = ['project', 'reference', 'hocuspocus'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];
/** The other Yjs servers the project is measured against. */
export const PEER_KINDS = ['reference', 'hocuspocus'] as const satisfies readonly ServerKind[];

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const OUT_DIR = join(REPO_ROOT, 'bench', 'out');

const AUTH_SECRET = 'tandem-bench-secret-long-enough-for-hs256';
const BUILT_ENTRY = join(REPO_ROOT, 'dist', 'server', 'main.js');
const REFERENCE_ENTRY = join(REPO_ROOT, 'node_modules', '@y', 'websocket-server', 'src', 'server.js');
const HOCUSPOCUS_ENTRY = join(REPO_ROOT, 'bench', 'peers', 'hocuspocus.mjs');
const HOCUSPOCUS_DATABASE = 'hocuspocus.sqlite';
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 60_000;
const PEER_START_ATTEMPTS = 3;

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  readonly kind: ServerKind;
  readonly pid: number;
  readonly dataDir: string;
  readonly httpUrl: string;
  /** `serverUrl` for y-websocket's WebsocketProvider; the room name is appended by the provider. */
  readonly collabUrl: string;
  /** URL parameters the provider sends by default (the bench editor's member token, for the project). */
  readonly params: Record<string, string>;
  /** The project's first admin and bench editor (pass them to a restart on the same data directory); null for the peers. */
  readonly people: BenchPeople | null;
  /**
   * A new persona's room name. The project creates personas only through `POST /api/personas` (its
   * sockets answer 4404 for any other id); the peers open any name, so `label` is the name.
   */
  createPersona(label: string): Promise<string>;
  /** The provider parameters of a newly invited editor of `team` (none for the peers). */
  newEditor(name: string, team: Exclude<Team, 'other'>): Promise<Record<string, string>>;
  /** SIGTERM, then waits for the process to be gone. */
  stop(): Promise<ExitInfo>;
  /** SIGKILL, then waits for the process to be gone. */
  kill(): Promise<ExitInfo>;
}

export interface StartOptions {
  dataDir: string;
  /** Extra environment for the project server (e.g. UNLOAD_AFTER_MS). */
  env?: Record<string, string>;
  /** Name of the log file under bench/out/logs. */
  logName: string;
  /** The project's people from an earlier start on this data directory (a restart prints no first-admin link). */
  people?: BenchPeople | null;
}

/** How the project server is started: the built JS when present (tsx adds its own overhead). */
export function projectCommand(): { args: string[]; description: string } {
  // Another build of the project (an A/B comparison of two commits), when TANDEM_SERVER_ENTRY names one.
  const other = process.env['TANDEM_SERVER_ENTRY'];
  if (other) return { args: [other], description: `node ${other}` };
  if (existsSync(BUILT_ENTRY)) {
    return { args: [BUILT_ENTRY], description: 'node dist/server/main.js' };
  }
  return { args: ['--import', 'tsx', join(REPO_ROOT, 'server', 'main.ts')], description: 'node --import tsx server/main.ts' };
}

/** A warning when dist/ is older than the sources it was built from, else null. */
export function staleBuildWarning(): string | null {
  if (!existsSync(BUILT_ENTRY)) return null;
  const built = statSync(BUILT_ENTRY).mtimeMs;
  const newest = Math.max(newestMtime(join(REPO_ROOT, 'server')), newestMtime(join(REPO_ROOT, 'shared')));
  if (newest > built) return 'dist/ is older than server/ or shared/: run `npm run build` first';
  const builtClient = join(REPO_ROOT, 'dist', 'client', 'index.html');
  if (!existsSync(builtClient)) return 'dist/client is missing: the client scenarios need `npm run build`';
  const newestClient = Math.max(newestMtime(join(REPO_ROOT, 'client', 'src')), newestMtime(join(REPO_ROOT, 'shared')));
  return newestClient > statSync(builtClient).mtimeMs ? 'dist/client is older than client/src or shared/: run `npm run build` first' : null;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export async function startServer(kind: ServerKind, options: StartOptions): Promise<ServerProcess> {
  if (kind === 'project') return startProject(options);
  // A peer is given a port that was free a moment ago; another process on the machine may take it first.
  for (let attempt = 1; ; attempt++) {
    try {
      return await (kind === 'reference' ? startReference(options) : startHocuspocus(options));
    } catch (err) {
      if (attempt >= PEER_START_ATTEMPTS || !(err instanceof Error) || !err.message.includes('exited early')) throw err;
    }
  }
}

/**
 * Spawns a server on a free port with nothing more (no wait, no people), for timing its start-up:
 * the child and the URL that answers plain HTTP once it serves (the project's `/healthz`).
 */
export async function spawnBare(kind: ServerKind, dataDir: string, logName: string): Promise<{ child: ChildProcess; probeUrl: string }> {
  const port = await freePort();
  const probeUrl = `http://127.0.0.1:${port}${kind === 'project' ? '/healthz' : '/'}`;
  const common = { HOST: '127.0.0.1', PORT: String(port) };
  if (kind === 'project') {
    return { child: spawnLogged(projectCommand().args, logName, { ...common, DATA_DIR: dataDir, AUTH_SECRET, LOG_LEVEL: 'info' }), probeUrl };
  }
  if (kind === 'reference') return { child: spawnLogged([REFERENCE_ENTRY], logName, { ...common, YPERSISTENCE: dataDir }), probeUrl };
  return { child: spawnLogged([HOCUSPOCUS_ENTRY], logName, { ...common, DATABASE: join(dataDir, HOCUSPOCUS_DATABASE) }), probeUrl };
}

const LISTENING = /listening on http:\/\/127\.0\.0\.1:(\d+)/;
/** The first start prints the first admin's personal link (SPEC §3), before or after the line above. */
const FIRST_ADMIN_LINK = /^\s*(https?:\/\/\S+\?token=\S+)\s*$/;

/** With `--store postgres`: the PostgreSQL the project keeps its data in, one database per data directory. */
let projectPostgres: string | null = null;

/** Points every later project start at this PostgreSQL (null: the SQLite file in its data directory). */
export function useProjectPostgres(url: string | null): void {
  projectPostgres = url;
}

/** The database of one data directory on the project's PostgreSQL, created on its first start. */
async function databaseOf(dataDir: string): Promise<Record<string, string>> {
  if (projectPostgres === null) return {};
  const name = `bench_${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`;
  const client = new pg.Client({ connectionString: projectPostgres });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(projectPostgres);
  url.pathname = `/${name}`;
  return { DATABASE_URL: url.toString() };
}

async function startProject({ dataDir, env = {}, logName, people: earlier = null }: StartOptions): Promise<ServerProcess> {
  const child = spawnLogged(projectCommand().args, logName, {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    AUTH_SECRET,
    LOG_LEVEL: 'info',
    ...(await databaseOf(dataDir)),
    ...env,
  });
  let port: number;
  let people: BenchPeople;
  try {
    const [listening, adminLink] = await waitForLines(child, earlier === null ? [LISTENING, FIRST_ADMIN_LINK] : [LISTENING], logName);
    port = Number(listening?.[1]);
    people = earlier ?? (await benchPeople(`http://127.0.0.1:${port}`, adminLink?.[1]));
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  const httpUrl = `http://127.0.0.1:${port}`;
  const { adminToken, editorToken } = people;
  return wrap('project', child, dataDir, port, `ws://127.0.0.1:${port}/collab`, { token: editorToken }, {
    people,
    createPersona: (label) => createPersona(httpUrl, editorToken, label),
    newEditor: async (name, team) => ({ token: (await inviteMember(httpUrl, adminToken, { name, team, role: 'editor' })).token }),
  });
}

/** The first admin (from their printed link) and a marketing editor they invite for the bench. */
async function benchPeople(httpUrl: string, adminLink: string | undefined): Promise<BenchPeople> {
  if (adminLink === undefined) throw new Error('the first start printed no admin link');
  const adminToken = tokenOfLink(adminLink);
  const editor = await inviteMember(httpUrl, adminToken, { name: 'Bench editor', team: 'marketing', role: 'editor' });
  return { adminToken, editorToken: editor.token };
}

async function startReference({ dataDir, logName }: StartOptions): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawnLogged([REFERENCE_ENTRY], logName, {
    HOST: '127.0.0.1',
    PORT: String(port),
    YPERSISTENCE: dataDir,
  });
  await waitForLines(child, [/running at '127\.0\.0\.1' on port (\d+)/], logName);
  return wrap('reference', child, dataDir, port, `ws://127.0.0.1:${port}`, {}, {
    people: null,
    createPersona: (label) => Promise.resolve(label),
    newEditor: () => Promise.resolve({}),
  });
}

/** Hocuspocus 4.7 with its SQLite extension (bench/peers/hocuspocus.mjs), on a SQLite file in `dataDir`. */
async function startHocuspocus({ dataDir, logName }: StartOptions): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawnLogged([HOCUSPOCUS_ENTRY], logName, {
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE: join(dataDir, HOCUSPOCUS_DATABASE),
  });
  await waitForLines(child, [/hocuspocus listening on 127\.0\.0\.1:(\d+)/], logName);
  return wrap('hocuspocus', child, dataDir, port, `ws://127.0.0.1:${port}`, {}, {
    people: null,
    createPersona: (label) => Promise.resolve(label),
    newEditor: () => Promise.resolve({}),
  });
}

function spawnLogged(args: string[], logName: string, env: Record<string, string>): ChildProcess {
  const logDir = join(OUT_DIR, 'logs');
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, `${logName}.log`));
  const child = spawn(process.execPath, [...(process.env['SERVER_NODE_ARGS']?.split(' ') ?? []), ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  child.once('exit', () => setTimeout(() => log.end(), 100));
  return child;
}

/** Resolves once a line has matched each pattern, in whatever order they come, with their matches in the patterns' order. */
function waitForLines(child: ChildProcess, patterns: readonly RegExp[], logName: string): Promise<RegExpMatchArray[]> {
  const stdout = child.stdout;
  if (!stdout) throw new Error('server stdout is not piped');
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: stdout });
    const matches: (RegExpMatchArray | undefined)[] = patterns.map(() => undefined);
    const missing = () => patterns.filter((_, i) => matches[i] === undefined);
    const fail = (why: string) => {
      clearTimeout(timer);
      lines.close();
      // A server that never became ready must not outlive the scenario.
      child.kill('SIGKILL');
      reject(new Error(`${logName}: ${why}; see bench/out/logs/${logName}.log`));
    };
    const timer = setTimeout(() => fail(`server did not print ${missing().join(' and ')} in time`), READY_TIMEOUT_MS);
    const onExit = (code: number | null) => fail(`server exited early with code ${code}`);
    child.once('exit', onExit);
    lines.on('line', (line) => {
      patterns.forEach((pattern, i) => {
        matches[i] ??= pattern.exec(line) ?? undefined;
      });
      if (missing().length > 0) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      // Keep draining stdout into the log only; the lines awaited have been seen.
      lines.close();
      resolve(matches.filter((match) => match !== undefined));
    });
  });
}

function wrap(
  kind: ServerKind,
  child: ChildProcess,
  dataDir: string,
  port: number,
  collabUrl: string,
  params: Record<string, string>,
  actions: Pick<ServerProcess, 'people' | 'createPersona' | 'newEditor'>,
): ServerProcess {
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${kind} server has no pid`);
  const exited = new Promise<ExitInfo>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
    } else {
      child.once('exit', (code, signal) => resolve({ code, signal }));
    }
  });
  const signalAndWait = async (signal: NodeJS.Signals): Promise<ExitInfo> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const timeout = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    const info = await exited;
    clearTimeout(timeout);
    return info;
  };
  return {
    kind,
    pid,
    dataDir,
    httpUrl: `http://127.0.0.1:${port}`,
    collabUrl,
    params,
    ...actions,
    stop: () => signalAndWait('SIGTERM'),
    kill: () => signalAndWait('SIGKILL'),
  };
}

/** A port nothing listens on right now: bound on port 0, then released. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}
