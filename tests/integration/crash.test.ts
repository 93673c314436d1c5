import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import { createTokenIssuer } from '../../server/auth/tokens.ts';
import { evidenceToYjs } from '../../shared/persona/converters.ts';
import { getEvidence } from '../../shared/persona/schema.ts';
import { createClientPool } from '../helpers/clients.ts';
import { makeDataDir, removeDataDir, type TestServer } from '../helpers/server.ts';

const SECRET = 'crash-test-secret-that-is-long-enough';
const children: ChildProcess[] = [];
const dirs: string[] = [];
const pool = createClientPool();

afterEach(() => {
  pool.destroyAll();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  dirs.splice(0).forEach(removeDataDir);
});

/** The real server in a child process, as `npm start` runs it (through tsx, no build needed). */
async function spawnServer(dataDir: string): Promise<{ child: ChildProcess; t: TestServer }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, AUTH_SECRET: SECRET, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { stdout } = child;
  if (!stdout) throw new Error('no stdout from the server child');
  children.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited early with ${code}`)));
    createInterface({ input: stdout }).on('line', (line) => {
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
  });
  const issuer = createTokenIssuer(new TextEncoder().encode(SECRET));
  const editorToken = await issuer.issue('editor');
  const t = { url, wsUrl: url.replace(/^http/, 'ws'), dataDir, editorToken } as TestServer;
  return { child, t };
}

const evidenceIds = (doc: Y.Doc) => getEvidence(doc).toArray().map((item) => item.get('id') as string);

describe('crash safety', () => {
  it('[S5] SIGKILL in the middle of a stream of edits loses nothing another client had received', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const first = await spawnServer(dataDir);
    const writer = pool.connect(first.t, 'crash', first.t.editorToken);
    const watcher = pool.connect(first.t, 'crash', first.t.editorToken);
    await Promise.all([writer.synced(), watcher.synced()]);

    // A steady stream of edits, one per macrotask, that keeps going through the kill.
    let sent = 0;
    let streaming = true;
    const stream = () => {
      if (!streaming) return;
      sent += 1;
      getEvidence(writer.doc).push([
        evidenceToYjs({
          id: `e${sent}`,
          side: sent % 2 ? 'marketing' : 'sales',
          kind: sent % 2 ? 'metric' : 'quote',
          text: `edit ${sent}`,
          source: 'stream',
          section: 'pains',
          author: 'writer',
          createdAt: new Date().toISOString(),
        }),
      ]);
      setTimeout(stream, 1);
    };
    stream();
    await vi.waitFor(() => expect(getEvidence(watcher.doc).length).toBeGreaterThan(150), { timeout: 15_000 });
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;
    // Everything the watcher ever received arrived before the socket closed; take it, then stop
    // both providers so they cannot hand their copies to the next server.
    await vi.waitFor(() => expect(watcher.provider.wsconnected).toBe(false));
    streaming = false;
    const received = evidenceIds(watcher.doc);
    pool.destroyAll();
    expect(sent).toBeGreaterThan(received.length);

    const second = await spawnServer(dataDir);
    const fresh = pool.connect(second.t, 'crash', second.t.editorToken);
    await fresh.synced();
    const survived = new Set(evidenceIds(fresh.doc));
    expect(received.filter((id) => !survived.has(id))).toEqual([]);
    expect(survived.size).toBeGreaterThanOrEqual(received.length);
  });
});
