import { describe, expect, it } from 'vitest';
import { cachedHealth } from '../../../server/health.ts';

describe('cachedHealth (/healthz)', () => {
  it('[§9] asks the database at most once a second, however often it is polled, and shares one probe among callers', async () => {
    let now = 0;
    let answer = true;
    let asked = 0;
    const healthy = cachedHealth(async () => {
      asked += 1;
      return answer;
    }, () => now);
    expect(await Promise.all([healthy(), healthy(), healthy()])).toEqual([true, true, true]);
    expect(asked).toBe(1);
    answer = false;
    now = 999;
    expect(await healthy()).toBe(true);
    now = 1_000;
    expect(await healthy()).toBe(false);
    expect(asked).toBe(2);
  });

  it('[§9] counts a probe that fails as unreachable, and a store without a probe (SQLite) as always healthy', async () => {
    expect(await cachedHealth(() => Promise.reject(new Error('ECONNREFUSED')))()).toBe(false);
    expect(await cachedHealth(null)()).toBe(true);
  });
});
