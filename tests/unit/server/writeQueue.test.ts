import { describe, expect, it, vi } from 'vitest';
import type { DocStore, StoredUpdate } from '../../../server/storage/storage.ts';
import { WriteQueue } from '../../../server/storage/writeQueue.ts';
import { quietLogger } from '../../helpers/server.ts';

/** A store that records batches and can be told to fail. */
function recordingStore() {
  const batches: string[][] = [];
  const log: string[] = [];
  let failuresLeft = 0;
  const store = {
    append: async (updates: readonly StoredUpdate[]) => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('disk unavailable');
      }
      const names = updates.map((u) => new TextDecoder().decode(u.update));
      batches.push(names);
      log.push(`append ${names.join(',')}`);
    },
    compact: async (id: string) => {
      log.push(`compact ${id}`);
    },
  } as unknown as DocStore;
  return { store, batches, log, failNext: (n: number) => (failuresLeft = n) };
}

const bytes = (s: string) => new TextEncoder().encode(s);

describe('WriteQueue', () => {
  it('commits the updates of one event-loop turn in one batch, then releases their broadcasts in order', async () => {
    const { store, batches } = recordingStore();
    const queue = new WriteQueue({ store, logger: quietLogger() });
    const released: string[] = [];
    for (const name of ['a', 'b', 'c']) queue.append('p', bytes(name), () => released.push(name));
    expect(released).toEqual([]);
    await vi.waitFor(() => expect(released).toEqual(['a', 'b', 'c']));
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  it('flush commits at once and resolves after the commit', async () => {
    const { store, batches } = recordingStore();
    const queue = new WriteQueue({ store, logger: quietLogger() });
    queue.append('p', bytes('x'), () => undefined);
    await queue.flush();
    expect(batches).toEqual([['x']]);
    expect(queue.pendingCount).toBe(0);
  });

  it('runs other store operations behind the writes queued before them', async () => {
    const { store, log } = recordingStore();
    const queue = new WriteQueue({ store, logger: quietLogger() });
    queue.append('p', bytes('1'), () => undefined);
    const flushed = queue.flush();
    const compacted = queue.run(() => store.compact('p', new Uint8Array()));
    queue.append('p', bytes('2'), () => undefined);
    await Promise.all([flushed, compacted, queue.flush()]);
    expect(log).toEqual(['append 1', 'compact p', 'append 2']);
  });

  it('keeps a failed batch and retries; nothing is released until it is stored', async () => {
    const { store, batches, failNext } = recordingStore();
    const queue = new WriteQueue({ store, logger: quietLogger(), retryDelayMs: 1 });
    failNext(2);
    const released: string[] = [];
    queue.append('p', bytes('precious'), () => released.push('precious'));
    await vi.waitFor(() => expect(released).toEqual(['precious']));
    expect(batches).toEqual([['precious']]);
  });

  it('reports each commit duration', async () => {
    const { store } = recordingStore();
    const durations: number[] = [];
    const queue = new WriteQueue({ store, logger: quietLogger(), observeWrite: (s) => durations.push(s) });
    queue.append('p', bytes('x'), () => undefined);
    await queue.flush();
    expect(durations).toHaveLength(1);
    expect(durations[0]).toBeGreaterThanOrEqual(0);
  });
});
