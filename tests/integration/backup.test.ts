// npm run backup, restore and copy-store (issue 19, item 5) on a data directory with every kind of
// record: what a real server wrote (edited, compacted, checkpointed, published) and the rest
// through the store API; each copy is compared with its source, then served by a real server.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { loadConfig } from '../../server/config.ts';
import { openConfiguredStorage } from '../../server/server.ts';
import { checkArchive, openArchive } from '../../server/storage/archive.ts';
import { PORTABLE_KINDS, type PortableRecord } from '../../server/storage/portable.ts';
import { importAndCheck, portableOf } from '../../server/storage/portableCopy.ts';
import type { Storage } from '../../server/storage/storage.ts';
import { fillEveryKind, readEverything } from '../unit/server/storage/portableFixtures.ts';
import { createClientPool } from '../helpers/clients.ts';
import { createTestDatabase } from '../helpers/engines.ts';
import { apiCalls, createPersona } from '../helpers/http.ts';
import { appendParagraph, sectionText } from '../helpers/persona.ts';
import { runEntry, runToEnd } from '../helpers/process.ts';
import { makeDataDir, removeDataDir, startTestServer, type TestPeople, type TestServer } from '../helpers/server.ts';

const pool = createClientPool();
const dirs: string[] = [];
const newDir = (): string => {
  const dir = makeDataDir();
  dirs.push(dir);
  return dir;
};

let source: string;
let people: TestPeople;
let personaId: string;
let archive: string;
/** What the source's text of `goals` reads once every edit is in. */
const EDITED = ['Wants numbers', 'Hates surprises', 'Reads every contract', 'Decides in Q4'];

/** A store opened the way the server opens it (a data directory, or the environment naming one), closed after `read`. */
async function withStore<T>(store: string | { DATABASE_URL: string }, read: (storage: Storage) => Promise<T>): Promise<T> {
  const env = typeof store === 'string' ? { DATA_DIR: store } : { DATA_DIR: newDir(), ...store };
  const storage = await openConfiguredStorage(loadConfig({ ...env, LOG_LEVEL: 'silent' }));
  try {
    return await read(storage);
  } finally {
    await storage.close();
  }
}

async function exportRecords(storage: Storage): Promise<PortableRecord[]> {
  if (!storage.portable) throw new Error('the store is portable');
  const snapshot = await storage.portable.exportAll();
  const records: PortableRecord[] = [];
  for await (const record of snapshot.records()) records.push(record);
  return records;
}

const exportAll = (dataDir: string): Promise<PortableRecord[]> => withStore(dataDir, exportRecords);

const tool = (entry: string, args: string[], env: Record<string, string> = {}) => runToEnd(runEntry(`server/tools/${entry}.ts`, args, env));

beforeAll(async () => {
  // A real server writes a persona's log (compacted every 3 entries), its checkpoints, a version and its activity.
  source = newDir();
  let t: TestServer = await startTestServer({ CHECKPOINT_EVERY_MS: '100' }, source, { overrides: { compactEvery: 3 } });
  people = t.people;
  personaId = await createPersona(t);
  const client = pool.connect(t, personaId, t.editorToken);
  await client.synced();
  for (const text of EDITED.slice(0, 2)) appendParagraph(client.doc, 'goals', text);
  const { postJson } = apiCalls(() => t);
  await vi.waitFor(async () => expect((await postJson(`/api/personas/${personaId}/publish`, {})).status).toBe(201), { timeout: 5_000 });
  for (const text of EDITED.slice(2)) appendParagraph(client.doc, 'goals', text);
  await vi.waitFor(
    () =>
      withStore(source, async (s) => {
        expect(replayGoals((await s.log.load(personaId))?.updates ?? [])).toBe(EDITED.join('\n'));
        expect((await s.history.list(personaId)).length).toBeGreaterThan(1);
      }),
    { timeout: 10_000 },
  );
  pool.destroyAll();
  await t.close();
  // Everything else through the store API: every kind of record, every state of a persona's life.
  await withStore(source, fillEveryKind);
  // Backed up while a server serves the data directory.
  t = await startTestServer({}, source, {}, people);
  archive = join(newDir(), 'tandem.tandem.jsonl.gz');
  const backup = await tool('backup', ['--out', archive], { DATA_DIR: source });
  expect(backup.stderr).toBe('');
  expect(backup.code).toBe(0);
  expect(backup.stdout).toMatch(/persona\s+5/);
  await t.close();
}, 60_000);

