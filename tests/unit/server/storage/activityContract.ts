/*
 * The activity's rules (SPEC §7), run against every storage backend:
 * ACT1  recorded events read back as recorded (member, type, detail), newest first; another persona's are not listed
 * ACT2  list pages: `limit` caps the count, `before` keeps only strictly older events
 * ACT3  an event with gatherWithinMs extends the latest event of the same persona, type, member and
 *       detail.section that started within that window (its `at` moves on, nothing is added); another
 *       member, section or type, or an event started longer ago, gets a new event
 * ACT4  recordAll records several in order in one call, gathering among them too
 * ACT5  lastChanged gives each persona's latest event among the types asked for (the Operator's as null);
 *       personas with none are absent
 * ACT6  forget drops every event of one persona, and only of that one
 * ACT7  events survive close and reopen
 * ACT8  membersOf names each member with an event on the persona once (not the Operator, not other personas')
 */
import { describe, expect, it } from 'vitest';
import type { RecordedActivity } from '../../../../server/storage/storage.ts';
import { useStorage, type StorageHarness } from './fixtures.ts';

const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 10, 24, 10, minute, second)).toISOString();
const FIVE_MINUTES = 5 * 60_000;

const event = (overrides: Partial<RecordedActivity> = {}): RecordedActivity => ({
  personaId: 'p1',
  at: at(0),
  memberId: 'mara',
  type: 'edited',
  detail: { section: 'goals' },
  ...overrides,
});
const edit = (minute: number, overrides: Partial<RecordedActivity> = {}) =>
  event({ at: at(minute), gatherWithinMs: FIVE_MINUTES, ...overrides });

export function describeActivityContract(backend: string, makeHarness: () => StorageHarness): void {
  describe(`Activity contract: ${backend}`, () => {
    const { open, reopen } = useStorage(makeHarness);

    it('[ACT1] reads events back as recorded, newest first, per persona', async () => {
      const { activity } = await open();
      await activity.record(event({ at: at(1), type: 'created', detail: {} }));
      await activity.record(event({ at: at(3), memberId: null, type: 'evidence-added', detail: { id: 'e1', side: 'sales', text: 'Ñandú' } }));
      await activity.record(event({ at: at(2), memberId: 'sam', type: 'signed-off', detail: { key: 'goals:sales' } }));
      await activity.record(event({ personaId: 'p2', at: at(4) }));
      expect(await activity.list('p1')).toEqual([
        { personaId: 'p1', at: at(3), memberId: null, type: 'evidence-added', detail: { id: 'e1', side: 'sales', text: 'Ñandú' } },
        { personaId: 'p1', at: at(2), memberId: 'sam', type: 'signed-off', detail: { key: 'goals:sales' } },
        { personaId: 'p1', at: at(1), memberId: 'mara', type: 'created', detail: {} },
      ]);
      expect(await activity.list('nobody')).toEqual([]);
    });

    it('[ACT2] pages with limit and before', async () => {
      const { activity } = await open();
      for (let minute = 1; minute <= 5; minute++) await activity.record(event({ at: at(minute), type: 'published', detail: { version: minute } }));
      const first = await activity.list('p1', { limit: 2 });
      expect(first.map((e) => e.detail.version)).toEqual([5, 4]);
      const next = await activity.list('p1', { limit: 2, before: first.at(-1)?.at ?? '' });
      expect(next.map((e) => e.detail.version)).toEqual([3, 2]);
      expect((await activity.list('p1', { before: at(2) })).map((e) => e.detail.version)).toEqual([1]);
    });

    it('[ACT3] gathers edits per persona, member, type and section within the window from the first', async () => {
      const { activity } = await open();
      await activity.record(edit(0));
      await activity.record(edit(2));
      await activity.record(edit(4, { personaId: 'p2' }));
      await activity.record(edit(4, { memberId: 'sam' }));
      await activity.record(edit(4, { memberId: null }));
      await activity.record(edit(4, { detail: { section: 'pains' } }));
      await activity.record(edit(4, { type: 'other-type' }));
      await activity.record(event({ at: at(4) }));
      await activity.record(edit(4, { memberId: null }));
      const listed = await activity.list('p1');
      expect(listed.filter((e) => e.memberId === 'mara' && e.type === 'edited' && e.detail.section === 'goals').map((e) => e.at)).toEqual([
        at(4),
        at(2),
      ]);
      expect(listed).toHaveLength(6);
      expect(listed.filter((e) => e.memberId === null)).toHaveLength(1);
      // The latest one started at minute 4 (recorded without gathering): minute 6 joins it, minute 10 is past it.
      await activity.record(edit(6));
      await activity.record(edit(10));
      const goals = (await activity.list('p1')).filter((e) => e.memberId === 'mara' && e.detail.section === 'goals' && e.type === 'edited');
      expect(goals.map((e) => e.at)).toEqual([at(10), at(6), at(2)]);
    });

    it('[ACT4] records several in order in one call, gathering among them', async () => {
      const { activity } = await open();
      await activity.recordAll([edit(0), edit(1), event({ at: at(1, 30), type: 'resolved', detail: { thread: 't1', section: 'goals' } }), edit(2)]);
      expect((await activity.list('p1')).map((e) => [e.type, e.at])).toEqual([
        ['edited', at(2)],
        ['resolved', at(1, 30)],
      ]);
      await activity.recordAll([]);
      expect(await activity.list('p1')).toHaveLength(2);
    });

    it('[ACT5] tells who last changed each persona among the types asked for', async () => {
      const { activity } = await open();
      await activity.recordAll([
        event({ at: at(1), memberId: 'mara', type: 'edited' }),
        event({ at: at(2), memberId: 'sam', type: 'published', detail: {} }),
        event({ personaId: 'p2', at: at(3), memberId: null, type: 'edited' }),
        event({ personaId: 'p3', at: at(3), memberId: 'sam', type: 'published', detail: {} }),
      ]);
      const last = await activity.lastChanged(['p1', 'p2', 'p3', 'nobody'], ['edited', 'created']);
      expect(Object.fromEntries(last)).toEqual({ p1: { memberId: 'mara', at: at(1) }, p2: { memberId: null, at: at(3) } });
      expect((await activity.lastChanged(['p1'], ['edited', 'published'])).get('p1')).toEqual({ memberId: 'sam', at: at(2) });
      expect((await activity.lastChanged([], ['edited'])).size).toBe(0);
    });

    it('[ACT6] forgets one persona\'s events only', async () => {
      const { activity } = await open();
      await activity.recordAll([event(), event({ personaId: 'p2' })]);
      await activity.forget('p1');
      expect(await activity.list('p1')).toEqual([]);
      expect(await activity.list('p2')).toHaveLength(1);
    });

    it('[ACT7] keeps events across close and reopen, still gathering into them', async () => {
      const { activity } = await open();
      await activity.record(edit(0));
      const reopened = await reopen();
      await reopened.activity.record(edit(1));
      expect((await reopened.activity.list('p1')).map((e) => e.at)).toEqual([at(1)]);
    });

    it('[ACT8] names the members who work on a persona', async () => {
      const { activity } = await open();
      await activity.recordAll([event(), event({ memberId: 'sam', type: 'published', detail: {} }), event({ at: at(1) }), event({ memberId: null }), event({ personaId: 'p2', memberId: 'zoe' })]);
      expect(await activity.membersOf('p1')).toEqual(['mara', 'sam']);
      expect(await activity.membersOf('nobody')).toEqual([]);
    });
  });
}
