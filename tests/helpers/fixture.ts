import { afterEach } from 'vitest';
import type WebSocket from 'ws';
import { createClientPool } from './clients.ts';
import { removeDataDir, startTestServer, type TestServer } from './server.ts';

/**
 * Per-test servers and clients for one test file: after each test, clients and raw sockets go
 * first, then every server started (or restarted) is closed and its data removed.
 */
export function useCollabFixture() {
  const pool = createClientPool();
  const servers: TestServer[] = [];
  const sockets: WebSocket[] = [];
  afterEach(async () => {
    pool.destroyAll();
    for (const ws of sockets.splice(0)) ws.terminate();
    for (const t of servers.splice(0)) {
      await t.close();
      removeDataDir(t.dataDir);
    }
  });
  return {
    pool,
    async start(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
      const t = await startTestServer(...args);
      servers.push(t);
      return t;
    },
    /** Closes the clients and the server, then starts a new server on the same data. */
    async restart(t: TestServer): Promise<TestServer> {
      pool.destroyAll();
      const next = await t.restart();
      servers.push(next);
      return next;
    },
    /** Terminated after the test. */
    track(ws: WebSocket): void {
      sockets.push(ws);
    },
  };
}
