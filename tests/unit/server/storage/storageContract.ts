import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStore, PersonaIndexEntry, PublishInput } from '../../../../server/storage/storage.ts';
import { StoreError } from '../../../../server/storage/storage.ts';

/** How a backend under test is opened; `reopen` opens the same data again (after close). */
export interface StoreHarness {
  open(): Promise<DocStore>;
  dispose(): Promise<void>;
}

const AT = '2026-11-24T10:00:00.000Z';
const entry = (id: string, name = '', updatedAt = AT): PersonaIndexEntry => ({
  id,
  name,
  role: 'CFO',
  segment: 'Retail',
  evidence: { marketing: 0, sales: 0 },
  updatedAt,
});

const textUpdate = (doc: Y.Doc, text: string): Uint8Array => {
  let update: Uint8Array = new Uint8Array();
  const capture = (u: Uint8Array) => (update = u);
  doc.once('update', capture);
  doc.getText('t').insert(doc.getText('t').length, text);
  return update;
};

const replay = (updates: readonly Uint8Array[]): string => {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc.getText('t').toString();
};

/** One suite for every DocStore backend (tldraw's storageContractSuite is the model). */
export function describeDocStoreContract(backend: string, makeHarness: () => StoreHarness): void {
  describe(`DocStore contract: ${backend}`, () => {
    let harness: StoreHarness;
    let store: DocStore;

    const setUp = async () => {
      harness = makeHarness();
      store = await harness.open();
    };
    afterEach(async () => {
      await store.close();
      await harness.dispose();
    });

    it('knows nothing of a persona that was never created', async () => {
      await setUp();
      expect(await store.load('nobody')).toBeNull();
      expect(await store.listIndex()).toEqual([]);
    });

    it('creates a persona once; a second create with the same id writes nothing', async () => {
      await setUp();
      const doc = new Y.Doc();
      const state = textUpdate(doc, 'first');
      expect(await store.create(entry('p1', 'Ana'), state)).toBe(true);
      expect(await store.create(entry('p1', 'Impostor'), textUpdate(new Y.Doc(), 'second'))).toBe(false);
      expect(replay((await store.load('p1')) ?? [])).toBe('first');
      expect((await store.listIndex()).map((row) => row.name)).toEqual(['Ana']);
      expect(await store.load('p1')).not.toBeNull();
    });

    it('appends updates in order, per persona', async () => {
      await setUp();
      const a = new Y.Doc();
      const b = new Y.Doc();
      await store.create(entry('a'), textUpdate(a, 'A0'));
      await store.create(entry('b'), textUpdate(b, 'B0'));
      await store.append([
        { personaId: 'a', update: textUpdate(a, 'A1') },
        { personaId: 'b', update: textUpdate(b, 'B1') },
        { personaId: 'a', update: textUpdate(a, 'A2') },
      ]);
      await store.append([{ personaId: 'b', update: textUpdate(b, 'B2') }]);
      expect(replay((await store.load('a')) ?? [])).toBe('A0A1A2');
      expect(replay((await store.load('b')) ?? [])).toBe('B0B1B2');
      expect(await store.logLength('a')).toBe(3);
    });

    it('appends a batch atomically: one bad entry and none of it is stored', async () => {
      await setUp();
      const a = new Y.Doc();
      await store.create(entry('a'), textUpdate(a, 'kept'));
      const batch = [
        { personaId: 'a', update: textUpdate(a, ' lost') },
        { personaId: 'never-created', update: textUpdate(new Y.Doc(), 'x') },
      ];
      await expect(store.append(batch)).rejects.toBeInstanceOf(StoreError);
      expect(replay((await store.load('a')) ?? [])).toBe('kept');
      expect(await store.logLength('a')).toBe(1);
      // The store goes on working after the failed batch, in order.
      await store.append([{ personaId: 'a', update: textUpdate(new Y.Doc(), '') }]);
      expect(await store.logLength('a')).toBe(2);
    });

    it('compacts a log into one state that replays to the same document', async () => {
      await setUp();
      const doc = new Y.Doc();
      await store.create(entry('c'), textUpdate(doc, 'x'));
      for (let i = 0; i < 20; i++) await store.append([{ personaId: 'c', update: textUpdate(doc, `${i}`) }]);
      expect(await store.logLength('c')).toBe(21);
      await store.compact('c', Y.encodeStateAsUpdate(doc));
      expect(await store.logLength('c')).toBe(1);
      expect(replay((await store.load('c')) ?? [])).toBe(doc.getText('t').toString());
      // Appends after a compaction come after the state.
      await store.append([{ personaId: 'c', update: textUpdate(doc, '!') }]);
      expect(replay((await store.load('c')) ?? [])).toBe(doc.getText('t').toString());
    });

    it('keeps the index current and lists the most recently changed first', async () => {
      await setUp();
      await store.create(entry('old'), textUpdate(new Y.Doc(), 'o'));
      await store.create(entry('new', '', '2026-11-26T00:00:00.000Z'), textUpdate(new Y.Doc(), 'n'));
      expect((await store.listIndex()).map((row) => row.id)).toEqual(['new', 'old']);
      const edited = { ...entry('old', 'Olga', '2026-11-27T09:00:00.000Z'), evidence: { marketing: 2, sales: 5 } };
      await store.updateIndex(edited);
      const rows = await store.listIndex();
      expect(rows.map((row) => row.id)).toEqual(['old', 'new']);
      expect(rows[0]).toEqual({ ...edited, createdAt: AT, publishedVersion: null, publishedAt: null });
    });

    it('keeps everything across close and reopen', async () => {
      await setUp();
      const doc = new Y.Doc();
      await store.create(entry('durable', 'Dora'), textUpdate(doc, 'persist'));
      await store.append([{ personaId: 'durable', update: textUpdate(doc, 'ed') }]);
      await store.close();
      store = await harness.open();
      expect(replay((await store.load('durable')) ?? [])).toBe('persisted');
      // Sequence numbers go on after a reopen, so new updates still come last.
      await store.append([{ personaId: 'durable', update: textUpdate(doc, '!') }]);
      expect(replay((await store.load('durable')) ?? [])).toBe('persisted!');
      expect((await store.listIndex())[0]?.name).toBe('Dora');
    });

    const publishInput = (personaId: string, overrides: Partial<PublishInput> = {}): PublishInput => ({
      personaId,
      publishedAt: AT,
      publishedBy: { name: 'Ana', side: 'marketing' },
      note: '',
      name: 'María',
      role: 'CFO',
      segment: 'Retail',
      avatar: '🦊',
      state: textUpdate(new Y.Doc(), personaId),
      snapshot: JSON.stringify({ personaId }),
      searchText: 'María CFO Retail',
      ...overrides,
    });

    it('numbers versions per persona, keeps each one whole, and lists the latest in the library', async () => {
      await setUp();
      await store.create(entry('p1', 'María'), textUpdate(new Y.Doc(), 'x'));
      await store.create(entry('p2', 'Tomás'), textUpdate(new Y.Doc(), 'y'));
      expect(await store.getVersion('p1', null)).toBeNull();
      expect(await store.publish(publishInput('p1', { note: 'first', snapshot: '{"v":1}' }))).toBe(1);
      expect(await store.publish(publishInput('p2', { name: 'Tomás', segment: 'Logística', searchText: 'Tomás logística' }))).toBe(1);
      expect(await store.publish(publishInput('p1', { note: 'second', snapshot: '{"v":2}', publishedAt: '2026-11-24T11:00:00.000Z' }))).toBe(2);

      expect(await store.getVersion('p1', 1)).toMatchObject({ version: 1, note: 'first', snapshot: '{"v":1}', publishedBy: { name: 'Ana', side: 'marketing' } });
      expect(await store.getVersion('p1', null)).toMatchObject({ version: 2, note: 'second', snapshot: '{"v":2}' });
      expect(await store.getVersion('p1', 3)).toBeNull();
      expect((await store.listVersions('p1')).map((v) => v.version)).toEqual([2, 1]);
      expect((await store.searchLibrary({})).map((v) => [v.personaId, v.version])).toEqual([
        ['p1', 2],
        ['p2', 1],
      ]);
      expect((await store.listIndex()).find((row) => row.id === 'p1')).toMatchObject({
        publishedVersion: 2,
        publishedAt: '2026-11-24T11:00:00.000Z',
      });
      expect(await store.librarySegments()).toEqual(['Logística', 'Retail']);
    });

    it('searches the latest versions by word prefix, ignoring case and accents', async () => {
      await setUp();
      await store.create(entry('p1'), textUpdate(new Y.Doc(), 'x'));
      await store.create(entry('p2'), textUpdate(new Y.Doc(), 'y'));
      await store.publish(publishInput('p1', { searchText: 'old words only' }));
      await store.publish(publishInput('p1', { searchText: 'Directora financiera en logística' }));
      await store.publish(publishInput('p2', { name: 'Tomás', segment: 'Logística', searchText: 'jefe de compras' }));
      const ids = async (q: string, segment?: string) =>
        (await store.searchLibrary({ q, ...(segment ? { segment } : {}) })).map((v) => v.personaId);
      expect(await ids('LOGIST')).toEqual(expect.arrayContaining(['p1', 'p2']));
      expect(await ids('financ directora')).toEqual(['p1']);
      expect(await ids('tomas')).toEqual(['p2']);
      expect(await ids('old')).toEqual([]);
      expect(await ids('logística', 'Logística')).toEqual(['p2']);
      expect(await ids('"NEAR( OR *')).toEqual([]);
    });

    it('refuses to publish a persona that does not exist', async () => {
      await setUp();
      await expect(store.publish(publishInput('ghost'))).rejects.toBeInstanceOf(StoreError);
      expect(await store.searchLibrary({})).toEqual([]);
    });

    it('rejects every call with a StoreError once closed', async () => {
      await setUp();
      await store.close();
      await expect(store.load('x')).rejects.toBeInstanceOf(StoreError);
      await expect(store.append([])).rejects.toBeInstanceOf(StoreError);
      store = await harness.open();
    });
  });
}
