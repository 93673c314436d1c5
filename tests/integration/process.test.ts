import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTokenIssuer } from '../../server/auth/tokens.ts';
import { getProfile } from '../../shared/persona/schema.ts';
import { createClientPool } from '../helpers/clients.ts';
import { runEntry, runToEnd, spawnServer } from '../helpers/process.ts';
import { makeDataDir, removeDataDir, type TestServer } from '../helpers/server.ts';
import { readStoredDoc } from '../helpers/store.ts';

const children: ChildProcess[] = [];
const dirs: string[] = [];
const pool = createClientPool();
const dataDir = () => {
  const dir = makeDataDir();
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  pool.destroyAll();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  dirs.splice(0).forEach(removeDataDir);
});

const linkToken = (text: string, label: string): string => {
  const match = new RegExp(`${label} link[^\\n]*?(https?://\\S+)`).exec(text);
  if (!match?.[1]) throw new Error(`no ${label} link in:\n${text}`);
  return new URL(match[1]).searchParams.get('token') ?? '';
};

describe('npm start', () => {
  it('prints an editor and a viewer link whose tokens carry those roles, signed with the generated secret', async () => {
    const dir = dataDir();
    const server = await spawnServer({ DATA_DIR: dir, PUBLIC_URL: 'https://tandem.example.com' });
    children.push(server.child);
    const output = server.lines.join('\n');
    expect(output).toContain(`listening on ${server.url}`);
    await expect.poll(() => server.lines.join('\n')).toMatch(/Viewer link/);
    const text = server.lines.join('\n');
    expect(text).toContain('https://tandem.example.com/?token=');
    const issuer = createTokenIssuer(new TextEncoder().encode(readFileSync(join(dir, 'auth-secret'), 'utf8').trim()));
    expect(await issuer.verify(linkToken(text, 'Editor'))).toEqual({ role: 'editor', expiresAt: null });
    expect(await issuer.verify(linkToken(text, 'Viewer'))).toEqual({ role: 'viewer', expiresAt: null });
  });

  it('flushes and compacts every document on SIGTERM, then exits 0', async () => {
    const dir = dataDir();
    const secret = 'process-test-secret-long-enough-000';
    const server = await spawnServer({ DATA_DIR: dir, AUTH_SECRET: secret, UNLOAD_AFTER_MS: '600000' });
    children.push(server.child);
    const t = { wsUrl: server.url.replace(/^http/, 'ws') } as TestServer;
    const token = await createTokenIssuer(new TextEncoder().encode(secret)).issue('editor');
    const editor = pool.connect(t, 'graceful', token);
    await editor.synced();
    for (let i = 0; i < 50; i++) getProfile(editor.doc).set('name', `name ${i}`);
    await expect.poll(async () => getProfile((await readStoredDoc(dir, 'graceful')).doc).get('name')).toBe('name 49');

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const stored = await readStoredDoc(dir, 'graceful');
    expect(stored.logLength).toBe(1);
    expect(getProfile(stored.doc).get('name')).toBe('name 49');
    expect(server.lines.join('\n')).toContain('server closed');
  });

  it('refuses a bad environment with exit code 2 and a message naming each variable', async () => {
    const result = await runToEnd(runEntry('server/main.ts', [], { PORT: 'http', DATA_DIR: dataDir(), MAX_BUFFERED_BYTES: '12x' }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PORT must be a whole number');
    expect(result.stderr).toContain('MAX_BUFFERED_BYTES must be a whole number');
  });
});

describe('npm run invite', () => {
  it('prints a link with the asked role and expiry, signed with the same secret as the server', async () => {
    const dir = dataDir();
    const result = await runToEnd(runEntry('server/invite.ts', ['--role', 'viewer', '--days', '7'], { DATA_DIR: dir }));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('viewer link (expires in 7 day(s))');
    const token = new URL(/(http:\/\/\S+)/.exec(result.stdout)?.[1] ?? '').searchParams.get('token');
    const issuer = createTokenIssuer(new TextEncoder().encode(readFileSync(join(dir, 'auth-secret'), 'utf8').trim()));
    const claims = await issuer.verify(token);
    expect(claims?.role).toBe('viewer');
    expect(((claims?.expiresAt ?? 0) - Date.now()) / 1000).toBeGreaterThan(6.9 * 86_400);
  });

  it.each([
    [['--role', 'admin'], /--role must be viewer or editor/],
    [['--role', 'editor', '--days', 'soon'], /--days must be a number/],
    [['--colour', 'red'], /Unknown option/],
  ])('refuses %j with a clear message and exit code 2', async (args, message) => {
    const result = await runToEnd(runEntry('server/invite.ts', args, { DATA_DIR: dataDir() }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
