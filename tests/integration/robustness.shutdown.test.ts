// Issue 14, item 9: SIGTERM ends the process whatever happened to whoever read its output.
import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { signOperatorToken } from '../../server/auth/access.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnServer } from '../helpers/process.ts';
import { makeDataDir, removeDataDir } from '../helpers/server.ts';

const SECRET = 'shutdown-test-secret-that-is-long-enough';
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  dirs.splice(0).forEach(removeDataDir);
});

/** Resolves with the exit code, or 'hung' when the process is still there after `ms`. */
const exitWithin = (exited: Promise<number | null>, ms: number) =>
  Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), ms))]);

describe('issue 14 item 9: a clean exit on SIGTERM', () => {
  it('exits 0 on SIGTERM after whatever read its stdout has gone away (EPIPE), logging on', async () => {
    const dir = makeDataDir();
    dirs.push(dir);
    // debug: every request and socket is logged, so the server keeps writing into the closed pipe.
    const server = await spawnServer({ DATA_DIR: dir, AUTH_SECRET: SECRET, LOG_LEVEL: 'debug' });
    children.push(server.child);
    server.child.stdout?.destroy();
    server.child.stderr?.destroy();
    // Something to log into the closed pipe before the signal.
    for (let i = 0; i < 20; i++) await fetch(`${server.url}/api/personas`);
    server.child.kill('SIGTERM');
    expect(await exitWithin(server.exited, 8_000)).toBe(0);
  });

  it('exits within the shutdown deadline even when a socket never finishes closing', { timeout: 30_000 }, async () => {
    const dir = makeDataDir();
    dirs.push(dir);
    const server = await spawnServer({ DATA_DIR: dir, AUTH_SECRET: SECRET });
    children.push(server.child);
    const token = await signOperatorToken(new TextEncoder().encode(SECRET), 'editor');
    const created = await fetch(`${server.url}/api/personas`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    const { id } = (await created.json()) as { id: string };
    // A client that upgrades, then never reads nor answers the closing handshake.
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `GET /collab/${id}?token=${token} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.pause();
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    const code = await exitWithin(server.exited, 20_000);
    socket.destroy();
    expect(code).not.toBe('hung');
    expect(Date.now() - signalled).toBeLessThan(13_000);
  });
});
