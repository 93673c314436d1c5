/*
 * The history's rules (SPEC §7), run against every storage backend:
 * HIS1  add keeps a checkpoint and answers its id; list gives the persona's checkpoints newest first, with kind and authors
 * HIS2  updates gives a checkpoint's chain byte for byte: the whole state it builds on first, then each update up to it;
 *       another persona's id, an unknown or a malformed id is null
 * HIS3  a checkpoint of a persona that does not exist, or built on a checkpoint the persona does not have, is refused
 *       with a StoreError, and nothing is kept
 * HIS4  prune removes the checkpoints named; the authors each held pass to the next newer one kept; other personas' are untouched
 * HIS5  prune folds a removed checkpoint's update into those built on it: every checkpoint kept still loads as it was
 * HIS6  storedBytes counts what the persona's checkpoints take, compressed: less than their raw updates for text
 * HIS7  checkpoints survive close and reopen
 * HIS8  once closed, every call rejects with a StoreError
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { NewCheckpoint, Storage } from '../../../../server/storage/storage.ts';
import { StoreError } from '../../../../server/storage/storage.ts';
import { AT, entry, textUpdate, useStorage, type StorageHarness } from './fixtures.ts';

/** The V2 state of a doc whose text 't' is `text`. */
const stateWith = (text: string): Uint8Array => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdateV2(doc);
};

const checkpoint = (personaId: string, overrides: Partial<NewCheckpoint> = {}): NewCheckpoint => ({
  personaId,
  at: AT,
  kind: 'auto',
  authors: [],
  update: stateWith(personaId),
  after: null,
  ...overrides,
});

/** The text 't' the chain of V2 updates adds up to. */
const textOf = (chain: readonly Uint8Array[] | null): string | null => {
  if (chain === null) return null;
  const doc = new Y.Doc();
  for (const update of chain) Y.applyUpdateV2(doc, update);
  return doc.getText('t').toString();
};

const at = (minutes: number) => new Date(Date.parse(AT) + minutes * 60_000).toISOString();

export function describeHistoryContract(backend: string, makeHarness: () => StorageHarness): void {
  describe(`History contract: ${backend}`, () => {
    const { open, reopen } = useStorage(makeHarness);

    async function withPersonas(...ids: string[]): Promise<Storage> {
      const storage = await open();
      for (const id of ids) await storage.createPersona(entry(id), textUpdate(new Y.Doc(), id));
      return storage;
    }

    /** Four checkpoints of one doc's text, each after the one before: "a", "ab", "abc", then "bc" (a deletion). */
    async function chainOfFour(storage: Storage, personaId = 'p1') {
      const doc = new Y.Doc();
      const text = doc.getText('t');
      const ids: string[] = [];
      let stateVector: Uint8Array | null = null;
      const edits = [() => text.insert(0, 'a'), () => text.insert(1, 'b'), () => text.insert(2, 'c'), () => text.delete(0, 1)];
      for (const [i, edit] of edits.entries()) {
        edit();
        const update = stateVector ? Y.encodeStateAsUpdateV2(doc, stateVector) : Y.encodeStateAsUpdateV2(doc);
        ids.push(await storage.history.add(checkpoint(personaId, { at: at(i * 5), update, after: ids.at(-1) ?? null, authors: [`m${i}`] })));
        stateVector = Y.encodeStateVector(doc);
      }
      return ids;
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

    it('[HIS2] gives back a checkpoint as its chain of updates, and null for an unknown, foreign or malformed id', async () => {
      const storage = await withPersonas('p1', 'p2');
      const { history } = storage;
      const whole = stateWith('Hola, señora Núñez');
      const alone = await history.add(checkpoint('p1', { update: whole }));
      expect(await history.updates('p1', alone)).toEqual([whole]);
      const ids = await chainOfFour(storage);
      expect(await Promise.all(ids.map(async (id) => textOf(await history.updates('p1', id))))).toEqual(['a', 'ab', 'abc', 'bc']);
      expect(await history.updates('p1', ids[3] ?? '')).toHaveLength(4);
      const theirs = await history.add(checkpoint('p2'));
      expect(await history.updates('p1', theirs)).toBeNull();
      expect(await history.updates('p2', ids[0] ?? '')).toBeNull();
      for (const bad of ['', 'abc', '-1', '0', '1.5', '999999', '9'.repeat(40)]) expect(await history.updates('p1', bad)).toBeNull();
    });

    it('[HIS3] refuses a checkpoint of a persona that does not exist, or built on one it does not have', async () => {
      const { history } = await withPersonas('p1', 'p2');
      const theirs = await history.add(checkpoint('p2'));
      await expect(history.add(checkpoint('ghost'))).rejects.toBeInstanceOf(StoreError);
      await expect(history.add(checkpoint('p1', { after: theirs }))).rejects.toBeInstanceOf(StoreError);
      await expect(history.add(checkpoint('p1', { after: '999999' }))).rejects.toBeInstanceOf(StoreError);
      await expect(history.add(checkpoint('p1', { after: 'nonsense' }))).rejects.toBeInstanceOf(StoreError);
      expect(await history.list('ghost')).toEqual([]);
      expect(await history.list('p1')).toEqual([]);
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

    it('[HIS5] folds what a removed checkpoint changed into those built on it, so each kept one loads as it was', async () => {
      const storage = await withPersonas('p1');
      const { history } = storage;
      const [first, second, third, fourth] = await chainOfFour(storage);
      await history.prune('p1', [second ?? '', first ?? '']);
      expect((await history.list('p1')).map((r) => r.id)).toEqual([fourth, third]);
      expect(textOf(await history.updates('p1', third ?? ''))).toBe('abc');
      expect(textOf(await history.updates('p1', fourth ?? ''))).toBe('bc');
      await history.prune('p1', [third ?? '']);
      expect(await history.updates('p1', fourth ?? '')).toHaveLength(1);
      expect(textOf(await history.updates('p1', fourth ?? ''))).toBe('bc');
    });

    it('[HIS6] counts the bytes the checkpoints take, compressed', async () => {
      const { history } = await withPersonas('p1');
      expect(await history.storedBytes('p1')).toBe(0);
      const update = stateWith('The buyer wants proof before the pilot. '.repeat(200));
      await history.add(checkpoint('p1', { update }));
      const bytes = await history.storedBytes('p1');
      expect(bytes).toBeGreaterThan(0);
      expect(bytes).toBeLessThan(update.byteLength / 2);
    });

    it('[HIS7] keeps checkpoints across close and reopen', async () => {
      const storage = await withPersonas('p1');
      const ids = await chainOfFour(storage);
      const before = await storage.history.list('p1');
      const reopened = await reopen();
      expect(await reopened.history.list('p1')).toEqual(before);
      expect(textOf(await reopened.history.updates('p1', ids[3] ?? ''))).toBe('bc');
    });

    it('[HIS8] rejects every call with a StoreError once closed', async () => {
      const storage = await withPersonas('p1');
      await storage.close();
      const { history } = storage;
      await expect(history.add(checkpoint('p1'))).rejects.toBeInstanceOf(StoreError);
      await expect(history.list('p1')).rejects.toBeInstanceOf(StoreError);
      await expect(history.updates('p1', '1')).rejects.toBeInstanceOf(StoreError);
      await expect(history.prune('p1', ['1'])).rejects.toBeInstanceOf(StoreError);
      await expect(history.storedBytes('p1')).rejects.toBeInstanceOf(StoreError);
    });
  });
}
