/*
 * The mail queue's rules (issue 17), run against every storage backend:
 * MQ1  due gives each member with an entry due at `now` one group: their entries due by now + gatherMs, oldest first;
 *      a member with nothing due is left out; `limit` caps the members
 * MQ2  the same item queued again for a member replaces the waiting item and keeps its time
 * MQ3  remove forgets entries; postpone counts an attempt and moves the time; nextDueAt is the earliest time
 * MQ4  bringForward makes every entry of one mode due at once, and only those of that mode
 * MQ5  entries survive close and reopen
 * MQ6  erasing a persona forgets its entries, and only its
 * MQ7  once closed, every call rejects with a StoreError
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { NewQueuedMail } from '../../../../server/storage/storage.ts';
import { StoreError } from '../../../../server/storage/storage.ts';
import { entry, textUpdate, useStorage, type StorageHarness } from './fixtures.ts';

const at = (second: number) => new Date(Date.UTC(2026, 11, 2, 10, 0, second)).toISOString();

const mail = (memberId: string, itemId: string, dueAt: string, overrides: Partial<NewQueuedMail> = {}): NewQueuedMail => ({
  memberId,
  itemId,
  personaId: 'p1',
  mode: 'immediate',
  item: JSON.stringify({ id: itemId }),
  dueAt,
  ...overrides,
});

export function describeMailQueueContract(backend: string, makeHarness: () => StorageHarness): void {
  describe(`Mail queue contract: ${backend}`, () => {
    const { open, reopen } = useStorage(makeHarness);
    const ids = (groups: { itemId: string }[][]) => groups.map((group) => group.map((m) => m.itemId));

    it('[MQ1] groups what is due per member, with what falls due within the gathering time', async () => {
      const { mailQueue } = await open();
      await mailQueue.add([mail('ana', 'a1', at(5)), mail('ana', 'a2', at(9)), mail('ana', 'a3', at(30)), mail('luis', 'l1', at(1)), mail('eva', 'e1', at(20))]);
      expect(ids(await mailQueue.due(at(4), 0, 10))).toEqual([['l1']]);
      expect(ids(await mailQueue.due(at(5), 5_000, 10))).toEqual([['l1'], ['a1', 'a2']]);
      expect(ids(await mailQueue.due(at(5), 5_000, 1))).toEqual([['l1']]);
      expect(await mailQueue.due(at(0), 60_000, 10)).toEqual([]);
    });

    it('[MQ2] an item queued again replaces the waiting one and keeps its time', async () => {
      const { mailQueue } = await open();
      await mailQueue.add([mail('ana', 'a1', at(5), { item: '{"count":1}' })]);
      await mailQueue.add([mail('ana', 'a1', at(50), { item: '{"count":3}' })]);
      expect(await mailQueue.due(at(5), 0, 10)).toMatchObject([[{ item: '{"count":3}', dueAt: at(5), attempts: 0 }]]);
    });

    it('[MQ3] removes, postpones with an attempt counted, and says when the next is due', async () => {
      const { mailQueue } = await open();
      expect(await mailQueue.nextDueAt()).toBeNull();
      await mailQueue.add([mail('ana', 'a1', at(5)), mail('ana', 'a2', at(6))]);
      expect(await mailQueue.nextDueAt()).toBe(at(5));
      const [group = []] = await mailQueue.due(at(6), 0, 10);
      await mailQueue.postpone([group[0]?.seq ?? 0], at(40));
      await mailQueue.remove([group[1]?.seq ?? 0]);
      expect(await mailQueue.nextDueAt()).toBe(at(40));
      expect(await mailQueue.due(at(39), 0, 10)).toEqual([]);
      expect(await mailQueue.due(at(40), 0, 10)).toMatchObject([[{ itemId: 'a1', attempts: 1, dueAt: at(40) }]]);
    });

    it('[MQ4] brings every entry of one mode forward, and only of that mode', async () => {
      const { mailQueue } = await open();
      await mailQueue.add([mail('ana', 'd1', at(50), { mode: 'daily' }), mail('luis', 'd2', at(59), { mode: 'daily' }), mail('ana', 'i1', at(40))]);
      expect(await mailQueue.bringForward('daily', at(1))).toBe(2);
      expect(ids(await mailQueue.due(at(1), 0, 10))).toEqual([['d1'], ['d2']]);
    });

    it('[MQ5] entries survive close and reopen', async () => {
      await (await open()).mailQueue.add([mail('ana', 'a1', at(5), { mode: 'daily' })]);
      const { mailQueue } = await reopen();
      expect(await mailQueue.due(at(5), 0, 10)).toMatchObject([[{ memberId: 'ana', itemId: 'a1', personaId: 'p1', mode: 'daily', dueAt: at(5), attempts: 0 }]]);
    });

    it('[MQ6] erasing a persona forgets its entries and only its', async () => {
      const storage = await open();
      for (const id of ['p1', 'p2']) await storage.createPersona(entry(id), textUpdate(new Y.Doc(), id));
      await storage.mailQueue.add([mail('ana', 'a1', at(5)), mail('ana', 'a2', at(5), { personaId: 'p2' })]);
      await storage.index.trash('p1', at(1));
      expect(await storage.erasePersona('p1')).toBe(true);
      expect(ids(await storage.mailQueue.due(at(5), 0, 10))).toEqual([['a2']]);
    });

    it('[MQ7] rejects every call with a StoreError once closed', async () => {
      const storage = await open();
      await storage.close();
      await expect(storage.mailQueue.add([mail('ana', 'a1', at(5))])).rejects.toBeInstanceOf(StoreError);
      await expect(storage.mailQueue.due(at(5), 0, 10)).rejects.toBeInstanceOf(StoreError);
      await expect(storage.mailQueue.nextDueAt()).rejects.toBeInstanceOf(StoreError);
    });
  });
}
