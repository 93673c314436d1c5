/*
 * A whole Tandem in and out (storage.ts: Portable), run against every storage backend. Each test
 * opens a source and a target from the factory, so a PostgreSQL harness runs it unchanged.
 * PRT1  a new store is empty; one record of any kind (a member, a persona) makes it not empty
 * PRT2  export, import into an empty store, export again: the same records, in the same order
 * PRT3  the copy serves everything the source serves, read through the API (states byte for byte)
 * PRT4  the export's counts are its records'; it is a snapshot, read once: writes made while it is open are not in it, and are not blocked
 * PRT5  import refuses a store that is not empty, writing nothing
 * PRT6  import is all or none: records that throw midway, or one that refers to a record not given, leave the store empty
 * PRT7  the copy goes on working: a persona's log, versions, checkpoints, gathered activity and inbox items, mails and deliveries continue where they were
 * PRT8  the copy survives close and reopen
 */
import { describe, expect, it, afterEach } from 'vitest';
import * as Y from 'yjs';
import { PORTABLE_KINDS, toBase64, type PortableRecord } from '../../../../server/storage/portable.ts';
import { StoreError, type Portable, type Storage } from '../../../../server/storage/storage.ts';
import { AT, entry, publishInput, replay, textUpdate, type StorageHarness } from './fixtures.ts';
import { fillEveryKind, readEverything } from './portableFixtures.ts';

/** Two fresh stores per test (source and target), closed and disposed of after it. */
function useStores(makeHarness: () => StorageHarness) {
  const open: { harness: StorageHarness; storage: Storage }[] = [];
  afterEach(async () => {
    for (const { harness, storage } of open.splice(0)) {
      await storage.close();
      await harness.dispose();
    }
  });
  return {
    async fresh(): Promise<Storage> {
      const harness = makeHarness();
      const storage = await harness.open();
      open.push({ harness, storage });
      return storage;
    },
    async reopen(storage: Storage): Promise<Storage> {
      const held = open.find((o) => o.storage === storage);
      if (!held) throw new Error('not a store of this test');
      await storage.close();
      held.storage = await held.harness.open();
      return held.storage;
    },
  };
}

const portable = (storage: Storage): Portable => {
  if (!storage.portable) throw new Error('this backend has no Portable side');
  return storage.portable;
};

async function exportAll(storage: Storage): Promise<PortableRecord[]> {
  const snapshot = await portable(storage).exportAll();
  const records: PortableRecord[] = [];
  for await (const record of snapshot.records()) records.push(record);
  return records;
}

async function* from(records: readonly PortableRecord[]): AsyncGenerator<PortableRecord> {
  yield* records;
}

