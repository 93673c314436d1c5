import type { Logger } from '../logger.ts';
import type { Storage } from '../storage/storage.ts';
import type { WriteQueue } from '../storage/writeQueue.ts';

const DAY_MS = 86_400_000;

/** When a persona put in the trash at `trashedAt` is erased (SPEC §7). */
export function eraseDateOf(trashedAt: string, retentionDays: number): string {
  return new Date(Date.parse(trashedAt) + retentionDays * DAY_MS).toISOString();
}

export interface TrashSweepOptions {
  storage: Storage;
  queue: WriteQueue;
  logger: Logger;
  retentionDays: number;
  intervalMs: number;
}

/**
 * Erases the personas that have been in the trash longer than the retention, with everything kept
 * for them (Storage.erasePersona): once at start, then every interval. Returns the stop function.
 */
export function startTrashSweep({ storage, queue, logger, retentionDays, intervalMs }: TrashSweepOptions): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const sweep = async () => {
    const cutoff = new Date(Date.now() - retentionDays * DAY_MS).toISOString();
    for (const id of await storage.index.trashedBefore(cutoff)) {
      if (await queue.run(() => storage.erasePersona(id))) logger.info({ personaId: id }, 'persona erased from the trash');
    }
  };
  const tick = () => {
    running = running.then(sweep).catch((err: unknown) => logger.error({ err }, 'could not erase the trash; trying again later'));
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
