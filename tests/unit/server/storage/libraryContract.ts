/*
 * The library's rules, run against every storage backend:
 * LIB1  publish numbers versions per persona, from 1
 * LIB2  a version is kept as published (record, JSON and Yjs state), whatever is published after it
 * LIB3  getVersion(null) is the latest; a version that does not exist is null; listVersions is newest first
 * LIB4  without a query, the library lists the latest version of each published persona, newest first
 * LIB5  full text: every word must start a word of a latest version, regardless of case and accents; typed syntax is inert
 * LIB6  a segment filters exactly; librarySegments lists the latest versions' segments, sorted
 * LIB7  publishing a persona that does not exist is refused with a StoreError, and nothing is listed
 * LIB8  versions survive close and reopen
 * LIB9  once closed, every call rejects with a StoreError
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Storage } from '../../../../server/storage/storage.ts';
import { StoreError } from '../../../../server/storage/storage.ts';
import { entry, publishInput, textUpdate, useStorage, type StorageHarness } from './fixtures.ts';

export function describeLibraryContract(backend: string, makeHarness: () => StorageHarness): void {
  describe(`Library contract: ${backend}`, () => {
    const { open, reopen } = useStorage(makeHarness);

    async function withPersonas(...ids: string[]): Promise<Storage> {
      const storage = await open();
      for (const id of ids) await storage.createPersona(entry(id), textUpdate(new Y.Doc(), id));
      return storage;
    }

    it('[LIB1] numbers versions per persona, from 1', async () => {
      const { library } = await withPersonas('p1', 'p2');
      expect(await library.publish(publishInput('p1'))).toBe(1);
      expect(await library.publish(publishInput('p2'))).toBe(1);
      expect(await library.publish(publishInput('p1'))).toBe(2);
      expect(await library.publish(publishInput('p1'))).toBe(3);
    });

    it('[LIB2] keeps each version as it was published: its record, its JSON and its Yjs state', async () => {
      const { library } = await withPersonas('p1');
      const first = publishInput('p1', { note: 'first', snapshot: '{"v":1}', state: textUpdate(new Y.Doc(), 'state one') });
      await library.publish(first);
      await library.publish(publishInput('p1', { note: 'second', name: 'Renamed', snapshot: '{"v":2}', state: textUpdate(new Y.Doc(), 'state two') }));
      const { state, searchText, ...record } = first;
      expect(await library.getVersion('p1', 1)).toEqual({ ...record, version: 1 });
      expect(await library.getVersionState('p1', 1)).toEqual(state);
      expect(await library.getVersion('p1', 2)).toMatchObject({ note: 'second', name: 'Renamed', snapshot: '{"v":2}' });
    });

    it('[LIB3] reads the latest version by default, null for one that does not exist, and lists versions newest first', async () => {
      const { library } = await withPersonas('p1', 'p2');
      expect(await library.getVersion('p1', null)).toBeNull();
      expect(await library.listVersions('p1')).toEqual([]);
      await library.publish(publishInput('p1', { note: 'first' }));
      await library.publish(publishInput('p1', { note: 'second', snapshot: '{"v":2}' }));
      expect(await library.getVersion('p1', null)).toMatchObject({ version: 2, note: 'second', snapshot: '{"v":2}' });
      expect(await library.getVersion('p1', 3)).toBeNull();
      expect(await library.getVersion('p2', 1)).toBeNull();
      expect(await library.getVersionState('p1', 3)).toBeNull();
      expect((await library.listVersions('p1')).map((v) => [v.version, v.note])).toEqual([
        [2, 'second'],
        [1, 'first'],
      ]);
    });

    it('[LIB4] lists the latest version of each published persona, newest first', async () => {
      const { library } = await withPersonas('p1', 'p2', 'draft-only');
      await library.publish(publishInput('p1'));
      await library.publish(publishInput('p2', { publishedAt: '2026-11-24T10:30:00.000Z' }));
      await library.publish(publishInput('p1', { publishedAt: '2026-11-24T11:00:00.000Z' }));
      expect((await library.searchLibrary({})).map((v) => [v.personaId, v.version])).toEqual([
        ['p1', 2],
        ['p2', 1],
      ]);
    });

    it('[LIB5] searches the latest versions by word prefix, ignoring case and accents', async () => {
      const { library } = await withPersonas('p1', 'p2');
      await library.publish(publishInput('p1', { searchText: 'old words only' }));
      await library.publish(publishInput('p1', { searchText: 'Directora financiera en logística' }));
      await library.publish(publishInput('p2', { name: 'Tomás', segment: 'Logística', searchText: 'jefe de compras' }));
      const ids = async (q: string) => (await library.searchLibrary({ q })).map((v) => v.personaId);
      expect(await ids('LOGIST')).toEqual(expect.arrayContaining(['p1', 'p2']));
      expect(await ids('financ directora')).toEqual(['p1']);
      expect(await ids('tomas')).toEqual(['p2']);
      expect(await ids('old')).toEqual([]);
      expect(await ids('"NEAR( OR *')).toEqual([]);
    });

    it('[LIB6] filters by segment exactly and lists the segments of the latest versions, sorted', async () => {
      const { library } = await withPersonas('p1', 'p2', 'p3');
      await library.publish(publishInput('p1', { segment: 'Banca', searchText: 'logística' }));
      await library.publish(publishInput('p1', { segment: 'Retail', searchText: 'logística' }));
      await library.publish(publishInput('p2', { segment: 'Logística', searchText: 'logística' }));
      await library.publish(publishInput('p3', { segment: 'logística', searchText: 'otra' }));
      const ids = async (segment: string, q?: string) =>
        (await library.searchLibrary({ segment, ...(q ? { q } : {}) })).map((v) => v.personaId);
      expect(await ids('Logística')).toEqual(['p2']);
      expect(await ids('Logística', 'logística')).toEqual(['p2']);
      expect(await ids('Banca')).toEqual([]);
      expect(await library.librarySegments()).toEqual(['Logística', 'logística', 'Retail']);
    });

    it('[LIB7] refuses to publish a persona that does not exist', async () => {
      const { library } = await open();
      await expect(library.publish(publishInput('ghost'))).rejects.toBeInstanceOf(StoreError);
      expect(await library.searchLibrary({})).toEqual([]);
      expect(await library.listVersions('ghost')).toEqual([]);
    });

    it('[LIB8] keeps every version across close and reopen', async () => {
      const { library } = await withPersonas('p1');
      await library.publish(publishInput('p1', { note: 'first' }));
      await library.publish(publishInput('p1', { note: 'second' }));
      const before = await library.listVersions('p1');
      const reopened = await reopen();
      expect(await reopened.library.listVersions('p1')).toEqual(before);
      expect(await reopened.library.searchLibrary({ q: 'maría' })).toEqual([before[0]]);
      expect(await reopened.library.publish(publishInput('p1'))).toBe(3);
    });

    it('[LIB9] rejects every call with a StoreError once closed', async () => {
      const storage = await withPersonas('p1');
      await storage.close();
      const { library } = storage;
      await expect(library.publish(publishInput('p1'))).rejects.toBeInstanceOf(StoreError);
      await expect(library.searchLibrary({})).rejects.toBeInstanceOf(StoreError);
      await expect(library.librarySegments()).rejects.toBeInstanceOf(StoreError);
      await expect(library.getVersion('p1', null)).rejects.toBeInstanceOf(StoreError);
      await expect(library.getVersionState('p1', 1)).rejects.toBeInstanceOf(StoreError);
      await expect(library.listVersions('p1')).rejects.toBeInstanceOf(StoreError);
    });
  });
}
