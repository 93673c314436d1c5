/*
 * Members' inboxes and notification settings (issue 17), run against every storage backend:
 * INB1  delivered items read back per member, newest first, with the persona's current name; an id kept is skipped
 * INB2  each delivery answers the item as it now reads and the member's unread count
 * INB3  an item with a gatherKey extends the member's latest unread item of that key started within the
 *       window (count grows, at/actor/detail move on, id stays); read, older or another member's → a new item
 * INB4  markRead marks the member's own items by id or all, once; another member's ids change nothing; answers unread
 * INB5  list pages with limit and before
 * INB6  settings: null until saved, saved ones read back (also several at once), replaced on save
 * INB7  erasing a persona erases its items, and only its
 * INB8  items and settings survive close and reopen
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../../../shared/feedback/api.ts';
import type { NewInboxItem } from '../../../../server/storage/storage.ts';
import { entry, textUpdate, useStorage, type StorageHarness } from './fixtures.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 10, minute)).toISOString();
const TEN_MINUTES = 10 * 60_000;

const item = (id: string, overrides: Partial<NewInboxItem> = {}): NewInboxItem => ({
  id,
  memberId: 'mara',
  kind: 'mention',
  at: at(0),
  actorId: 'sam',
  personaId: 'p1',
  place: { personaId: 'p1', section: 'goals', threadId: 't1' },
  detail: { excerpt: 'Hola @[m:mara]' },
  ...overrides,
});
const burst = (id: string, minute: number, overrides: Partial<NewInboxItem> = {}) =>
  item(id, { kind: 'evidence-added', at: at(minute), gatherKey: 'p1:goals:sam', gatherWithinMs: TEN_MINUTES, detail: { excerpt: id }, ...overrides });

export function describeInboxContract(backend: string, makeHarness: () => StorageHarness): void {
  describe(`Inbox contract: ${backend}`, () => {
    const { open, reopen } = useStorage(makeHarness);

    it('[INB1] reads items back per member, newest first, with the persona name as it is now', async () => {
      const storage = await open();
      await storage.createPersona(entry('p1', 'Olivia Núñez'), textUpdate(new Y.Doc(), 'x'));
      await storage.inbox.deliver([item('a'), item('b', { at: at(2), kind: 'reply', actorId: null }), item('c', { memberId: 'sam' })]);
      expect(await storage.inbox.deliver([item('a', { at: at(5) })])).toEqual([]);
      const listed = await storage.inbox.list('mara');
      expect(listed.map((i) => i.id)).toEqual(['b', 'a']);
      expect(listed[1]).toEqual({ ...item('a'), personaName: 'Olivia Núñez', readAt: null });
      expect(listed[0]?.actorId).toBeNull();
      await storage.index.updateIndex({ ...entry('p1', 'Olivia N.'), updatedAt: at(9) });
      expect((await storage.inbox.list('mara'))[0]?.personaName).toBe('Olivia N.');
      expect(await storage.inbox.list('nobody')).toEqual([]);
    });

    it('[INB2] answers each delivered item with its member’s unread count', async () => {
      const { inbox } = await open();
      const done = await inbox.deliver([item('a'), item('b'), item('c', { memberId: 'sam' })]);
      expect(done.map((d) => [d.record.id, d.record.memberId, d.unread])).toEqual([
        ['a', 'mara', 1],
        ['b', 'mara', 2],
        ['c', 'sam', 1],
      ]);
      expect(await inbox.unread('mara')).toBe(2);
      expect(await inbox.unread('nobody')).toBe(0);
    });

    it('[INB3] gathers a burst into the latest unread item of its key within the window', async () => {
      const { inbox } = await open();
      await inbox.deliver([burst('e1', 0)]);
      const [second] = await inbox.deliver([burst('e2', 3)]);
      expect(second?.record).toMatchObject({ id: 'e1', at: at(3), detail: { excerpt: 'e2', count: 2 } });
      expect(second?.unread).toBe(1);
      await inbox.deliver([burst('e3', 6), burst('other', 6, { memberId: 'sam' }), burst('late', 11)]);
      expect((await inbox.list('mara')).map((i) => [i.id, i.detail.count])).toEqual([
        ['late', undefined],
        ['e1', 3],
      ]);
      await inbox.markRead('mara', { all: true }, at(12));
      await inbox.deliver([burst('after-read', 13)]);
      expect((await inbox.list('mara')).map((i) => i.id)).toEqual(['after-read', 'late', 'e1']);
      expect((await inbox.list('sam')).map((i) => i.id)).toEqual(['other']);
    });

    it('[INB4] marks the member’s own items read, by id or all, once', async () => {
      const { inbox } = await open();
      await inbox.deliver([item('a'), item('b'), item('c'), item('s', { memberId: 'sam' })]);
      expect(await inbox.markRead('mara', { ids: ['a', 's', 'missing'] }, at(1))).toBe(2);
      expect(await inbox.markRead('mara', { ids: ['a'] }, at(2))).toBe(2);
      expect((await inbox.list('mara')).find((i) => i.id === 'a')?.readAt).toBe(at(1));
      expect(await inbox.unread('sam')).toBe(1);
      expect(await inbox.markRead('mara', { all: true }, at(3))).toBe(0);
      expect((await inbox.list('mara')).map((i) => [i.id, i.readAt])).toEqual([['a', at(1)], ['b', at(3)], ['c', at(3)]]);
      expect(await inbox.unread('sam')).toBe(1);
    });

    it('[INB5] pages with limit and before', async () => {
      const { inbox } = await open();
      await inbox.deliver([1, 2, 3, 4, 5].map((minute) => item(`i${minute}`, { at: at(minute) })));
      const first = await inbox.list('mara', { limit: 2 });
      expect(first.map((i) => i.id)).toEqual(['i5', 'i4']);
      expect((await inbox.list('mara', { limit: 2, before: first.at(-1)?.at ?? '' })).map((i) => i.id)).toEqual(['i3', 'i2']);
    });

    it('[INB6] keeps each member’s settings', async () => {
      const { inbox } = await open();
      expect(await inbox.settings('mara')).toBeNull();
      const quiet = { ...DEFAULT_NOTIFICATION_SETTINGS, email: 'off' as const, inbox: { ...DEFAULT_NOTIFICATION_SETTINGS.inbox, published: false } };
      await inbox.saveSettings('mara', DEFAULT_NOTIFICATION_SETTINGS);
      await inbox.saveSettings('mara', quiet);
      await inbox.saveSettings('sam', DEFAULT_NOTIFICATION_SETTINGS);
      expect(await inbox.settings('mara')).toEqual(quiet);
      const several = await inbox.settingsOf(['mara', 'sam', 'nobody']);
      expect(Object.fromEntries(several)).toEqual({ mara: quiet, sam: DEFAULT_NOTIFICATION_SETTINGS });
      expect((await inbox.settingsOf([])).size).toBe(0);
    });

    it('[INB7] erasing a persona erases its items only', async () => {
      const storage = await open();
      for (const id of ['p1', 'p2']) await storage.createPersona(entry(id), textUpdate(new Y.Doc(), id));
      await storage.inbox.deliver([item('a'), item('b', { personaId: 'p2', place: { personaId: 'p2' } })]);
      await storage.index.trash('p1', at(1));
      expect(await storage.erasePersona('p1')).toBe(true);
      expect((await storage.inbox.list('mara')).map((i) => i.id)).toEqual(['b']);
      expect(await storage.inbox.unread('mara')).toBe(1);
    });

    it('[INB8] keeps items and settings across close and reopen, still gathering into them', async () => {
      const { inbox } = await open();
      await inbox.deliver([burst('e1', 0)]);
      await inbox.saveSettings('mara', DEFAULT_NOTIFICATION_SETTINGS);
      const reopened = await reopen();
      await reopened.inbox.deliver([burst('e2', 1)]);
      expect((await reopened.inbox.list('mara')).map((i) => [i.id, i.detail.count])).toEqual([['e1', 2]]);
      expect(await reopened.inbox.settings('mara')).toEqual(DEFAULT_NOTIFICATION_SETTINGS);
    });
  });
}
