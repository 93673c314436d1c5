/*
 * The persona index's rules (and creating a persona, which writes its row and its log together),
 * run against every storage backend:
 * IDX1  a new storage lists no persona
 * IDX2  createPersona writes the row (created at entry.updatedAt) and the log's first state, once;
 *       a second create with the same id answers false and writes nothing to either
 * IDX3  updateIndex keeps rows current, several in one call; the list is most recently changed first
 * IDX4  a row shows its latest published version and when; null before the first publish
 * IDX5  the index survives close and reopen
 * IDX6  once closed, every call rejects with a StoreError
 * IDX7  archive / unarchive / trash / untrash change the persona's status once (a second call, or one
 *       on a missing persona, answers false and changes nothing); a trashed persona is not archived
 *       or unarchived until it is out of the trash
 * IDX8  the drafts view lists personas neither archived nor trashed; `archived` the archived ones not
 *       trashed; `trash` the trashed ones, each row with its archivedAt and trashedAt
 * IDX9  a trashed persona leaves the library (search, segments, versions) and comes back with untrash
 * IDX10 erasePersona erases a trashed persona with its log, versions and search entry (even though
 *       published versions are otherwise never deleted); a persona not in the trash is never erased
 * IDX11 trashedBefore lists the personas trashed before a time, oldest first
 * IDX12 a persona is created from a template with its old-template check done; markTemplateChecked
 *       records the check and the template; the status survives close and reopen
 * IDX13 a page lists at most `limit` rows, those after the given row in the list's order (issue 14)
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
        { ...entry('p1', 'Ana'), createdAt: AT, publishedVersion: null, publishedAt: null, archivedAt: null, trashedAt: null },
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
      expect(rows[0]).toEqual({ ...edited, createdAt: AT, publishedVersion: null, publishedAt: null, archivedAt: null, trashedAt: null });
      await storage.index.updateIndex(entry('new', 'Nora', '2026-11-28T09:00:00.000Z'), entry('old', 'Olga II', '2026-11-28T08:00:00.000Z'));
      expect((await storage.index.listIndex()).map((row) => [row.id, row.name])).toEqual([['new', 'Nora'], ['old', 'Olga II']]);
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

    it('[IDX13] lists a page at a time: at most limit rows, after the given one, in the list\'s order', async () => {
      const storage = await open();
      for (const [id, day] of [['a', 20], ['b', 22], ['c', 22], ['d', 21], ['e', 23]] as const) {
        await storage.createPersona(entry(id, '', `2026-11-${day}T00:00:00.000Z`), textUpdate(new Y.Doc(), id));
      }
      const all = (await storage.index.listIndex()).map((row) => row.id);
      expect(all).toEqual(['e', 'b', 'c', 'd', 'a']);
      const pages: string[][] = [];
      let after: { updatedAt: string; id: string } | null = null;
      for (;;) {
        const page = await storage.index.listIndex('drafts', { limit: 2, after });
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
      await expect(storage.index.status('p')).rejects.toBeInstanceOf(StoreError);
      await expect(storage.index.trash('p', LATER)).rejects.toBeInstanceOf(StoreError);
      await expect(storage.erasePersona('p')).rejects.toBeInstanceOf(StoreError);
    });

    it('[IDX7] archives, unarchives, trashes and untrashes once each; a trashed persona stays as it is until untrashed', async () => {
      const storage = await open();
      const { index } = storage;
      await storage.createPersona(entry('p1'), textUpdate(new Y.Doc(), 'x'));
      expect(await index.archive('missing', LATER)).toBe(false);
      expect(await index.trash('missing', LATER)).toBe(false);
      expect(await index.status('missing')).toBeNull();

      expect(await index.archive('p1', LATER)).toBe(true);
      expect(await index.archive('p1', EVEN_LATER)).toBe(false);
      expect(await index.status('p1')).toMatchObject({ archivedAt: LATER, trashedAt: null });
      expect(await index.unarchive('p1')).toBe(true);
      expect(await index.unarchive('p1')).toBe(false);

      expect(await index.trash('p1', LATER)).toBe(true);
      expect(await index.trash('p1', EVEN_LATER)).toBe(false);
      expect(await index.archive('p1', LATER)).toBe(false);
      expect(await index.status('p1')).toMatchObject({ archivedAt: null, trashedAt: LATER });
      expect(await index.untrash('p1')).toBe(true);
      expect(await index.untrash('p1')).toBe(false);
      expect(await index.status('p1')).toMatchObject({ archivedAt: null, trashedAt: null });
    });

    it('[IDX8] lists drafts, archived personas and the trash apart, each row with its dates', async () => {
      const storage = await open();
      const { index } = storage;
      for (const id of ['draft', 'shelved', 'binned', 'both']) await storage.createPersona(entry(id), textUpdate(new Y.Doc(), id));
      await index.archive('shelved', LATER);
      await index.trash('binned', LATER);
      await index.archive('both', LATER);
      await index.trash('both', EVEN_LATER);
      const ids = async (view?: 'drafts' | 'archived' | 'trash') => (await index.listIndex(view)).map((row) => row.id).sort();
      expect(await ids()).toEqual(['draft']);
      expect(await ids('drafts')).toEqual(['draft']);
      expect(await ids('archived')).toEqual(['shelved']);
      expect(await ids('trash')).toEqual(['binned', 'both']);
      expect((await index.listIndex('trash')).find((row) => row.id === 'both')).toMatchObject({ archivedAt: LATER, trashedAt: EVEN_LATER });
    });

    it('[IDX9] takes a trashed persona out of the library, and untrash brings it back', async () => {
      const storage = await open();
      const { index, library } = storage;
      for (const id of ['kept', 'binned']) {
        await storage.createPersona(entry(id), textUpdate(new Y.Doc(), id));
        await library.publish(publishInput(id, { segment: id === 'kept' ? 'Retail' : 'Banking' }));
      }
      await index.archive('kept', LATER);
      await index.trash('binned', LATER);
      expect((await library.searchLibrary({})).map((v) => v.personaId)).toEqual(['kept']);
      expect((await library.searchLibrary({ q: 'María' })).map((v) => v.personaId)).toEqual(['kept']);
      expect(await library.librarySegments()).toEqual(['Retail']);
      expect(await library.getVersion('binned', null)).toBeNull();
      expect(await library.getVersion('binned', 1)).toBeNull();
      expect(await library.listVersions('binned')).toEqual([]);
      await index.untrash('binned');
      expect((await library.searchLibrary({})).map((v) => v.personaId).sort()).toEqual(['binned', 'kept']);
      expect(await library.getVersion('binned', 1)).not.toBeNull();
    });

    it('[IDX10] erases a trashed persona with its log, versions and search entry; never one out of the trash', async () => {
      const storage = await open();
      const { index, library, log } = storage;
      for (const id of ['kept', 'binned']) {
        await storage.createPersona(entry(id), textUpdate(new Y.Doc(), id));
        await library.publish(publishInput(id));
        await library.publish(publishInput(id));
      }
      expect(await storage.erasePersona('kept')).toBe(false);
      expect(await storage.erasePersona('missing')).toBe(false);
      await index.trash('binned', LATER);
      expect(await storage.erasePersona('binned')).toBe(true);
      expect(await storage.erasePersona('binned')).toBe(false);
      expect(await index.status('binned')).toBeNull();
      expect(await log.load('binned')).toBeNull();
      expect(await library.getVersionState('binned', 1)).toBeNull();
      expect(await index.listIndex('trash')).toEqual([]);
      await index.untrash('binned');
      expect((await library.searchLibrary({})).map((v) => v.personaId)).toEqual(['kept']);
      // The other persona is untouched, its versions still there.
      expect((await library.listVersions('kept')).map((v) => v.version)).toEqual([2, 1]);
      expect(replay((await log.load('kept'))?.updates ?? [])).toBe('kept');
    });

    it('[IDX11] lists the personas trashed before a time, oldest first', async () => {
      const storage = await open();
      for (const id of ['a', 'b', 'c']) await storage.createPersona(entry(id), textUpdate(new Y.Doc(), id));
      await storage.index.trash('b', '2026-11-01T00:00:00.000Z');
      await storage.index.trash('a', '2026-11-02T00:00:00.000Z');
      await storage.index.trash('c', '2026-11-20T00:00:00.000Z');
      expect(await storage.index.trashedBefore('2026-11-10T00:00:00.000Z')).toEqual(['b', 'a']);
      expect(await storage.index.trashedBefore('2026-11-01T00:00:00.000Z')).toEqual([]);
    });

    it('[IDX12] creates a persona with its template recorded and checked; the check and the status survive a reopen', async () => {
      const storage = await open();
      await storage.createPersona(entry('fresh'), textUpdate(new Y.Doc(), 'x'), 'b2b');
      await storage.createPersona(entry('plain'), textUpdate(new Y.Doc(), 'y'));
      expect(await storage.index.status('fresh')).toEqual({ archivedAt: null, trashedAt: null, template: 'b2b', templateCheckedAt: AT });
      expect(await storage.index.status('plain')).toMatchObject({ template: 'blank', templateCheckedAt: AT });
      await storage.index.markTemplateChecked('plain', LATER, 'b2b');
      await storage.index.archive('plain', LATER);
      const reopened = await reopen();
      expect(await reopened.index.status('plain')).toEqual({ archivedAt: LATER, trashedAt: null, template: 'b2b', templateCheckedAt: LATER });
    });
  });
}

const LATER = '2026-11-28T10:00:00.000Z';
const EVEN_LATER = '2026-11-29T10:00:00.000Z';
