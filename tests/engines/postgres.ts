// A throwaway PostgreSQL for the tests: initdb in a temp directory, pg_ctl on a free port, its unix
// socket in that directory, trust authentication. As root it runs as the `postgres` user (initdb refuses root).
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './freePort.ts';

export interface PostgresEngine {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  /** Stops the server (fast shutdown); `start` brings it back on the same data and port. */
  stop(): void;
  start(): void;
  /** Stops it and removes its directory. */
  remove(): void;
}

/** Where Debian keeps PostgreSQL's programs (the newest version installed), or POSTGRES_BIN. */
export function postgresBin(): string | null {
  if (process.env.POSTGRES_BIN) return process.env.POSTGRES_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(root, versions[0], 'bin');
}

export const POSTGRES_MISSING =
  'The tests need PostgreSQL (15 or newer) and its unaccent extension: install them with `sudo apt-get install -y postgresql` ' +
  '(or set POSTGRES_BIN to the folder holding initdb and pg_ctl).';

/** Under root, the user PostgreSQL runs as; null to run as this user. */
function serverUser(): { name: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const found = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const group = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (found.status === 0 && group.status === 0) return { name, uid: Number(found.stdout.trim()), gid: Number(group.stdout.trim()) };
  }
  throw new Error('PostgreSQL refuses to run as root, and there is no postgres or nobody user to run it as');
}

export interface PostgresEngineOptions {
  /** fsync every commit, as a production server does (the benchmark); tests need only survive a killed process. */
  durable?: boolean;
}

export async function startPostgres({ durable = false }: PostgresEngineOptions = {}): Promise<PostgresEngine> {
  const bin = postgresBin();
  if (bin === null) throw new Error(POSTGRES_MISSING);
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'tandem-pg-'));
  const data = join(dir, 'data');
  if (user) chownSync(dir, user.uid, user.gid);
  const as = (program: string, args: string[]) => {
    const command = user ? ['runuser', ['-u', user.name, '--', join(bin, program), ...args]] as const : [join(bin, program), args] as const;
    execFileSync(command[0], command[1], { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  };
  as('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  // fsync off: a test's commits need only survive a killed process, not a power cut.
  const unsafe = durable ? '' : ' -c fsync=off -c full_page_writes=off';
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=500${unsafe}`;
  const start = () => as('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
  const stop = () => as('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  // The extension the library's search needs, once for every schema the tests make.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS unaccent');
  } finally {
    await client.end();
  }
  return {
    url,
    port,
    stop,
    start,
    remove: () => {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Who the tests run as, for messages. */
export const runningAs = (): string => userInfo().username;
