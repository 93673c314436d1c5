import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccess, signOperatorToken } from '../../server/auth/access.ts';
import { resolveSecret } from '../../server/auth/tokens.ts';
import { meResponseSchema } from '../../shared/api.ts';
import { getProfile } from '../../shared/persona/schema.ts';
import { createClientPool } from '../helpers/clients.ts';
import { createPersona } from '../helpers/http.ts';
import { runEntry, runToEnd, spawnServer } from '../helpers/process.ts';
import { makeDataDir, removeDataDir, type TestServer } from '../helpers/server.ts';
import { openStoredData, readStoredDoc } from '../helpers/store.ts';

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

/** Every personal link (`…/?token=…`) in a process's output. */
const linksIn = (text: string): string[] => text.match(/https?:\/\/\S+\/\?token=\S+/g) ?? [];
const tokenOf = (link: string): string => new URL(link).searchParams.get('token') ?? '';

describe('npm start', () => {
  it("[§3] a first start creates the first admin and prints their link, which keeps working; a restart prints no link", async () => {
    const dir = dataDir();
    const first = await spawnServer({ DATA_DIR: dir, PUBLIC_URL: 'https://tandem.example.com' });
    children.push(first.child);
    expect(first.lines.join('\n')).toContain(`listening on ${first.url}`);
    await expect.poll(() => linksIn(first.lines.join('\n'))).toHaveLength(1);
    const [link = ''] = linksIn(first.lines.join('\n'));
    expect(link.startsWith('https://tandem.example.com/?token=')).toBe(true);
    const me = async (url: string) => {
      const response = await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${tokenOf(link)}` } });
      expect(response.status).toBe(200);
      return meResponseSchema.parse(await response.json());
    };
    expect(await me(first.url)).toMatchObject({ member: { name: 'Admin', team: 'other', role: 'admin', active: true }, role: 'admin' });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    // With the generated secret kept in DATA_DIR, the same link works after a restart, which prints none.
    const again = await spawnServer({ DATA_DIR: dir, PUBLIC_URL: 'https://tandem.example.com' });
    children.push(again.child);
    expect(await me(again.url)).toMatchObject({ member: { name: 'Admin' }, role: 'admin' });
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    // Everything it printed, up to its exit, holds no link.
    expect(again.lines.join('\n')).toContain('server closed');
    expect(linksIn(again.lines.join('\n'))).toEqual([]);
  });

  it('flushes and compacts every document on SIGTERM, then exits 0', async () => {
    const dir = dataDir();
    const secret = 'process-test-secret-long-enough-000';
    const server = await spawnServer({ DATA_DIR: dir, AUTH_SECRET: secret, UNLOAD_AFTER_MS: '600000' });
    children.push(server.child);
    const token = await signOperatorToken(new TextEncoder().encode(secret), 'editor');
    const t = { url: server.url, wsUrl: server.url.replace(/^http/, 'ws'), editorToken: token } as TestServer;
    const id = await createPersona(t);
    const editor = pool.connect(t, id, token);
    await editor.synced();
    for (let i = 0; i < 50; i++) getProfile(editor.doc).set('name', `name ${i}`);
    await expect.poll(async () => getProfile((await readStoredDoc(dir, id)).doc).get('name')).toBe('name 49');

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const stored = await readStoredDoc(dir, id);
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
  it('[§6] creates a member and prints their link as the last line, signed with the same secret as the server', async () => {
    const dir = dataDir();
    const args = ['--name', 'Sales all-hands', '--team', 'other', '--role', 'viewer', '--days', '7'];
    const result = await runToEnd(runEntry('server/invite.ts', args, { DATA_DIR: dir }));
    expect(result.code).toBe(0);
    const lastLine = result.stdout.trimEnd().split('\n').at(-1) ?? '';
    expect(lastLine).toMatch(/^http:\/\/\S+\/\?token=\S+$/);
    const storage = await openStoredData(dir);
    try {
      const access = createAccess(resolveSecret(null, dir).secret, storage.people);
      const principal = await access.authenticate(tokenOf(lastLine));
      expect(principal).toMatchObject({ kind: 'member', member: { name: 'Sales all-hands', team: 'other', role: 'viewer' } });
      expect(((principal?.expiresAt ?? 0) - Date.now()) / 1000).toBeGreaterThan(6.9 * 86_400);
    } finally {
      await storage.close();
    }
  });

  it.each([
    [['--name', 'Ana', '--team', 'marketing', '--role', 'owner'], /--role/],
    [['--name', 'Ana', '--team', 'other', '--role', 'editor'], /an editor must be on team marketing or sales/],
    [['--name', 'Ana', '--team', 'sales', '--role', 'editor', '--days', 'soon'], /--days/],
    [['--team', 'sales', '--role', 'editor'], /--name/],
    [['--colour', 'red'], /Unknown option/],
  ])('refuses %j with a clear message and exit code 2', async (args, message) => {
    const result = await runToEnd(runEntry('server/invite.ts', args, { DATA_DIR: dataDir() }));
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
  });
});
