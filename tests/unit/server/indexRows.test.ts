import { afterEach, describe, expect, it, vi } from 'vitest';
import { IndexRows } from '../../../server/collab/indexRows.ts';
import type { Room } from '../../../server/collab/room.ts';
import type { PersonaIndexEntry, Storage } from '../../../server/storage/storage.ts';
import type { WriteQueue } from '../../../server/storage/writeQueue.ts';
import { quietLogger } from '../../helpers/server.ts';
import { entry } from './storage/fixtures.ts';

describe('the index rows of changed rooms', () => {
  afterEach(() => vi.useRealTimers());

  function setUp() {
    vi.useFakeTimers();
    const writes: string[][] = [];
    const storage = {
      index: { updateIndex: async (...entries: PersonaIndexEntry[]) => void writes.push(entries.map((e) => e.id)) },
    } as unknown as Storage;
    const queue = { run: <T>(operation: () => Promise<T>) => operation() } as unknown as WriteQueue;
    const rows = new IndexRows({ storage, queue, logger: quietLogger(), directory: async () => new Map(), delayMs: 1_000 });
    const room = (id: string) => ({ id, indexEntry: () => entry(id) }) as unknown as Room;
    return { rows, writes, room };
  }

  it('writes every room changed within a second in one write, each once', async () => {
    // Each busy room used to commit its own row every second: one fsync on the event loop per room.
    const { rows, writes, room } = setUp();
    const [a, b, c] = [room('a'), room('b'), room('c')];
    rows.due(a);
    rows.due(b);
    rows.due(a);
    await vi.advanceTimersByTimeAsync(500);
    rows.due(c);
    expect(writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(500);
    expect(writes).toEqual([['a', 'b', 'c']]);
    rows.due(b);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(writes).toEqual([['a', 'b', 'c'], ['b']]);
  });

  it('leaves out a room that writes its own row as it unloads', async () => {
    const { rows, writes, room } = setUp();
    const [a, b] = [room('a'), room('b')];
    rows.due(a);
    rows.due(b);
    rows.forget(a);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(writes).toEqual([['b']]);
  });
});
