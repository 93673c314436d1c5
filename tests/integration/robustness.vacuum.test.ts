// Issue 14, item 7: the SQLite file gives back what compaction frees.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE } from '../../server/server.ts';
import { openSqliteStorage } from '../../server/storage/sqliteStorage.ts';
import { getSection } from '../../shared/persona/schema.ts';
import { useCollabFixture } from '../helpers/fixture.ts';
import { createPersona } from '../helpers/http.ts';
import { appendParagraph } from '../helpers/persona.ts';
import { makeDataDir, removeDataDir } from '../helpers/server.ts';
import { readStoredDoc } from '../helpers/store.ts';

const { pool, start } = useCollabFixture();

function pragma(file: string, name: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma(name, { simple: true }) as number;
  } finally {
    db.close();
  }
}

describe('issue 14 item 7: incremental vacuum', () => {
  it('after a compaction the freed pages are returned: no free page is left in the file', async () => {
    const t = await start({ UNLOAD_AFTER_MS: '50' });
    const id = await createPersona(t);
    const writer = pool.connect(t, id, t.editorToken);
    await writer.synced();
    // 2 MB written, then deleted: the log holds it until the compaction folds it into a small state.
    for (let i = 0; i < 64; i++) appendParagraph(writer.doc, 'goals', `${i} ${'x'.repeat(32 * 1024)}`);
    const goals = getSection(writer.doc, 'goals');
    goals.delete(0, goals.length);
    await vi.waitFor(async () => expect((await readStoredDoc(t.dataDir, id)).logLength).toBeGreaterThan(60), { timeout: 10_000 });
    writer.provider.destroy();
    await vi.waitFor(async () => expect((await readStoredDoc(t.dataDir, id)).logLength).toBe(1), { timeout: 10_000 });
    const file = join(t.dataDir, DATABASE_FILE);
    expect(pragma(file, 'auto_vacuum')).toBe(2);
    expect(pragma(file, 'freelist_count')).toBe(0);
  });

  it('a file made before incremental vacuum is switched to it once, at open, keeping its data', async () => {
    const dir = makeDataDir();
    try {
      const file = join(dir, DATABASE_FILE);
      const legacy = new Database(file);
      legacy.exec("CREATE TABLE kept (a TEXT); INSERT INTO kept VALUES ('still here')");
      legacy.close();
      expect(pragma(file, 'auto_vacuum')).toBe(0);
      const storage = await openSqliteStorage({ file });
      await storage.close();
      expect(pragma(file, 'auto_vacuum')).toBe(2);
      const db = new Database(file, { readonly: true });
      expect(db.prepare('SELECT a FROM kept').get()).toEqual({ a: 'still here' });
      db.close();
    } finally {
      removeDataDir(dir);
    }
  });
});
