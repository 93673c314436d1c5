/*
 * CRM imports, the persona map and notices (SPEC §8), run against every storage backend:
 * CRM1  addImport keeps the record, the file byte for byte and the deals, per persona in the file's order; a taken id adds nothing
 * CRM2  listImports lists newest first (by the order added); latestImport is the newest, null before the first
 * CRM3  an import never changes: a second add with its id writes nothing, neither record nor file nor deals nor figures
 * CRM4  dealCounts counts each persona's deals in one import only
 * CRM5  updatePersonaMap merges: a value sets or replaces its persona, null forgets it, others stay; values match without case or accents
 * CRM6  notices read back per member, newest first; markNoticeRead marks once, only the member's own; an id kept is skipped
 * CRM7  imports (with their figures), the map and notices survive close and reopen
 * CRM9  an import's figures are kept per persona and period; figuresOf gives a persona's for a period by import
 * CRM8  once closed, every call rejects with a StoreError
 * CRM10 a staged import is invisible until committed, then kept whole as addImport keeps it, with its figures computed
 *       from its deals; discarded or committed under a taken id it leaves nothing; stages never mix
 */
import { describe, expect, it } from 'vitest';
import type { Deal } from '../../../../shared/scorecard/deals.ts';
import type { CrmImportRecord, ImportFigures, NoticeRecord } from '../../../../server/storage/storage.ts';
import { StoreError } from '../../../../server/storage/storage.ts';
import { AT, useStorage, type StorageHarness } from './fixtures.ts';

const LATER = '2026-11-25T10:00:00.000Z';

const record = (id: string, overrides: Partial<CrmImportRecord> = {}): CrmImportRecord => ({
  id,
  at: AT,
  by: { id: 'member-sam', name: 'Sam', team: 'sales' },
  kind: 'deals',
  rows: 2,
  sha256: 'a'.repeat(64),
  filename: 'deals.csv',
  source: 'hubspot',
  ...overrides,
});

const deal = (id: string, personaId: string, overrides: Partial<Deal> = {}): Deal => ({
  id,
  name: `Deal ${id}`,
  stage: 'Closed Won',
  outcome: 'won',
  amount: 1200.5,
  createdAt: '2026-10-01T00:00:00.000Z',
  closedAt: '2026-11-15T10:32:00.000Z',
  lossReason: '',
  personaId,
  ...overrides,
});

const figures = (personaId: string, period: string, dealsWon: number): ImportFigures => ({
  personaId,
  period,
  actuals: { winRate: 50, avgDealSize: 1234.5, salesCycleDays: 12.5, dealsWon, pipelineCreated: null, lossReasons: [{ reason: 'Price', count: 2 }] },
});

const notice = (id: string, memberId: string, at = AT): NoticeRecord => ({
  id,
  memberId,
  at,
  personaId: 'p1',
  personaName: 'Olivia',
  kind: 'target-met',
  detail: { targetId: 't1', metric: 'dealsWon', period: '2026-Q4', value: 2, actual: 3 },
  readAt: null,
});

// Bytes a text decoder would change: a BOM, a lone CR, Latin-1 é and a NUL.
const FILE = new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x2c, 0x62, 0x0d, 0xe9, 0x00, 0x0a]);

