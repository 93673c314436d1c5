// Issue 14, item 8: security headers on every response, no source maps, /assets/ 404s, and
// `?token=` only on download links.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import viteConfig from '../../vite.config.ts';
import { createPersona } from '../helpers/http.ts';
import { makeDataDir, removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';

let t: TestServer;
let clientDir: string;
beforeAll(async () => {
  clientDir = makeDataDir();
  mkdirSync(join(clientDir, 'assets'));
  writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Tandem</title><div id="root"></div>');
  writeFileSync(join(clientDir, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(clientDir, 'assets', 'app.js.map'), '{"version":3,"sources":["secret.ts"]}');
  t = await startTestServer({ CLIENT_DIR: clientDir });
});
afterAll(async () => {
  await t.close();
  removeDataDir(t.dataDir);
  removeDataDir(clientDir);
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('issue 14 item 8: headers and tokens', () => {
  it.each([
    ['the app page', '/', {}],
    ['a client file', '/assets/app.js', {}],
    ['a missing asset', '/assets/gone-1234.js', {}],
    ['an API answer', '/api/personas', 'editor'],
    ['an API error', '/api/personas', {}],
    ['health', '/healthz', {}],
    ['metrics', '/metrics', {}],
  ] as const)('every response carries the security headers: %s', async (_name, path, auth) => {
    const response = await fetch(`${t.url}${path}`, { headers: auth === 'editor' ? bearer(t.editorToken) : {} });
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('a missing file under /assets/ answers 404, not the app page; source maps are never served', async () => {
    const missing = await fetch(`${t.url}/assets/index-OLDHASH.js`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('<div id="root">');
    expect((await fetch(`${t.url}/assets/app.js.map`)).status).toBe(404);
    // Production builds make none.
    expect(viteConfig.build?.sourcemap).toBeFalsy();
  });

  it('?token= is refused (401) on API routes other than download links, POSTs included', async () => {
    const token = encodeURIComponent(t.editorToken);
    const list = await fetch(`${t.url}/api/personas?token=${token}`);
    expect(list.status).toBe(401);
    expect(((await list.json()) as { error: { message: string } }).error.message).toMatch(/download links only/);
    expect((await fetch(`${t.url}/api/personas?token=${token}`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${t.url}/api/me?token=${token}`)).status).toBe(401);
    // Even beside a valid header: a token in the address is a mistake, never used.
    expect((await fetch(`${t.url}/api/personas?token=${token}`, { headers: bearer(t.editorToken) })).status).toBe(401);
    expect((await fetch(`${t.url}/api/personas`, { headers: bearer(t.editorToken) })).status).toBe(200);
  });

  it('?token= still works on a download link (GET …/export.pdf) and the first page load', async () => {
    const id = await createPersona(t);
    const pdf = await fetch(`${t.url}/api/personas/${id}/export.pdf?token=${encodeURIComponent(t.editorToken)}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toMatch(/application\/pdf/);
    const page = await fetch(`${t.url}/?token=${encodeURIComponent(t.editorToken)}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });
});