export function describePortableContract(backend: string, makeHarness: () => StorageHarness): void {
  describe(`${backend}: portable store`, () => {
    const stores = useStores(makeHarness);

    it('[PRT1] a new store is empty; a member or a persona makes it not empty', async () => {
      const a = await stores.fresh();
      expect(await portable(a).isEmpty()).toBe(true);
      expect(await exportAll(a)).toEqual([]);
      await a.people.addMember({ id: 'm', name: 'M', team: 'other', role: 'admin', email: null, createdAt: AT });
      expect(await portable(a).isEmpty()).toBe(false);
      const b = await stores.fresh();
      await b.createPersona(entry('p'), textUpdate(new Y.Doc(), 'x'));
      expect(await portable(b).isEmpty()).toBe(false);
    });

    it('[PRT2] export, import into an empty store, export again: the same records in the same order', async () => {
      const source = await stores.fresh();
      await fillEveryKind(source);
      const records = await exportAll(source);
      const kinds = new Set(records.map((r) => r.kind));
      expect([...kinds]).toEqual(PORTABLE_KINDS);
      const target = await stores.fresh();
      const counts = await portable(target).importAll(from(records));
      expect(counts.update).toBe(records.filter((r) => r.kind === 'update').length);
      expect(await exportAll(target)).toEqual(records);
    });

    it('[PRT3] the copy serves everything the source serves, states and files byte for byte', async () => {
      const source = await stores.fresh();
      await fillEveryKind(source);
      const target = await stores.fresh();
      await portable(target).importAll(from(await exportAll(source)));
      const expected = await readEverything(source);
      expect(expected.personas).toHaveLength(4);
      expect(expected.personas.find((p) => p.id === 'p-compacted')?.logLength).toBe(2);
      expect(expected.library.search.map((v) => v.personaId)).toEqual(['p-draft']);
      expect(await readEverything(target)).toEqual(expected);
    });

    it('[PRT4] the export is a snapshot with its counts; the store keeps taking writes meanwhile', async () => {
      const source = await stores.fresh();
      const doc = new Y.Doc();
      await source.createPersona(entry('p1'), textUpdate(doc, 'a'));
      const snapshot = await portable(source).exportAll();
      await source.log.append([{ personaId: 'p1', update: textUpdate(doc, 'b') }]);
      await source.createPersona(entry('p2'), textUpdate(new Y.Doc(), 'c'));
      const records: PortableRecord[] = [];
      for await (const record of snapshot.records()) records.push(record);
      await snapshot.close();
      // Read once: a second reading could not be of the same snapshot.
      await expect(snapshot.records()[Symbol.asyncIterator]().next()).rejects.toThrow(StoreError);
      expect(snapshot.counts).toMatchObject({ persona: 1, update: 1, member: 0 });
      expect(records.map((r) => r.kind)).toEqual(['persona', 'update']);
      expect(records[1]).toMatchObject({ kind: 'update', personaId: 'p1', seq: 1 });
      expect((await source.log.load('p1'))?.updates).toHaveLength(2);
      // A snapshot closed unread frees what it held.
      await (await portable(source).exportAll()).close();
      await source.log.append([{ personaId: 'p1', update: textUpdate(doc, 'd') }]);
    });

    it('[PRT5] import refuses a store that is not empty, writing nothing', async () => {
      const source = await stores.fresh();
      await fillEveryKind(source);
      const target = await stores.fresh();
      await target.createPersona(entry('mine'), textUpdate(new Y.Doc(), 'mine'));
      const before = await exportAll(target);
      await expect(portable(target).importAll(from(await exportAll(source)))).rejects.toThrow(StoreError);
      await expect(portable(target).importAll(from(await exportAll(source)))).rejects.toThrow(/not empty/);
      expect(await exportAll(target)).toEqual(before);
    });

    it('[PRT6] import is all or none: a stream that fails midway, or a dangling reference, leaves the store empty', async () => {
      const source = await stores.fresh();
      await fillEveryKind(source);
      const records = await exportAll(source);
      const target = await stores.fresh();
      async function* failing(): AsyncGenerator<PortableRecord> {
        yield* records.slice(0, records.length - 3);
        throw new Error('the archive is truncated');
      }
      await expect(portable(target).importAll(failing())).rejects.toThrow(/truncated/);
      expect(await portable(target).isEmpty()).toBe(true);
      const dangling: PortableRecord = { kind: 'update', personaId: 'nobody', seq: 1, data: toBase64(textUpdate(new Y.Doc(), 'x')) };
      await expect(portable(target).importAll(from([...records.slice(0, 5), dangling]))).rejects.toThrow(StoreError);
      expect(await portable(target).isEmpty()).toBe(true);
      // After refusing, it still imports.
      await portable(target).importAll(from(records));
      expect(await exportAll(target)).toEqual(records);
    });

    it('[PRT7] the copy goes on: logs, versions, checkpoints and gathered activity continue where they were', async () => {
      const source = await stores.fresh();
      await fillEveryKind(source);
      const target = await stores.fresh();
      await portable(target).importAll(from(await exportAll(source)));
      const before = await target.log.load('p-compacted');
      const [seq] = await target.log.append([{ personaId: 'p-compacted', update: textUpdate(replayDoc(before?.updates ?? []), '!') }]);
      expect(seq).toBe((before?.lastSeq ?? 0) + 1);
      expect(replay((await target.log.load('p-compacted'))?.updates ?? [])).toBe('Carla drinks coffee!');
      expect(await target.library.publish(publishInput('p-draft', { searchText: 'tercera' }))).toBe(3);
      expect((await target.library.searchLibrary({ q: 'ñandú' })).map((v) => v.personaId)).toEqual([]);
      expect((await target.library.searchLibrary({ q: 'tercera' })).map((v) => v.version)).toEqual([3]);
      const [latest] = await target.history.list('p-draft');
      const id = await target.history.add({ personaId: 'p-draft', at: '2026-12-01T00:00:00.000Z', kind: 'auto', authors: ['m-ana'], update: new Uint8Array(Y.encodeStateAsUpdateV2(new Y.Doc())), after: latest?.id ?? null });
      expect((await target.history.updates('p-draft', id))?.length).toBeGreaterThan(1);
      // The copied event was gathered from 10:30 to 10:33: an edit is gathered into it within 10 minutes
      // of when it started (10:39), not of its last edit (10:41 starts a new one).
      const edit = (time: string) =>
        target.activity.record({ personaId: 'p-draft', at: `2026-11-24T${time}:00.000Z`, memberId: 'm-ana', type: 'edited', detail: { section: 'goals' }, gatherWithinMs: 600_000 });
      await edit('10:39');
      await edit('10:41');
      const edits = (await target.activity.list('p-draft')).filter((e) => e.type === 'edited');
      expect(edits.map((e) => e.at)).toEqual(['2026-11-24T10:41:00.000Z', '2026-11-24T10:39:00.000Z']);
      expect(await target.people.addMember({ id: 'x', name: 'X', team: 'other', role: 'viewer', email: 'ANA@example.com', createdAt: AT })).toBe(false);
      // The copied burst (started 10:50) still gathers what comes within 10 minutes of its start.
      const [gathered] = await target.inbox.deliver([
        { id: 'i-later', memberId: 'm-ana', kind: 'evidence-added', at: '2026-11-24T10:58:00.000Z', actorId: 'm-sam', personaId: 'p-draft', place: { personaId: 'p-draft' }, detail: {}, gatherKey: 'evidence:p-draft', gatherWithinMs: 600_000 },
      ]);
      expect(gathered?.record).toMatchObject({ id: 'i-burst', detail: { count: 3 } });
      // Mails and deliveries keep their order, and new ones come after them.
      await target.mailQueue.add([{ memberId: 'm-ana', itemId: 'i-new', personaId: 'p-draft', mode: 'immediate', item: '{}', dueAt: '2026-11-24T10:56:00.000Z' }]);
      expect((await target.mailQueue.due('2026-11-24T10:56:00.000Z', 0, 10)).map((mails) => mails.map((m) => [m.itemId, m.attempts]))).toEqual([
        [
          ['i-burst', 1],
          ['i-new', 0],
        ],
      ]);
      await target.webhooks.addDeliveries([{ id: 'd-new', hookId: 'h-1', event: 'test', personaId: null, body: '{}', createdAt: '2026-11-24T11:00:00.000Z' }]);
      expect((await target.webhooks.listDeliveries('h-1', 10)).map((d) => d.id)).toEqual(['d-new', 'd-pending', 'd-failed', 'd-ok']);
    });

    it('[PRT8] the copy survives close and reopen', async () => {
      const source = await stores.fresh();
      await fillEveryKind(source);
      let target = await stores.fresh();
      await portable(target).importAll(from(await exportAll(source)));
      target = await stores.reopen(target);
      expect(await readEverything(target)).toEqual(await readEverything(source));
    });
  });
}

function replayDoc(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}
