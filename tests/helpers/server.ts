import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../server/config.ts';
import type { Member } from '../../shared/api.ts';
import { toMember, type Invited } from '../../server/auth/members.ts';
import { createServer, type ServerOptions, type TandemServer } from '../../server/server.ts';

/** The people every test server starts with (SPEC §6), and their personal tokens. */
export interface TestPeople {
  /** The first admin the first start created ("Admin", team other). */
  admin: { member: Member; token: string };
  /** Mara, a marketing editor. */
  marketing: { member: Member; token: string };
  /** Sam, a sales editor. */
  sales: { member: Member; token: string };
  /** Vera, a viewer (a reader link). */
  viewer: { member: Member; token: string };
}

export interface TestServer {
  server: TandemServer;
  url: string;
  /** ws://… base; the collab endpoint is `${wsUrl}/collab`. */
  wsUrl: string;
  dataDir: string;
  config: Config;
  people: TestPeople;
  /** Mara's token: a marketing editor. */
  editorToken: string;
  /** Sam's token: a sales editor. */
  salesToken: string;
  adminToken: string;
  /** Vera's token: a viewer member. */
  viewerToken: string;
  /** An operator token (no member) with the editor role. */
  operatorToken: string;
  /** Closes the server (data kept); `restart` starts a new one on the same data. */
  close(): Promise<void>;
  restart(): Promise<TestServer>;
}

export const quietLogger = () => pino({ level: 'silent' });

/** A debug-level logger that keeps each entry, for tests that wait on what the server did. */
export function recordingLogger() {
  const entries: { msg: string; personaId?: string }[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void entries.push(JSON.parse(line)) });
  return {
    logger,
    entries,
    /** Persona ids in the order their rooms were unloaded (S6). */
    unloaded: () => entries.filter((e) => e.msg === 'persona unloaded').map((e) => e.personaId),
  };
}

export function makeDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'tandem-test-'));
}

/** The real server on port 0, quiet, on a fresh SQLite file in a temp dir (or `dataDir`). */
export interface TestServerOptions extends ServerOptions {
  /** Settings the environment does not carry (rate limits, compaction). */
  overrides?: Partial<Config>;
}

/** Creates the test people on a first start; a restart on the same data keeps them. */
async function seedPeople(server: TandemServer, firstAdmin: Invited | null, known: TestPeople | undefined): Promise<TestPeople> {
  if (known) return known;
  if (!firstAdmin) throw new Error('a data directory with members needs the people it was started with');
  const invite = async (name: string, team: Member['team'], role: Member['role']) => {
    const { member, token } = await server.invite({ name, team, role });
    return { member: toMember(member), token };
  };
  return {
    admin: { member: toMember(firstAdmin.member), token: firstAdmin.token },
    marketing: await invite('Mara Marketing', 'marketing', 'editor'),
    sales: await invite('Sam Sales', 'sales', 'editor'),
    viewer: await invite('Vera Viewer', 'other', 'viewer'),
  };
}

export async function startTestServer(
  env: Record<string, string> = {},
  dataDir = makeDataDir(),
  options: TestServerOptions = {},
  known?: TestPeople,
): Promise<TestServer> {
  const { overrides, ...serverOptions } = options;
  const loaded = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    AUTH_SECRET: 'test-secret-that-is-long-enough-for-hs256',
    LOG_LEVEL: 'silent',
    CLIENT_DIR: join(dataDir, 'no-client'),
    ...env,
  });
  const config: Config = { ...loaded, ...overrides };
  const server = createServer(config, { logger: quietLogger(), ...serverOptions });
  const { url, firstAdmin } = await server.listen();
  const people = await seedPeople(server, firstAdmin, known);
  const test: TestServer = {
    server,
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    dataDir,
    config,
    people,
    editorToken: people.marketing.token,
    salesToken: people.sales.token,
    adminToken: people.admin.token,
    viewerToken: people.viewer.token,
    operatorToken: await server.issueToken('editor'),
    close: () => server.close(),
    restart: async () => {
      await server.close();
      return startTestServer(env, dataDir, options, people);
    },
  };
  return test;
}

export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}
