import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import { signOperatorToken } from '../../server/auth/access.ts';
import { evidenceToYjs } from '../../shared/persona/converters.ts';
import { getEvidence } from '../../shared/persona/schema.ts';
import { createClientPool } from '../helpers/clients.ts';
import { createPersona } from '../helpers/http.ts';
import { spawnServer } from '../helpers/process.ts';
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

async function startChild(dataDir: string): Promise<{ child: ChildProcess; t: TestServer }> {
  const { child, url } = await spawnServer({ DATA_DIR: dataDir, AUTH_SECRET: SECRET });
  children.push(child);
  // An operator token: the child's members are its own, and whoever holds the secret may act as editor.
  const editorToken = await signOperatorToken(new TextEncoder().encode(SECRET), 'editor');
  return { child, t: { url, wsUrl: url.replace(/^http/, 'ws'), dataDir, editorToken } as TestServer };
}

const evidenceIds = (doc: Y.Doc) => getEvidence(doc).toArray().map((item) => item.get('id') as string);

describe('crash safety', () => {
  it('[S5] SIGKILL in the middle of a stream of edits loses nothing another client had received', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    const first = await startChild(dataDir);
    const id = await createPersona(first.t);
    const writer = pool.connect(first.t, id, first.t.editorToken);
    const watcher = pool.connect(first.t, id, first.t.editorToken);
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

    const second = await startChild(dataDir);
    const fresh = pool.connect(second.t, id, second.t.editorToken);
    await fresh.synced();
    const survived = new Set(evidenceIds(fresh.doc));
    expect(received.filter((id) => !survived.has(id))).toEqual([]);
    expect(survived.size).toBeGreaterThanOrEqual(received.length);
  });
});
