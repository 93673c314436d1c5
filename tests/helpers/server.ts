import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../server/config.ts';
import { createServer, type ServerOptions, type TandemServer } from '../../server/server.ts';

export interface TestServer {
  server: TandemServer;
  url: string;
  /** ws://… base; the collab endpoint is `${wsUrl}/collab`. */
  wsUrl: string;
  dataDir: string;
  config: Config;
  editorToken: string;
  viewerToken: string;
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

export async function startTestServer(
  env: Record<string, string> = {},
  dataDir = makeDataDir(),
  options: TestServerOptions = {},
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
  const { url } = await server.listen();
  const test: TestServer = {
    server,
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    dataDir,
    config,
    editorToken: await server.issueToken('editor'),
    viewerToken: await server.issueToken('viewer'),
    close: () => server.close(),
    restart: async () => {
      await server.close();
      return startTestServer(env, dataDir, options);
    },
  };
  return test;
}

export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}
