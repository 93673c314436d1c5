// Scenario 3: many personas opened once and left; memory must come back, documents must unload.
import type { BenchClient } from '../lib/clients.ts';
import { connectAll } from '../lib/clients.ts';
import { RssSampler, rssBytes, toMB } from '../lib/procStats.ts';
import type { ServerProcess } from '../lib/servers.ts';
import { makeDataDir, removeDataDir } from '../lib/dataDirs.ts';
import { documentsLoaded } from '../lib/metrics.ts';
import { startServer } from '../lib/servers.ts';
import { sleep } from '../lib/wait.ts';
import type { Figures, Scenario } from './scenario.ts';
import { fmt, num } from './scenario.ts';

const BATCH = 50;
const WAVES = 2;
const BEFORE_MS = 1_000;
const MAX_GROWTH = 1.1;

const load = (quick: boolean) =>
  quick
    ? { personas: 100, graceMs: 6_000, unloadAfterMs: 2_000 }
    : { personas: 1_000, graceMs: 30_000, unloadAfterMs: 10_000 };

export const idle: Scenario = {
  name: 'idle',
  title: 'Idle',
  describe(quick) {
    const { personas, graceMs, unloadAfterMs } = load(quick);
    return (
      `${personas.toLocaleString('en')} personas opened ${BATCH} at a time (connect, sync, disconnect), in ${WAVES} ` +
      `waves over the same ids; RSS is read before, at each wave's peak and ${graceMs / 1000} s after each wave. ` +
      `The project server runs with UNLOAD_AFTER_MS=${unloadAfterMs}${unloadAfterMs === 10_000 ? ' (its default)' : ''}.`
    );
  },
  rows: [
    { key: 'rssBefore', label: 'RSS before (MB)', digits: 1, ratio: true },
    ...Array.from({ length: WAVES }, (_, i) => [
      { key: `openSeconds${i + 1}`, label: `wave ${i + 1}: opening all took (s)`, digits: 1, ratio: true },
      { key: `rssPeak${i + 1}`, label: `wave ${i + 1}: peak RSS (MB)`, digits: 1, ratio: true },
      { key: `rssAfter${i + 1}`, label: `wave ${i + 1}: RSS after grace (MB)`, digits: 1, ratio: true },
      { key: `loaded${i + 1}`, label: `wave ${i + 1}: documents loaded after grace`, digits: 0 },
    ]).flat(),
    { key: 'growthPct', label: 'RSS after wave 2 / after wave 1 (%)', digits: 1 },
  ],

  async run(kind, ctx) {
    const { personas, graceMs, unloadAfterMs } = load(ctx.quick);
    const dataDir = makeDataDir('idle');
    const env = { UNLOAD_AFTER_MS: String(unloadAfterMs) };
    const server = await startServer(kind, { dataDir, env, logName: `${kind}-idle` });
    const figures: Figures = {};
    try {
      const ids: string[] = [];
      for (let i = 0; i < personas; i++) ids.push(await server.createPersona(`idle-${i}`));
      await sleep(BEFORE_MS);
      figures['rssBefore'] = toMB(rssBytes(server.pid));
      for (let wave = 1; wave <= WAVES; wave++) {
        const rss = new RssSampler(server.pid).start();
        const started = performance.now();
        await openAndRelease(server, ids);
        figures[`openSeconds${wave}`] = (performance.now() - started) / 1000;
        ctx.log(`${kind}: wave ${wave} opened ${personas} personas; waiting ${graceMs / 1000} s`);
        await sleep(graceMs);
        figures[`rssPeak${wave}`] = toMB(rss.stop());
        figures[`rssAfter${wave}`] = toMB(rssBytes(server.pid));
        figures[`loaded${wave}`] = await documentsLoaded(server);
      }
      const [first, last] = [num(figures, 'rssAfter1'), num(figures, `rssAfter${WAVES}`)];
      figures['growthPct'] = first === null || last === null ? null : (100 * last) / first;
      return { figures, notes: [] };
    } finally {
      await server.stop();
      removeDataDir(dataDir);
    }
  },

  targets(project) {
    const loaded = Array.from({ length: WAVES }, (_, i) => num(project, `loaded${i + 1}`));
    const growth = num(project, 'growthPct');
    return [
      {
        description: 'idle: no document loaded after the grace period',
        met: loaded.some((n) => n === null) ? null : loaded.every((n) => n === 0),
        detail: `documents loaded after each wave: ${loaded.map((n) => fmt(n, 0)).join(', ')}`,
      },
      {
        description: `idle: RSS after wave ${WAVES} ≤ ${Math.round(MAX_GROWTH * 100)}% of RSS after wave 1`,
        met: growth === null ? null : growth <= MAX_GROWTH * 100,
        detail: `${fmt(num(project, 'rssAfter1'))} MB → ${fmt(num(project, `rssAfter${WAVES}`))} MB (${fmt(growth)}%)`,
      },
    ];
  },
};

/** Opens every persona, BATCH connections at a time: each syncs, then all of the batch disconnect. */
async function openAndRelease(server: ServerProcess, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch: BenchClient[] = await connectAll(server, ids.slice(i, i + BATCH), 30_000);
    for (const client of batch) client.destroy();
  }
}
