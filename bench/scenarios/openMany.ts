// Scenario: many personas opened at the same moment (a team back from lunch); time until every one has synced.
import type { BenchClient } from '../lib/clients.ts';
import { connectAll } from '../lib/clients.ts';
import { RssSampler, cpuSeconds, measureCpu, toMB } from '../lib/procStats.ts';
import { makeDataDir, removeDataDir } from '../lib/dataDirs.ts';
import { startServer } from '../lib/servers.ts';
import { sleep } from '../lib/wait.ts';
import type { Scenario } from './scenario.ts';
import { betterPeer, fmt, noWorse, num } from './scenario.ts';

const SETTLE_MS = 1_000;
const SYNC_TIMEOUT_MS = 60_000;

const load = (quick: boolean) => ({ personas: quick ? 100 : 1_000 });

export const openMany: Scenario = {
  name: 'open-1000',
  title: 'Opening 1,000 personas at once',
  describe(quick) {
    const { personas } = load(quick);
    return (
      `${personas.toLocaleString('en')} personas are created (the project: \`POST /api/personas\`, blank template; the ` +
      `peers open any name, empty), then one client per persona connects at the same moment; the time is from the ` +
      `first connect until every one has synced. Then all disconnect.`
    );
  },
  rows: [
    { key: 'openMs', label: 'all opened and synced (ms)', digits: 0, ratio: true },
    { key: 'serverCpu', label: 'server CPU meanwhile (s)', digits: 2, ratio: true },
    { key: 'peakRss', label: 'server peak RSS (MB)', digits: 1, ratio: true },
  ],

  async run(kind, ctx) {
    const { personas } = load(ctx.quick);
    const dataDir = makeDataDir('open-many');
    const server = await startServer(kind, { dataDir, logName: `${kind}-open-many` });
    let clients: BenchClient[] = [];
    try {
      const ids: string[] = [];
      for (let i = 0; i < personas; i++) ids.push(await server.createPersona(`open-${i}`));
      await sleep(SETTLE_MS);
      const rss = new RssSampler(server.pid).start();
      const cpu = measureCpu(() => cpuSeconds(server.pid));
      const started = performance.now();
      clients = await connectAll(server, ids, SYNC_TIMEOUT_MS);
      const openMs = performance.now() - started;
      const serverCpu = cpu.stop().cpuSeconds;
      ctx.log(`${kind}: ${personas} personas opened and synced in ${openMs.toFixed(0)} ms`);
      return { figures: { openMs, serverCpu, peakRss: toMB(rss.stop()) }, notes: [] };
    } finally {
      for (const client of clients) client.destroy();
      await server.stop();
      removeDataDir(dataDir);
    }
  },

  targets(project, reference, hocuspocus) {
    const open = num(project, 'openMs');
    const faster = betterPeer({ reference, hocuspocus }, 'openMs');
    return [
      {
        description: `opening ${fmt(1_000, 0)} personas at once ≤ the faster peer`,
        met: noWorse(open, faster?.value ?? null),
        detail: `${fmt(open, 0)} ms vs ${fmt(faster?.value ?? null, 0)} ms (${faster?.peer ?? 'n/a'})`,
      },
    ];
  },
};