afterEach(() => pool.destroyAll());
afterAll(() => dirs.forEach(removeDataDir));

describe('npm run backup and npm run restore', () => {
  it('restores into an empty data directory every record, rows deep-equal and states byte for byte', async () => {
    const target = newDir();
    const restored = await tool('restore', ['--from', archive], { DATA_DIR: target });
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/read back and verified/);
    const records = await exportAll(source);
    expect(new Set(records.map((r) => r.kind)).size).toBe(PORTABLE_KINDS.length);
    expect(await exportAll(target)).toEqual(records);
    const everything = await withStore(source, readEverything);
    expect(await withStore(target, readEverything)).toEqual(everything);
    // The real server's persona: compacted (its log shorter than its edits) and checkpointed.
    const served = everything.personas.find((p) => p.id === personaId);
    expect(served?.checkpoints.length).toBeGreaterThan(1);
    expect(served?.versions).toHaveLength(1);
  });

  it('the restored store serves its personas to a real server and the stock y-websocket client', async () => {
    const target = newDir();
    expect((await tool('restore', ['--from', archive], { DATA_DIR: target })).code).toBe(0);
    const t = await startTestServer({}, target, {}, people);
    try {
      const client = pool.connect(t, personaId, t.people.sales.token);
      await client.synced();
      expect(sectionText(client.doc, 'goals')).toBe(EDITED.join('\n'));
      // And it goes on: an edit is stored after the restored log.
      appendParagraph(client.doc, 'goals', 'Signs today');
      await vi.waitFor(() => withStore(target, async (s) => expect(replayGoals((await s.log.load(personaId))?.updates ?? [])).toMatch(/Signs today$/)));
    } finally {
      pool.destroyAll();
      await t.close();
    }
  });

  it('refuses to restore into a store that is not empty, changing nothing', async () => {
    const target = newDir();
    expect((await tool('restore', ['--from', archive], { DATA_DIR: target })).code).toBe(0);
    const before = await exportAll(target);
    const again = await tool('restore', ['--from', archive], { DATA_DIR: target });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty: nothing was written/);
    expect(await exportAll(target)).toEqual(before);
  });

  it('refuses a truncated, an altered or a foreign archive before touching the store', async () => {
    const bytes = readFileSync(archive);
    const lines = gunzipSync(bytes).toString('utf8').split('\n');
    const dir = newDir();
    const damaged: [what: string, content: Uint8Array, expected: RegExp][] = [
      ['cut in the middle of its gzip stream', bytes.subarray(0, Math.floor(bytes.length / 2)), /damaged: it is truncated/],
      ['cut before its trailer', gzipSync(lines.slice(0, -2).join('\n') + '\n'), /ends before its last line: the archive is truncated/],
      ['with one persona renamed', gzipSync(lines.join('\n').replace('"Fiona Finance"', '"Fiona Fake"')), /SHA-256 does not match its content: the archive was altered/],
      ['with a kind this Tandem does not know', gzipSync([lines[0], '{"kind":"inbox","id":"x"}', ...lines.slice(1)].join('\n')), /"inbox", which this version of Tandem does not know/],
      ['that is not gzip', Buffer.from('hello\n'), /damaged: it cannot be read/],
    ];
    for (const [i, [what, content, expected]] of damaged.entries()) {
      const file = join(dir, `${i}.gz`);
      writeFileSync(file, content);
      await expect(checkArchive(file), what).rejects.toThrow(expected);
      // Read straight into a store, without the check first, it still leaves nothing.
      const target = newDir();
      await withStore(target, async (storage) => {
        const opened = await openArchive(file).catch(() => null);
        if (opened) await expect(importAndCheck(opened.records(), portableOf(storage, 'target')), what).rejects.toThrow(expected);
        expect(await storage.portable?.isEmpty(), what).toBe(true);
      });
    }
    // The command: exit code 1, the reason, and no database made.
    const target = newDir();
    const result = await tool('restore', ['--from', join(dir, '2.gz')], { DATA_DIR: target });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the archive was altered; nothing was restored/);
    expect(existsSync(join(target, 'tandem.sqlite'))).toBe(false);
  });

  it('never overwrites an archive', async () => {
    const result = await tool('backup', ['--out', archive], { DATA_DIR: source });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/already exists/);
  });
});

