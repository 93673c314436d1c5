// The first start and `npm run invite` (SPEC §3, §6), run as the npm scripts run them.
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { meResponseSchema, memberListResponseSchema } from '../../shared/api.ts';
import { runEntry, runToEnd, spawnServer, type ServerProcess } from '../helpers/process.ts';
import { makeDataDir, removeDataDir } from '../helpers/server.ts';

const children: ChildProcess[] = [];
const dirs: string[] = [];
const dataDir = () => {
  const dir = makeDataDir();
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  dirs.splice(0).forEach(removeDataDir);
});

const SECRET = 'first-start-test-secret-long-enough-0';
const PUBLIC_URL = 'https://tandem.example.com';

async function start(dir: string): Promise<ServerProcess> {
  const server = await spawnServer({ DATA_DIR: dir, AUTH_SECRET: SECRET, PUBLIC_URL });
  children.push(server.child);
  return server;
}

async function stop(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
}

const tokenOf = (link: string): string => new URL(link).searchParams.get('token') ?? '';
const linksIn = (text: string): string[] => text.match(new RegExp(`${PUBLIC_URL}/\\?token=\\S+`, 'g')) ?? [];

async function me(server: ServerProcess, token: string) {
  const response = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: response.ok ? meResponseSchema.parse(await response.json()) : null };
}

const invite = (dir: string, args: string[]) => runToEnd(runEntry('server/invite.ts', args, { DATA_DIR: dir, AUTH_SECRET: SECRET, PUBLIC_URL }));

describe('the first start', () => {
  it('[§3] creates the first admin ("Admin", team other) and prints their link; a restart creates and prints none', async () => {
    const dir = dataDir();
    const first = await start(dir);
    await expect.poll(() => linksIn(first.lines.join('\n'))).toHaveLength(1);
    const [link = ''] = linksIn(first.lines.join('\n'));
    const { status, body } = await me(first, tokenOf(link));
    expect(status).toBe(200);
    expect(body?.member).toMatchObject({ name: 'Admin', team: 'other', role: 'admin', active: true });
    await stop(first);

    const second = await start(dir);
    expect((await me(second, tokenOf(link))).status).toBe(200);
    const members = await fetch(`${second.url}/api/members`, { headers: { authorization: `Bearer ${tokenOf(link)}` } });
    expect(memberListResponseSchema.parse(await members.json()).members).toHaveLength(1);
    await stop(second);
    expect(linksIn(second.lines.join('\n'))).toEqual([]);
  });
});

describe('npm run invite', () => {
  it('[§6] prints the personal link as its last line, and it works on the running server at once', async () => {
    const dir = dataDir();
    const server = await start(dir);
    const result = await invite(dir, ['--name', 'Ines Invited', '--team', 'sales', '--role', 'editor']);
    expect(result.code).toBe(0);
    const lastLine = result.stdout.trimEnd().split('\n').at(-1) ?? '';
    expect(lastLine).toMatch(new RegExp(`^${PUBLIC_URL}/\\?token=\\S+$`));
    const { status, body } = await me(server, tokenOf(lastLine));
    expect(status).toBe(200);
    expect(body?.member).toMatchObject({ name: 'Ines Invited', team: 'sales', role: 'editor' });
  });

  it('[§6] bad arguments exit non-zero with a clear message and create nobody', async () => {
    const dir = dataDir();
    const server = await start(dir);
    await expect.poll(() => linksIn(server.lines.join('\n'))).toHaveLength(1);
    const adminToken = tokenOf(linksIn(server.lines.join('\n'))[0] ?? '');
    const cases: [string[], RegExp][] = [
      [['--name', 'Otto', '--team', 'other', '--role', 'editor'], /--team: an editor must be on team marketing or sales/],
      [['--name', 'Otto', '--team', 'sales', '--role', 'owner'], /--role/],
      [['--team', 'sales', '--role', 'editor'], /--name/],
      [['--name', 'Otto', '--team', 'sales', '--role', 'editor', '--email', 'nope'], /--email/],
      [['--name', 'Otto', '--team', 'sales', '--role', 'editor', '--bogus'], /bogus/],
    ];
    for (const [args, message] of cases) {
      const result = await invite(dir, args);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).not.toContain('token=');
    }
    const members = await fetch(`${server.url}/api/members`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(memberListResponseSchema.parse(await members.json()).members.map((m) => m.name)).toEqual(['Admin']);
  });
});
