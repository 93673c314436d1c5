// Which checkpoints are kept (SPEC §7 asks for history, not for every 5 minutes forever).
import type { CheckpointRecord } from '../storage/storage.ts';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/**
 * The retention rule: every checkpoint of the last 7 days; then the newest of each UTC day up to
 * 90 days; then the newest of each week. Checkpoints taken before a publish or a restore are kept
 * always (they are what a restore is undone with).
 */
export const RETENTION = { keepAllFor: 7 * DAY_MS, keepDailyFor: 90 * DAY_MS } as const;

/** The ids of the checkpoints the rule drops at `now` (epoch ms); `records` in any order. */
export function checkpointsToDrop(records: readonly Pick<CheckpointRecord, 'id' | 'at' | 'kind'>[], now: number): string[] {
  const newestFirst = [...records].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const keptBuckets = new Set<string>();
  const drop: string[] = [];
  for (const record of newestFirst) {
    const at = Date.parse(record.at);
    const age = now - at;
    if (record.kind !== 'auto' || !(age > RETENTION.keepAllFor)) continue;
    const bucket = age > RETENTION.keepDailyFor ? `w${Math.floor(at / WEEK_MS)}` : `d${Math.floor(at / DAY_MS)}`;
    if (keptBuckets.has(bucket)) drop.push(record.id);
    else keptBuckets.add(bucket);
  }
  return drop;
}
