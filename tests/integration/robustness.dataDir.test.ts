// Issue 14, items 4 and 5: one process per data directory, and a lost or damaged database is an
// error with a clear message, never a silent fresh start.
import type { ChildProcess } from 'node:child_process';
import { openSync, readFileSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../server/server.ts';
import { spawnServer, runEntry, runToEnd } from '../helpers/process.ts';
import { createPersona } from '../helpers/http.ts';
import { makeDataDir, removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';

const SECRET = 'data-dir-test-secret-that-is-long-enough';
const dirs: string[] = [];
const servers: TestServer[] = [];
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const t of servers.splice(0)) await t.close();
  dirs.splice(0).forEach(removeDataDir);
});

const newDir = () => {
  const dir = makeDataDir();
  dirs.push(dir);
  return dir;
};

async function startIn(dir: string): Promise<TestServer> {
  const t = await startTestServer({}, dir);
  servers.push(t);
  return t;
}

describe('issue 14 item 5: one process per data directory', () => {
  it('a second server on the same DATA_DIR is refused with a clear message; once the first closes, it starts', async () => {
    const dir = newDir();
    const first = await startIn(dir);
    await expect(startTestServer({}, dir)).rejects.toThrow(/Another Tandem server is already using DATA_DIR/);
    // The first one is untouched by the attempt.
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    await createPersona(first);
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    const second = await startTestServer({}, dir, {}, first.people);
    servers.push(second);
    expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
  });

  it('a second process exits non-zero with the message; after the first is killed (SIGKILL) a new one starts', async () => {
    const dir = newDir();
    const first = await spawnServer({ DATA_DIR: dir, AUTH_SECRET: SECRET });
    children.push(first.child);
    const second = runEntry('server/main.ts', [], { DATA_DIR: dir, AUTH_SECRET: SECRET, PORT: '0', HOST: '127.0.0.1' });
    children.push(second);
    const { code, stderr } = await runToEnd(second);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/Another Tandem server is already using DATA_DIR/);
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);

    // A killed process leaves no stale lock behind: the operating system releases it.
    first.child.kill('SIGKILL');
    await first.exited;
    const third = await spawnServer({ DATA_DIR: dir, AUTH_SECRET: SECRET });
    children.push(third.child);
    expect((await fetch(`${third.url}/healthz`)).status).toBe(200);
  });
});

describe('issue 14 item 4: a lost or damaged database at start', () => {
  it('a zero-byte database file is an error, not a fresh start', async () => {
    const dir = newDir();
    writeFileSync(join(dir, DATABASE_FILE), '');
    await expect(startTestServer({}, dir)).rejects.toThrow(/is empty \(0 bytes\)/);
  });

  it('a missing or empty database beside the secret an earlier start generated is an error', async () => {
    const dir = newDir();
    writeFileSync(join(dir, 'auth-secret'), 'a-secret-an-earlier-start-generated-long-enough');
    await expect(startTestServer({}, dir)).rejects.toThrow(/holds the secret of an earlier start .* is missing/);
    writeFileSync(join(dir, DATABASE_FILE), '');
    await expect(startTestServer({}, dir)).rejects.toThrow(/is empty \(0 bytes\)/);
  });

  it('a damaged database is reported by the integrity check at start', async () => {
    const dir = newDir();
    const t = await startIn(dir);
    for (let i = 0; i < 20; i++) await createPersona(t, { template: 'b2b' });
    await t.close();
    servers.splice(0);
    // Spoil a page in the middle of the file (not its header): SQLite opens it, quick_check finds it.
    const file = join(dir, DATABASE_FILE);
    const size = readFileSync(file).length;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 4096 / 2) * 4096);
    closeSync(fd);
    await expect(startTestServer({}, dir, {}, t.people)).rejects.toThrow(/is damaged \(PRAGMA quick_check|cannot be read/);
  });
});