export function describeCrmContract(backend: string, makeHarness: () => StorageHarness): void {
  describe(`CRM contract: ${backend}`, () => {
    const { open, reopen } = useStorage(makeHarness);

    it('[CRM1] keeps the import, its file byte for byte and its deals per persona in order; a taken id adds nothing', async () => {
      const { crm } = await open();
      const deals = [deal('1', 'p1'), deal('2', 'p2', { outcome: 'open', stage: 'Qualified', closedAt: null, amount: null }), deal('3', 'p1', { outcome: 'lost', lossReason: 'Price' })];
      expect(await crm.addImport(record('i1'), FILE, deals, [])).toBe(true);
      expect(await crm.listImports()).toEqual([record('i1')]);
      expect(await crm.importFile('i1')).toEqual(FILE);
      expect(await crm.importFile('nope')).toBeNull();
      expect(await crm.importDeals('i1', 'p1')).toEqual([deals[0], deals[2]]);
      expect(await crm.importDeals('i1', 'p2')).toEqual([deals[1]]);
      expect(await crm.importDeals('i1', 'p3')).toEqual([]);
    });

    it('[CRM2] lists imports newest first; the latest is the newest, null before the first', async () => {
      const { crm } = await open();
      expect(await crm.latestImport()).toBeNull();
      expect(await crm.listImports()).toEqual([]);
      await crm.addImport(record('first'), FILE, [], []);
      await crm.addImport(record('second', { by: null, at: LATER, source: null, filename: null }), FILE, [], []);
      expect((await crm.listImports()).map((i) => i.id)).toEqual(['second', 'first']);
      expect(await crm.latestImport()).toEqual(record('second', { by: null, at: LATER, source: null, filename: null }));
    });

    it('[CRM3] an import never changes: adding again under its id writes nothing', async () => {
      const { crm } = await open();
      await crm.addImport(record('i1'), FILE, [deal('1', 'p1')], [figures('p1', '2026-Q4', 1)]);
      expect(await crm.addImport(record('i1', { rows: 9, sha256: 'b'.repeat(64) }), new Uint8Array([1]), [deal('x', 'p1'), deal('y', 'p9')], [figures('p1', '2026-Q4', 7), figures('p9', '2026', 7)])).toBe(false);
      expect(await crm.listImports()).toEqual([record('i1')]);
      expect(await crm.importFile('i1')).toEqual(FILE);
      expect((await crm.importDeals('i1', 'p1')).map((d) => d.id)).toEqual(['1']);
      expect(await crm.importDeals('i1', 'p9')).toEqual([]);
      expect(Object.fromEntries(await crm.figuresOf('p1', '2026-Q4'))).toEqual({ i1: figures('p1', '2026-Q4', 1).actuals });
      expect((await crm.figuresOf('p9', '2026')).size).toBe(0);
    });

    it('[CRM9] keeps each import’s figures per persona and period; figuresOf gives them by import', async () => {
      const { crm } = await open();
      await crm.addImport(record('i1'), FILE, [], [figures('p1', '2026-Q4', 1), figures('p1', '2026', 2), figures('p2', '2026-Q4', 3)]);
      await crm.addImport(record('i2'), FILE, [], [figures('p1', '2026-Q4', 4)]);
      expect(Object.fromEntries(await crm.figuresOf('p1', '2026-Q4'))).toEqual({ i1: figures('p1', '2026-Q4', 1).actuals, i2: figures('p1', '2026-Q4', 4).actuals });
      expect(Object.fromEntries(await crm.figuresOf('p1', '2026'))).toEqual({ i1: figures('p1', '2026', 2).actuals });
      expect((await crm.figuresOf('p2', '2026')).size).toBe(0);
      expect((await crm.figuresOf('p3', '2026-Q4')).size).toBe(0);
    });

    it('[CRM4] counts each persona’s deals in one import only', async () => {
      const { crm } = await open();
      await crm.addImport(record('i1'), FILE, [deal('1', 'p1'), deal('2', 'p1'), deal('3', 'p2')], []);
      await crm.addImport(record('i2'), FILE, [deal('4', 'p1')], []);
      expect(Object.fromEntries(await crm.dealCounts('i1'))).toEqual({ p1: 2, p2: 1 });
      expect(Object.fromEntries(await crm.dealCounts('i2'))).toEqual({ p1: 1 });
      expect((await crm.dealCounts('none')).size).toBe(0);
    });

    it('[CRM5] merges the persona map: sets, replaces (case and accents aside) and forgets values, keeping the rest', async () => {
      const { crm } = await open();
      await crm.updatePersonaMap({ 'María Núñez': 'p1', 'Procurement Pete': 'p2' });
      await crm.updatePersonaMap({ 'MARIA NUNEZ': 'p3' });
      expect(await crm.personaMap()).toEqual([
        { value: 'MARIA NUNEZ', personaId: 'p3' },
        { value: 'Procurement Pete', personaId: 'p2' },
      ]);
      await crm.updatePersonaMap({ 'procurement pete': null, 'Field Fred': 'p1' });
      expect(await crm.personaMap()).toEqual([
        { value: 'Field Fred', personaId: 'p1' },
        { value: 'MARIA NUNEZ', personaId: 'p3' },
      ]);
    });

    it('[CRM6] keeps notices per member, newest first, read once and only by their member', async () => {
      const { crm } = await open();
      await crm.addNotices([notice('n1', 'ana'), notice('n2', 'ana', LATER), notice('n3', 'sam')]);
      await crm.addNotices([{ ...notice('n1', 'ana'), personaName: 'changed' }]);
      expect((await crm.listNotices('ana')).map((n) => [n.id, n.personaName])).toEqual([['n2', 'Olivia'], ['n1', 'Olivia']]);
      expect(await crm.listNotices('ana')).toContainEqual(notice('n1', 'ana'));
      expect(await crm.markNoticeRead('sam', 'n1', LATER)).toBe(false);
      expect(await crm.markNoticeRead('ana', 'n1', LATER)).toBe(true);
      await crm.markNoticeRead('ana', 'n1', '2027-01-01T00:00:00.000Z');
      expect((await crm.listNotices('ana')).find((n) => n.id === 'n1')?.readAt).toBe(LATER);
      expect((await crm.listNotices('sam'))[0]?.readAt).toBeNull();
    });

    it('[CRM10] a staged import shows nothing before its commit, then keeps every batch with its figures; a discarded one leaves nothing', async () => {
      const { crm } = await open();
      const d1 = deal('1', 'p1');
      const d2 = deal('2', 'p2', { outcome: 'open', stage: 'Qualified', closedAt: null, amount: null });
      const d3 = deal('3', 'p1', { outcome: 'lost', stage: 'Closed Lost', lossReason: 'Price' });
      const d4 = deal('4', 'p1', { amount: 800, closedAt: '2026-12-31T23:59:00.000Z' });
      const stage = crm.stageImport();
      const other = crm.stageImport();
      await stage.add([d1, d2]);
      await other.add([deal('x', 'p1')]);
      await stage.add([d3, d4]);
      expect(await crm.listImports()).toEqual([]);
      expect(await crm.importDeals('i1', 'p1')).toEqual([]);
      expect(await stage.commit(record('i1'), FILE)).toBe(true);
      expect(await crm.listImports()).toEqual([record('i1')]);
      expect(await crm.importFile('i1')).toEqual(FILE);
      expect(await crm.importDeals('i1', 'p1')).toEqual([d1, d3, d4]);
      expect(await crm.importDeals('i1', 'p2')).toEqual([d2]);
      // By hand, p1 in 2026-Q4: closed 1 won, 3 lost, 4 won; won amounts 1200.5 and 800; cycles
      // 45 days (Oct 1 → Nov 15) and 91 days (Oct 1 → Dec 31), median 68; created: 1200.5 × 2 + 800.
      const q4 = (await crm.figuresOf('p1', '2026-Q4')).get('i1');
      expect(q4?.winRate).toBeCloseTo(200 / 3, 9);
      expect(q4).toMatchObject({ avgDealSize: 1000.25, salesCycleDays: 68, dealsWon: 2, pipelineCreated: 3201, lossReasons: [{ reason: 'Price', count: 1 }] });
      expect((await crm.figuresOf('p1', '2026-11')).get('i1')?.dealsWon).toBe(1);
      expect((await crm.figuresOf('p2', '2026-Q4')).get('i1')).toMatchObject({ winRate: null, dealsWon: null, pipelineCreated: null });
      // The other stage kept its own deal only; a discarded stage and a taken id leave nothing.
      const dropped = crm.stageImport();
      await dropped.add([deal('y', 'p1')]);
      await dropped.discard();
      expect(await dropped.commit(record('i3'), FILE)).toBe(true);
      expect(await crm.dealCounts('i3')).toEqual(new Map());
      const taken = crm.stageImport();
      await taken.add([deal('z', 'p9')]);
      expect(await taken.commit(record('i1', { rows: 9 }), new Uint8Array([1]))).toBe(false);
      expect(await crm.importDeals('i1', 'p9')).toEqual([]);
      expect(await other.commit(record('i2'), FILE)).toBe(true);
      expect((await crm.importDeals('i2', 'p1')).map((d) => d.id)).toEqual(['x']);
      expect((await crm.listImports()).map((i) => i.id)).toEqual(['i2', 'i3', 'i1']);
    });

    it('[CRM7] imports, the persona map and notices survive close and reopen', async () => {
      const first = await open();
      await first.crm.addImport(record('i1'), FILE, [deal('1', 'p1')], [figures('p1', '2026-11', 2)]);
      await first.crm.updatePersonaMap({ Olivia: 'p1' });
      await first.crm.addNotices([notice('n1', 'ana')]);
      const { crm } = await reopen();
      expect(await crm.listImports()).toEqual([record('i1')]);
      expect(await crm.importFile('i1')).toEqual(FILE);
      expect(await crm.importDeals('i1', 'p1')).toEqual([deal('1', 'p1')]);
      expect(Object.fromEntries(await crm.figuresOf('p1', '2026-11'))).toEqual({ i1: figures('p1', '2026-11', 2).actuals });
      expect(await crm.personaMap()).toEqual([{ value: 'Olivia', personaId: 'p1' }]);
      expect(await crm.listNotices('ana')).toEqual([notice('n1', 'ana')]);
    });

    it('[CRM8] rejects every call with a StoreError once closed', async () => {
      const storage = await open();
      await storage.close();
      await expect(storage.crm.listImports()).rejects.toBeInstanceOf(StoreError);
      await expect(storage.crm.addImport(record('i1'), FILE, [], [])).rejects.toBeInstanceOf(StoreError);
      await expect(storage.crm.updatePersonaMap({ a: 'p1' })).rejects.toBeInstanceOf(StoreError);
      await expect(storage.crm.listNotices('ana')).rejects.toBeInstanceOf(StoreError);
    });
  });
}
