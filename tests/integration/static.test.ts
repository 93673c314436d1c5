import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDataDir, removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';

let t: TestServer;
let clientDir: string;
beforeAll(async () => {
  clientDir = makeDataDir();
  mkdirSync(join(clientDir, 'assets'));
  writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Tandem</title><div id="root"></div>');
  writeFileSync(join(clientDir, 'assets', 'app.js'), 'console.log("app")');
  t = await startTestServer({ CLIENT_DIR: clientDir });
});
afterAll(async () => {
  await t.close();
  removeDataDir(t.dataDir);
  removeDataDir(clientDir);
});

describe('one port serves the built client, the API and the WebSocket endpoint', () => {
  it('serves the client\'s files', async () => {
    const response = await fetch(`${t.url}/assets/app.js`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log("app")');
  });

  it.each(['/', '/p/acme', '/library', '/library/acme?version=2'])('answers the client route %s with the app', async (path) => {
    const response = await fetch(`${t.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<div id="root">');
  });

  it('still answers unknown API routes with a JSON 404', async () => {
    const response = await fetch(`${t.url}/api/missing`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
