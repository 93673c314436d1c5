// Issue 15: start-up loads what serving a socket needs; the HTTP API (Fastify and its plugins) and
// prom-client come with their first use.
import { afterEach, expect, it } from 'vitest';
import { runEntry, runToEnd } from '../helpers/process.ts';
import { makeDataDir, removeDataDir } from '../helpers/server.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDataDir));

it('[§3] answers /healthz once listening without loading Fastify or prom-client; the first API request and scrape load them', async () => {
  const dataDir = makeDataDir();
  dirs.push(dataDir);
  const child = runEntry('tests/fixtures/loadedAtStart.ts', [], { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
  const { code, stdout, stderr } = await runToEnd(child);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toEqual({
    atStart: [],
    health: 200,
    afterHealth: [],
    metrics: 200,
    afterMetrics: ['prom-client'],
    api: 200,
    // @fastify/static too when a built client is there.
    afterApi: expect.arrayContaining(['fastify', 'prom-client']),
  });
}, 30_000);
