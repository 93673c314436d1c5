/*
 * The update log's rules, run against every storage backend:
 * LOG1  a persona that was never created has no log: load answers null
 * LOG2  append stores updates in order, per persona; load returns them oldest first
 * LOG3  append answers one sequence number per update, in order, increasing per persona; load's lastSeq is the last
 * LOG4  a batch is atomic: one bad entry and none of it is stored (StoreError); the log goes on working
 * LOG5  compact replaces the entries up to upTo with one state that loads as the same document; appends come after it
 * LOG6  compact never deletes an entry after upTo: what another writer appended meanwhile survives and loads after the state
 * LOG7  compact refuses an upTo past the last entry (StoreError), changing nothing
 * LOG8  the log survives close and reopen, and its sequence numbers go on from where they were
 * LOG9  once closed, every call rejects with a StoreError
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Storage } from '../../../../server/storage/storage.ts';
import { StoreError } from '../../../../server/storage/storage.ts';
import { entry, replay, textUpdate, useStorage, type StorageHarness } from './fixtures.ts';

export function describeUpdateLogContract(backend: string, makeHarness: () => StorageHarness): void {
  describe(`UpdateLog contract: ${backend}`, () => {
    const { open, reopen } = useStorage(makeHarness);

    /** A persona created with `first`, then with each of `more` appended one by one. */
    async function personaWith(storage: Storage, id: string, doc: Y.Doc, first: string, ...more: string[]) {
      await storage.createPersona(entry(id), textUpdate(doc, first));
      for (const text of more) await storage.log.append([{ personaId: id, update: textUpdate(doc, text) }]);
    }

    it('[LOG1] knows nothing of a persona that was never created', async () => {
      const { log } = await open();
      expect(await log.load('nobody')).toBeNull();
      expect(await log.logLength('nobody')).toBe(0);
    });

    it('[LOG2] appends updates in order, per persona', async () => {
      const storage = await open();
      const a = new Y.Doc();
      const b = new Y.Doc();
      await storage.createPersona(entry('a'), textUpdate(a, 'A0'));
      await storage.createPersona(entry('b'), textUpdate(b, 'B0'));
      await storage.log.append([
        { personaId: 'a', update: textUpdate(a, 'A1') },
        { personaId: 'b', update: textUpdate(b, 'B1') },
        { personaId: 'a', update: textUpdate(a, 'A2') },
      ]);
      await storage.log.append([{ personaId: 'b', update: textUpdate(b, 'B2') }]);
      expect(replay((await storage.log.load('a'))?.updates ?? [])).toBe('A0A1A2');
      expect(replay((await storage.log.load('b'))?.updates ?? [])).toBe('B0B1B2');
      expect(await storage.log.logLength('a')).toBe(3);
    });

    it('[LOG3] append answers the sequence number it assigned to each update, and load the last one', async () => {
      const storage = await open();
      const a = new Y.Doc();
      const b = new Y.Doc();
      await storage.createPersona(entry('a'), textUpdate(a, 'A0'));
      await storage.createPersona(entry('b'), textUpdate(b, 'B0'));
      const createdA = (await storage.log.load('a'))?.lastSeq ?? Number.NaN;
      const createdB = (await storage.log.load('b'))?.lastSeq ?? Number.NaN;

      const [a1 = 0, b1 = 0, a2 = 0, ...rest] = await storage.log.append([
        { personaId: 'a', update: textUpdate(a, 'A1') },
        { personaId: 'b', update: textUpdate(b, 'B1') },
        { personaId: 'a', update: textUpdate(a, 'A2') },
      ]);
      expect(rest).toEqual([]);
      expect(a1).toBeGreaterThan(createdA);
      expect(a2).toBeGreaterThan(a1);
      expect(b1).toBeGreaterThan(createdB);
      expect((await storage.log.load('a'))?.lastSeq).toBe(a2);
      expect((await storage.log.load('b'))?.lastSeq).toBe(b1);

      const [a3 = 0] = await storage.log.append([{ personaId: 'a', update: textUpdate(a, 'A3') }]);
      expect(a3).toBeGreaterThan(a2);
      expect((await storage.log.load('a'))?.lastSeq).toBe(a3);
      expect(await storage.log.append([])).toEqual([]);
    });

    it('[LOG4] appends a batch atomically: one bad entry and none of it is stored', async () => {
      const storage = await open();
      const a = new Y.Doc();
      await storage.createPersona(entry('a'), textUpdate(a, 'kept'));
      const before = await storage.log.load('a');
      const batch = [
        { personaId: 'a', update: textUpdate(a, ' lost') },
        { personaId: 'never-created', update: textUpdate(new Y.Doc(), 'x') },
      ];
      await expect(storage.log.append(batch)).rejects.toBeInstanceOf(StoreError);
      expect(await storage.log.load('a')).toEqual(before);
      // The log goes on working after the failed batch, in order.
      const [next = 0] = await storage.log.append([{ personaId: 'a', update: textUpdate(new Y.Doc(), '') }]);
      expect(next).toBeGreaterThan(before?.lastSeq ?? Number.NaN);
      expect(await storage.log.logLength('a')).toBe(2);
    });

    it('[LOG5] compacts a log into one state that loads as the same document; appends come after it', async () => {
      const storage = await open();
      const doc = new Y.Doc();
      await personaWith(storage, 'c', doc, 'x', ...Array.from({ length: 20 }, (_, i) => `${i}`));
      expect(await storage.log.logLength('c')).toBe(21);
      const upTo = (await storage.log.load('c'))?.lastSeq ?? Number.NaN;
      await storage.log.compact('c', Y.encodeStateAsUpdate(doc), upTo);
      expect(await storage.log.logLength('c')).toBe(1);
      const compacted = await storage.log.load('c');
      expect(replay(compacted?.updates ?? [])).toBe(doc.getText('t').toString());
      expect(compacted?.lastSeq).toBe(upTo);

      const [after = 0] = await storage.log.append([{ personaId: 'c', update: textUpdate(doc, '!') }]);
      expect(after).toBeGreaterThan(upTo);
      expect(replay((await storage.log.load('c'))?.updates ?? [])).toBe(doc.getText('t').toString());
    });

    it('[LOG6] compaction keeps what another writer appended after the compacting writer loaded', async () => {
      const storage = await open();
      const writer = new Y.Doc();
      await personaWith(storage, 'shared', writer, 'a', 'b');
      const seen = await storage.log.load('shared');
      if (!seen) throw new Error('not created');

      // A second writer, up to date with the log, appends one update the first has not seen.
      const other = new Y.Doc();
      for (const update of seen.updates) Y.applyUpdate(other, update);
      const unseen = textUpdate(other, 'c');
      const [unseenSeq = 0] = await storage.log.append([{ personaId: 'shared', update: unseen }]);

      // The first compacts what it had loaded: only entries up to the last one it saw go.
      await storage.log.compact('shared', Y.encodeStateAsUpdate(writer), seen.lastSeq);
      const after = await storage.log.load('shared');
      expect(after?.updates).toHaveLength(2);
      expect(replay(after?.updates.slice(0, 1) ?? [])).toBe('ab');
      expect(after?.updates[1]).toEqual(unseen);
      expect(after?.lastSeq).toBe(unseenSeq);
      expect(replay(after?.updates ?? [])).toBe('abc');
    });

    it('[LOG7] refuses to compact past the last entry, and changes nothing', async () => {
      const storage = await open();
      const doc = new Y.Doc();
      await personaWith(storage, 'p', doc, 'a', 'b');
      const before = await storage.log.load('p');
      const beyond = (before?.lastSeq ?? 0) + 1;
      await expect(storage.log.compact('p', Y.encodeStateAsUpdate(doc), beyond)).rejects.toBeInstanceOf(StoreError);
      expect(await storage.log.load('p')).toEqual(before);
    });

    it('[LOG8] keeps the log across close and reopen, and numbers on from where it was', async () => {
      const storage = await open();
      const doc = new Y.Doc();
      await personaWith(storage, 'durable', doc, 'persist', 'ed');
      const before = await storage.log.load('durable');
      const reopened = await reopen();
      expect(await reopened.log.load('durable')).toEqual(before);
      const [next = 0] = await reopened.log.append([{ personaId: 'durable', update: textUpdate(doc, '!') }]);
      expect(next).toBeGreaterThan(before?.lastSeq ?? Number.NaN);
      expect(replay((await reopened.log.load('durable'))?.updates ?? [])).toBe('persisted!');
    });

    it('[LOG9] rejects every call with a StoreError once closed', async () => {
      const storage = await open();
      await storage.createPersona(entry('p'), textUpdate(new Y.Doc(), 'x'));
      await storage.close();
      await expect(storage.log.load('p')).rejects.toBeInstanceOf(StoreError);
      await expect(storage.log.append([])).rejects.toBeInstanceOf(StoreError);
      await expect(storage.log.compact('p', new Uint8Array([0, 0]), 1)).rejects.toBeInstanceOf(StoreError);
      await expect(storage.log.logLength('p')).rejects.toBeInstanceOf(StoreError);
    });
  });
}