describe('npm run copy-store', () => {
  it('copies a data directory into an empty store and verifies it, then refuses to copy over it', async () => {
    const target = newDir();
    writeFileSync(join(source, 'auth-secret'), 'a-secret-generated-on-the-first-start-long-enough');
    const copied = await tool('copyStore', ['--from', source, '--to', target]);
    expect(copied.stderr).toBe('');
    expect(copied.code).toBe(0);
    expect(copied.stdout).toMatch(/5 persona logs and 5 version states byte for byte/);
    // Links keep working: the secret that signed them came along.
    expect(readFileSync(join(target, 'auth-secret'), 'utf8')).toBe(readFileSync(join(source, 'auth-secret'), 'utf8'));
    expect(await exportAll(target)).toEqual(await exportAll(source));
    expect(await withStore(target, readEverything)).toEqual(await withStore(source, readEverything));

    const before = await exportAll(target);
    const again = await tool('copyStore', ['--from', source, '--to', target]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty: nothing was written/);
    expect(await exportAll(target)).toEqual(before);
  });

  it('refuses while a server serves the source', async () => {
    const t = await startTestServer({}, source, {}, people);
    try {
      const busy = await tool('copyStore', ['--from', source, '--to', newDir()]);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toMatch(/Another Tandem server is already using/);
    } finally {
      await t.close();
    }
  });

  it('copies a data directory into an empty PostgreSQL database and verifies it, refuses to copy over it, and backs it up and restores it', async () => {
    const database = await createTestDatabase('copy');
    try {
      const copied = await tool('copyStore', ['--from', source, '--to', database.url]);
      expect(copied.stderr).toBe('');
      expect(copied.code).toBe(0);
      expect(copied.stdout).toMatch(/into PostgreSQL at .* 5 persona logs and 5 version states byte for byte/s);
      expect(copied.stdout).toMatch(/AUTH_SECRET/);
      const onPostgres = <T>(read: (storage: Storage) => Promise<T>) => withStore({ DATABASE_URL: database.url }, read);
      expect(await onPostgres(exportRecords)).toEqual(await exportAll(source));
      expect(await onPostgres(readEverything)).toEqual(await withStore(source, readEverything));

      const before = await onPostgres(exportRecords);
      const again = await tool('copyStore', ['--from', source, '--to', database.url]);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/not empty: nothing was written/);
      expect(await onPostgres(exportRecords)).toEqual(before);

      // Backed up from PostgreSQL, restored into another PostgreSQL database: the same Tandem again.
      const pgArchive = join(newDir(), 'from-postgres.tandem.jsonl.gz');
      const backup = await tool('backup', ['--out', pgArchive], { DATABASE_URL: database.url });
      expect([backup.code, backup.stderr]).toEqual([0, '']);
      const restoredDb = await createTestDatabase('restore');
      try {
        const restored = await tool('restore', ['--from', pgArchive], { DATABASE_URL: restoredDb.url });
        expect([restored.code, restored.stderr]).toEqual([0, '']);
        expect(await withStore({ DATABASE_URL: restoredDb.url }, exportRecords)).toEqual(before);
      } finally {
        await restoredDb.drop();
      }
    } finally {
      await database.drop();
    }
  });
});

function replayGoals(updates: readonly Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return sectionText(doc, 'goals');
}
