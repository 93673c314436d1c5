/*
 * The history's rules (SPEC §7), run against every storage backend:
 * HIS1  add keeps a checkpoint and answers its id; list gives the persona's checkpoints newest first, with kind and authors
 * HIS2  state gives back the Yjs state a checkpoint was added with, byte for byte; another persona's id, an unknown or malformed id is null
 * HIS3  a checkpoint of a persona that does not exist is refused with a StoreError, and nothing is kept
 * HIS4  prune removes the checkpoints named; the authors each held pass to the next newer one kept; other personas' are untouched
 * HIS5  storedBytes counts what the persona's checkpoints take, and less than their raw states for text
 * HIS6  checkpoints survive close and reopen
 * HIS7  once closed, every call rejects with a StoreError
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { NewCheckpoint, Storage } from '../../../../server/storage/storage.ts';
import { StoreError } from '../../../../server/storage/storage.ts';
import { AT, entry, replay, textUpdate, useStorage, type StorageHarness } from './fixtures.ts';

const checkpoint = (personaId: string, overrides: Partial<NewCheckpoint> = {}): NewCheckpoint => ({
  personaId,
  at: AT,
  kind: 'auto',
  authors: [],
  state: textUpdate(new Y.Doc(), personaId),
  ...overrides,
});

const at = (minutes: number) => new Date(Date.parse(AT) + minutes * 60_000).toISOString();

export function describeHistoryContract(backend: string, makeHarness: () => StorageHarness): void {
  describe(`History contract: ${backend}`, () => {
    const { open, reopen } = useStorage(makeHarness);

    async function withPersonas(...ids: string[]): Promise<Storage> {
      const storage = await open();
      for (const id of ids) await storage.createPersona(entry(id), textUpdate(new Y.Doc(), id));
      return storage;
    }

    it('[HIS1] keeps checkpoints and lists them newest first, with kind and authors', async () => {
      const { history } = await withPersonas('p1', 'p2');
      expect(await history.list('p1')).toEqual([]);
      const first = await history.add(checkpoint('p1', { at: at(0), authors: ['ana', 'ana', 'bo'] }));
      const second = await history.add(checkpoint('p1', { at: at(5), kind: 'publish' }));
      const third = await history.add(checkpoint('p1', { at: at(5), kind: 'restore', authors: ['operator'] }));
      await history.add(checkpoint('p2', { at: at(7) }));
      expect(new Set([first, second, third]).size).toBe(3);
      expect(await history.list('p1')).toEqual([
        { id: third, personaId: 'p1', at: at(5), kind: 'restore', authors: ['operator'] },
        { id: second, personaId: 'p1', at: at(5), kind: 'publish', authors: [] },
        { id: first, personaId: 'p1', at: at(0), kind: 'auto', authors: ['ana', 'bo'] },
      ]);
    });

    it('[HIS2] gives back the state a checkpoint holds, and null for an unknown, foreign or malformed id', async () => {
      const { history } = await withPersonas('p1', 'p2');
      const doc = new Y.Doc();
      const state = textUpdate(doc, 'Hola, señora Núñez');
      const id = await history.add(checkpoint('p1', { state }));
      const theirs = await history.add(checkpoint('p2'));
      expect(await history.state('p1', id)).toEqual(state);
      expect(replay([(await history.state('p1', id)) ?? new Uint8Array()])).toBe('Hola, señora Núñez');
      expect(await history.state('p1', theirs)).toBeNull();
      expect(await history.state('p1', '999999')).toBeNull();
      for (const bad of ['', 'abc', '-1', '0', '1.5', '9'.repeat(40)]) expect(await history.state('p1', bad)).toBeNull();
    });

    it('[HIS3] refuses a checkpoint of a persona that does not exist', async () => {
      const { history } = await withPersonas('p1');
      await expect(history.add(checkpoint('ghost'))).rejects.toBeInstanceOf(StoreError);
      expect(await history.list('ghost')).toEqual([]);
    });

    it('[HIS4] prunes the checkpoints named, handing their authors to the next newer one kept', async () => {
      const { history } = await withPersonas('p1', 'p2');
      const a = await history.add(checkpoint('p1', { at: at(0), authors: ['ana'] }));
      const b = await history.add(checkpoint('p1', { at: at(5), authors: ['bo'] }));
      const c = await history.add(checkpoint('p1', { at: at(10), authors: ['cy'] }));
      const d = await history.add(checkpoint('p1', { at: at(15), authors: ['ana'] }));
      const other = await history.add(checkpoint('p2', { at: at(12), authors: ['zed'] }));
      await history.prune('p1', [c, b, 'nonsense', other]);
      expect((await history.list('p1')).map((r) => [r.id, [...r.authors].sort()])).toEqual([
        [d, ['ana', 'bo', 'cy']],
        [a, ['ana']],
      ]);
      expect(await history.list('p2')).toHaveLength(1);
      await history.prune('p1', [d]);
      expect((await history.list('p1')).map((r) => r.id)).toEqual([a]);
    });

    it('[HIS5] counts the bytes the checkpoints take, compressed', async () => {
      const { history } = await withPersonas('p1');
      expect(await history.storedBytes('p1')).toBe(0);
      const state = textUpdate(new Y.Doc(), 'The buyer wants proof before the pilot. '.repeat(200));
      await history.add(checkpoint('p1', { state }));
      const bytes = await history.storedBytes('p1');
      expect(bytes).toBeGreaterThan(0);
      expect(bytes).toBeLessThan(state.byteLength / 2);
    });

    it('[HIS6] keeps checkpoints across close and reopen', async () => {
      const { history } = await withPersonas('p1');
      const id = await history.add(checkpoint('p1', { authors: ['ana'] }));
      const before = await history.list('p1');
      const reopened = await reopen();
      expect(await reopened.history.list('p1')).toEqual(before);
      expect(replay([(await reopened.history.state('p1', id)) ?? new Uint8Array()])).toBe('p1');
    });

    it('[HIS7] rejects every call with a StoreError once closed', async () => {
      const storage = await withPersonas('p1');
      await storage.close();
      const { history } = storage;
      await expect(history.add(checkpoint('p1'))).rejects.toBeInstanceOf(StoreError);
      await expect(history.list('p1')).rejects.toBeInstanceOf(StoreError);
      await expect(history.state('p1', '1')).rejects.toBeInstanceOf(StoreError);
      await expect(history.prune('p1', ['1'])).rejects.toBeInstanceOf(StoreError);
      await expect(history.storedBytes('p1')).rejects.toBeInstanceOf(StoreError);
    });
  });
}
