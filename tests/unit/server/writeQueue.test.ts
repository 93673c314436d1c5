import { describe, expect, it, vi } from 'vitest';
import type { StoredUpdate, UpdateLog } from '../../../server/storage/storage.ts';
import { WriteQueue } from '../../../server/storage/writeQueue.ts';
import { quietLogger } from '../../helpers/server.ts';

/** An update log that records batches, numbers updates from 1 and can be told to fail. */
function recordingStore() {
  const batches: string[][] = [];
  const log: string[] = [];
  let failuresLeft = 0;
  let lastSeq = 0;
  const store: UpdateLog = {
    load: async () => null,
    append: async (updates: readonly StoredUpdate[]) => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('disk unavailable');
      }
      const names = updates.map((u) => new TextDecoder().decode(u.update));
      batches.push(names);
      log.push(`append ${names.join(',')}`);
      return updates.map(() => ++lastSeq);
    },
    compact: async (id: string) => {
      log.push(`compact ${id}`);
    },
    logLength: async () => 0,
  };
  return { store, batches, log, failNext: (n: number) => (failuresLeft = n) };
}

const bytes = (s: string) => new TextEncoder().encode(s);

describe('WriteQueue', () => {
  it('commits the updates of one event-loop turn in one batch, then releases their broadcasts in order', async () => {
    const { store, batches } = recordingStore();
    const queue = new WriteQueue({ log: store, logger: quietLogger() });
    const released: string[] = [];
    for (const name of ['a', 'b', 'c']) queue.append('p', bytes(name), () => released.push(name));
    expect(released).toEqual([]);
    await vi.waitFor(() => expect(released).toEqual(['a', 'b', 'c']));
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  it('flush commits at once and resolves after the commit', async () => {
    const { store, batches } = recordingStore();
    const queue = new WriteQueue({ log: store, logger: quietLogger() });
    queue.append('p', bytes('x'), () => undefined);
    await queue.flush();
    expect(batches).toEqual([['x']]);
    expect(queue.pendingCount).toBe(0);
  });

  it('commits what arrives, turn after turn, while a slow commit is on its way, in one next commit (group commit)', async () => {
    const { store, batches } = recordingStore();
    let release: () => void = () => undefined;
    const slow: UpdateLog = {
      ...store,
      append: async (updates) => {
        if (batches.length === 0) await new Promise<void>((resolve) => (release = resolve));
        return store.append(updates);
      },
    };
    const queue = new WriteQueue({ log: slow, logger: quietLogger() });
    queue.append('p', bytes('1'), () => undefined);
    const first = queue.flush();
    for (const name of ['2', '3', '4']) {
      queue.append('p', bytes(name), () => undefined);
      await new Promise((resolve) => setImmediate(resolve));
    }
    release();
    await first;
    await queue.flush();
    expect(batches).toEqual([['1'], ['2', '3', '4']]);
  });

  it('runs other store operations behind the writes queued before them', async () => {
    const { store, log } = recordingStore();
    const queue = new WriteQueue({ log: store, logger: quietLogger() });
    queue.append('p', bytes('1'), () => undefined);
    const flushed = queue.flush();
    const compacted = queue.run(() => store.compact('p', new Uint8Array(), 1));
    queue.append('p', bytes('2'), () => undefined);
    await Promise.all([flushed, compacted, queue.flush()]);
    expect(log).toEqual(['append 1', 'compact p', 'append 2']);
  });

  it('releases each update with the sequence number the log assigned it', async () => {
    const { store } = recordingStore();
    const queue = new WriteQueue({ log: store, logger: quietLogger() });
    const released: [string, number][] = [];
    for (const name of ['a', 'b']) queue.append('p', bytes(name), (seq) => released.push([name, seq]));
    await queue.flush();
    queue.append('p', bytes('c'), (seq) => released.push(['c', seq]));
    await queue.flush();
    expect(released).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
  });

  it('keeps a failed batch and retries; nothing is released until it is stored', async () => {
    const { store, batches, failNext } = recordingStore();
    const queue = new WriteQueue({ log: store, logger: quietLogger(), retryDelayMs: 1 });
    failNext(2);
    const released: string[] = [];
    queue.append('p', bytes('precious'), () => released.push('precious'));
    await vi.waitFor(() => expect(released).toEqual(['precious']));
    expect(batches).toEqual([['precious']]);
  });

  it('reports each commit duration', async () => {
    const { store } = recordingStore();
    const durations: number[] = [];
    const queue = new WriteQueue({ log: store, logger: quietLogger(), observeWrite: (s) => durations.push(s) });
    queue.append('p', bytes('x'), () => undefined);
    await queue.flush();
    expect(durations).toHaveLength(1);
    expect(durations[0]).toBeGreaterThanOrEqual(0);
  });
});
