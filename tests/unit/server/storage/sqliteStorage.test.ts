import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStorage } from '../../../../server/storage/sqliteStorage.ts';
import { StoreError } from '../../../../server/storage/storage.ts';
import { makeDataDir, removeDataDir } from '../../../helpers/server.ts';
import { entry, publishInput, textUpdate } from './fixtures.ts';
import { describeStorageContract } from './storageContract.ts';

for (const synchronous of ['FULL', 'NORMAL'] as const) {
  describeStorageContract(`SQLite, synchronous=${synchronous}`, () => {
    const dir = makeDataDir();
    return {
      open: () => openSqliteStorage({ file: join(dir, 'nested', 'tandem.sqlite'), synchronous }),
      dispose: async () => removeDataDir(dir),
    };
  });
}

// What only the SQLite backend promises, checked on its file.
describe('SQLite storage file', () => {
  let dir: string;
  afterEach(() => removeDataDir(dir));

  /** A file with persona p1 published twice, and its path. */
  async function publishedTwice(): Promise<string> {
    dir = makeDataDir();
    const file = join(dir, 'tandem.sqlite');
    const storage = await openSqliteStorage({ file });
    await storage.createPersona(entry('p1'), textUpdate(new Y.Doc(), 'x'));
    await storage.library.publish(publishInput('p1'));
    await storage.library.publish(publishInput('p1'));
    await storage.close();
    return file;
  }

  it('SQLite: triggers refuse any change to, or deletion of, a published version, even from another connection', async () => {
    const db = new Database(await publishedTwice());
    try {
      expect(() => db.prepare("UPDATE versions SET note = 'rewritten' WHERE persona_id = 'p1'").run()).toThrow(/immutable/);
      expect(() => db.prepare("DELETE FROM versions WHERE persona_id = 'p1'").run()).toThrow(/never deleted/);
      expect(db.prepare('SELECT count(*) AS n FROM versions').get()).toEqual({ n: 2 });
    } finally {
      db.close();
    }
  });

  it('SQLite: opened read-only, it reads what another connection wrote and refuses every write', async () => {
    const file = await publishedTwice();
    const writer = await openSqliteStorage({ file });
    const reader = await openSqliteStorage({ file, readOnly: true });
    try {
      await writer.log.append([{ personaId: 'p1', update: textUpdate(new Y.Doc(), 'y') }]);
      expect(await reader.log.logLength('p1')).toBe(2);
      expect((await reader.library.listVersions('p1')).map((v) => v.version)).toEqual([2, 1]);
      await expect(reader.log.append([{ personaId: 'p1', update: textUpdate(new Y.Doc(), 'z') }])).rejects.toBeInstanceOf(StoreError);
      await expect(reader.createPersona(entry('p2'), textUpdate(new Y.Doc(), 'z'))).rejects.toBeInstanceOf(StoreError);
      expect(await writer.log.logLength('p1')).toBe(2);
    } finally {
      await reader.close();
      await writer.close();
    }
  });

  it('SQLite: a persona keeps one search row, its latest version\'s, found through library_latest', async () => {
    const db = new Database(await publishedTwice());
    try {
      expect(db.prepare('SELECT persona_id, version FROM library_search').all()).toEqual([{ persona_id: 'p1', version: 2 }]);
      const latest = db.prepare<[], { version: number; search_rowid: number }>('SELECT version, search_rowid FROM library_latest').all();
      const [row] = db.prepare<[], { rowid: number }>('SELECT rowid FROM library_search').all();
      expect(latest).toEqual([{ version: 2, search_rowid: row?.rowid }]);
    } finally {
      db.close();
    }
  });

  it('SQLite: a file from before archive and trash gains their columns on open, once, with its personas as drafts to check', async () => {
    dir = makeDataDir();
    const file = join(dir, 'tandem.sqlite');
    copyFileSync(LEGACY_FILE, file);
    for (let open = 0; open < 2; open++) {
      const storage = await openSqliteStorage({ file });
      try {
        const [row] = await storage.index.listIndex();
        expect(row).toMatchObject({ name: 'Legacy Lena', archivedAt: null, trashedAt: null, publishedVersion: 1 });
        expect(await storage.index.status(row?.id ?? '')).toEqual({ archivedAt: null, trashedAt: null, template: 'blank', templateCheckedAt: null });
      } finally {
        await storage.close();
      }
    }
    const db = new Database(file);
    try {
      // The trigger that keeps published versions still holds outside an erase.
      expect(() => db.prepare('DELETE FROM versions').run()).toThrow(/never deleted/);
    } finally {
      db.close();
    }
  });
});

const LEGACY_FILE = join(import.meta.dirname, '../../../fixtures/legacy-data/tandem.sqlite');
