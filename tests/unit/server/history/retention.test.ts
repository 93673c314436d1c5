import { describe, expect, it } from 'vitest';
import { checkpointsToDrop } from '../../../../server/history/retention.ts';
import type { CheckpointKind } from '../../../../server/storage/storage.ts';

const NOW = Date.parse('2026-12-02T12:00:00.000Z');
const HOUR = 3_600_000;

/** A checkpoint `hoursAgo` before NOW. */
const cp = (id: string, hoursAgo: number, kind: CheckpointKind = 'auto') => ({ id, kind, at: new Date(NOW - hoursAgo * HOUR).toISOString() });

describe('checkpoint retention', () => {
  it('keeps every checkpoint of the last 7 days', () => {
    const recent = Array.from({ length: 7 * 24 * 12 }, (_, i) => cp(`r${i}`, i / 12));
    expect(checkpointsToDrop(recent, NOW)).toEqual([]);
  });

  it('keeps the newest of each day up to 90 days, then the newest of each week', () => {
    const day10 = [cp('d10-late', 10 * 24 + 1), cp('d10-early', 10 * 24 + 5)].map((c) => ({ ...c, at: new Date(Date.UTC(2026, 10, 22, c.id.endsWith('late') ? 18 : 9)).toISOString() }));
    const old = Array.from({ length: 14 }, (_, i) => cp(`o${i}`, 100 * 24 + i * 24));
    const dropped = checkpointsToDrop([...day10, ...old], NOW);
    expect(dropped).toContain('d10-early');
    expect(dropped).not.toContain('d10-late');
    // 14 consecutive days past 90 days old fall in two or three weeks: one kept in each.
    const keptOld = old.filter((c) => !dropped.includes(c.id));
    expect(keptOld.length).toBeGreaterThanOrEqual(2);
    expect(keptOld.length).toBeLessThanOrEqual(3);
    expect(keptOld[0]?.id).toBe('o0');
  });

  it('keeps checkpoints taken before a publish or a restore, however old', () => {
    const records = [cp('a', 200 * 24), cp('p', 200 * 24 + 1, 'publish'), cp('r', 200 * 24 + 2, 'restore'), cp('b', 200 * 24 + 3)];
    expect(checkpointsToDrop(records, NOW)).toEqual(['b']);
    expect(checkpointsToDrop([cp('x', 8 * 24), cp('y', 8 * 24 + 0.1)], NOW)).toEqual(['y']);
  });
});
