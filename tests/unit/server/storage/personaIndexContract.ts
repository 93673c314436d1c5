/*
 * The persona index's rules (and creating a persona, which writes its row and its log together),
 * run against every storage backend:
 * IDX1  a new storage lists no persona
 * IDX2  createPersona writes the row (created at entry.updatedAt) and the log's first state, once;
 *       a second create with the same id answers false and writes nothing to either
 * IDX3  updateIndex keeps a row current; the list is most recently changed first
 * IDX4  a row shows its latest published version and when; null before the first publish
 * IDX5  the index survives close and reopen
 * IDX6  once closed, every call rejects with a StoreError
 * IDX7  a page lists at most `limit` rows, those after the given row in the list's order (issue 14)
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { StoreError } from '../../../../server/storage/storage.ts';
import { AT, entry, publishInput, replay, textUpdate, useStorage, type StorageHarness } from './fixtures.ts';

export function describePersonaIndexContract(backend: string, makeHarness: () => StorageHarness): void {
  describe(`PersonaIndex contract: ${backend}`, () => {
    const { open, reopen } = useStorage(makeHarness);

    it('[IDX1] lists no persona before any is created', async () => {
      const { index } = await open();
      expect(await index.listIndex()).toEqual([]);
    });

    it('[IDX2] creates a persona once, row and first state together; a second create with the same id writes nothing', async () => {
      const storage = await open();
      expect(await storage.createPersona(entry('p1', 'Ana'), textUpdate(new Y.Doc(), 'first'))).toBe(true);
      expect(await storage.createPersona(entry('p1', 'Impostor', '2026-11-25T00:00:00.000Z'), textUpdate(new Y.Doc(), 'second'))).toBe(false);
      expect(await storage.index.listIndex()).toEqual([
        { ...entry('p1', 'Ana'), createdAt: AT, publishedVersion: null, publishedAt: null },
      ]);
      const log = await storage.log.load('p1');
      expect(log?.updates).toHaveLength(1);
      expect(replay(log?.updates ?? [])).toBe('first');
    });

    it('[IDX3] keeps the index current and lists the most recently changed first', async () => {
      const storage = await open();
      await storage.createPersona(entry('old'), textUpdate(new Y.Doc(), 'o'));
      await storage.createPersona(entry('new', '', '2026-11-26T00:00:00.000Z'), textUpdate(new Y.Doc(), 'n'));
      expect((await storage.index.listIndex()).map((row) => row.id)).toEqual(['new', 'old']);
      const edited = { ...entry('old', 'Olga', '2026-11-27T09:00:00.000Z'), evidence: { marketing: 2, sales: 5 } };
      await storage.index.updateIndex(edited);
      const rows = await storage.index.listIndex();
      expect(rows.map((row) => row.id)).toEqual(['old', 'new']);
      expect(rows[0]).toEqual({ ...edited, createdAt: AT, publishedVersion: null, publishedAt: null });
    });

    it('[IDX4] shows each persona\'s latest published version and when it was published', async () => {
      const storage = await open();
      await storage.createPersona(entry('p1'), textUpdate(new Y.Doc(), 'x'));
      await storage.createPersona(entry('p2'), textUpdate(new Y.Doc(), 'y'));
      await storage.library.publish(publishInput('p1'));
      await storage.library.publish(publishInput('p1', { publishedAt: '2026-11-24T11:00:00.000Z' }));
      const rows = await storage.index.listIndex();
      expect(rows.find((row) => row.id === 'p1')).toMatchObject({ publishedVersion: 2, publishedAt: '2026-11-24T11:00:00.000Z' });
      expect(rows.find((row) => row.id === 'p2')).toMatchObject({ publishedVersion: null, publishedAt: null });
    });

    it('[IDX5] keeps the index across close and reopen', async () => {
      const storage = await open();
      await storage.createPersona(entry('durable', 'Dora'), textUpdate(new Y.Doc(), 'x'));
      await storage.index.updateIndex({ ...entry('durable', 'Dora Díaz', '2026-11-25T00:00:00.000Z') });
      const before = await storage.index.listIndex();
      const reopened = await reopen();
      expect(await reopened.index.listIndex()).toEqual(before);
      expect(before[0]?.name).toBe('Dora Díaz');
    });

    it('[IDX7] lists a page at a time: at most limit rows, after the given one, in the list\'s order', async () => {
      const storage = await open();
      for (const [id, day] of [['a', 20], ['b', 22], ['c', 22], ['d', 21], ['e', 23]] as const) {
        await storage.createPersona(entry(id, '', `2026-11-${day}T00:00:00.000Z`), textUpdate(new Y.Doc(), id));
      }
      const all = (await storage.index.listIndex()).map((row) => row.id);
      expect(all).toEqual(['e', 'b', 'c', 'd', 'a']);
      const pages: string[][] = [];
      let after: { updatedAt: string; id: string } | null = null;
      for (;;) {
        const page = await storage.index.listIndex({ limit: 2, after });
        if (page.length === 0) break;
        pages.push(page.map((row) => row.id));
        const last = page.at(-1);
        after = last ? { updatedAt: last.updatedAt, id: last.id } : null;
      }
      expect(pages).toEqual([['e', 'b'], ['c', 'd'], ['a']]);
    });

    it('[IDX6] rejects every call with a StoreError once closed', async () => {
      const storage = await open();
      await storage.close();
      await expect(storage.index.listIndex()).rejects.toBeInstanceOf(StoreError);
      await expect(storage.index.updateIndex(entry('p'))).rejects.toBeInstanceOf(StoreError);
      await expect(storage.createPersona(entry('p'), textUpdate(new Y.Doc(), 'x'))).rejects.toBeInstanceOf(StoreError);
    });
  });
}
