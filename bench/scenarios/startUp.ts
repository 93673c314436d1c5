// Scenario: how long a server takes from spawn until it answers HTTP, and how much memory it holds at rest.
import { median } from '../lib/stats.ts';
import { rssBytes, toMB } from '../lib/procStats.ts';
import { makeDataDir, removeDataDir } from '../lib/dataDirs.ts';
import { spawnBare } from '../lib/servers.ts';
import { sleep } from '../lib/wait.ts';
import type { Figures, Scenario } from './scenario.ts';
import { betterPeer, fmt, noWorse, num } from './scenario.ts';

const PROBE_EVERY_MS = 2;
const READY_TIMEOUT_MS = 30_000;
/** Memory at rest: read this long after the server first answered, with nothing opened. */
const REST_MS = 3_000;
const MAX_REST_RSS = 1.1;

const load = (quick: boolean) => ({ starts: quick ? 2 : 5 });

export const startUp: Scenario = {
  name: 'start-up',
  title: 'Start-up and memory at rest',
  describe(quick) {
    return (
      `Each server is spawned ${load(quick).starts} times on a fresh data directory and a free port; start-up is the ` +
      `time from spawn until a TCP connect and an HTTP request succeed (the project's \`/healthz\`; the peers answer ` +
      `\`/\`), probed every ${PROBE_EVERY_MS} ms. Memory at rest is the child's RSS ${REST_MS / 1000} s later with ` +
      `no socket opened (no GC forced: the child cannot be asked to). Figures are medians over the starts.`
    );
  },
  rows: [
    { key: 'startMs', label: 'spawn until HTTP answers, median (ms)', digits: 0, ratio: true },
    { key: 'startMinMs', label: 'spawn until HTTP answers, fastest (ms)', digits: 0, ratio: true },
    { key: 'restRss', label: 'RSS at rest, nothing loaded, median (MB)', digits: 1, ratio: true },
  ],

  async run(kind, ctx) {
    const starts: number[] = [];
    const rests: number[] = [];
    for (let i = 0; i < load(ctx.quick).starts; i++) {
      const dataDir = makeDataDir('start-up');
      const started = performance.now();
      const { child, probeUrl } = await spawnBare(kind, dataDir, `${kind}-start-up-${i + 1}`);
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        await untilAnswers(probeUrl, started + READY_TIMEOUT_MS);
        starts.push(performance.now() - started);
        await sleep(REST_MS);
        const rss = child.pid === undefined ? null : rssBytes(child.pid);
        if (rss !== null) rests.push(rss);
      } finally {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
        removeDataDir(dataDir);
      }
    }
    ctx.log(`${kind}: start-up ${starts.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    const figures: Figures = { startMs: median(starts), startMinMs: starts.length > 0 ? Math.min(...starts) : null, restRss: toMB(median(rests)) };
    return { figures, notes: [] };
  },

  targets(project, reference, hocuspocus) {
    const peers = { reference, hocuspocus };
    const [start, rest] = [num(project, 'startMs'), num(project, 'restRss')];
    const faster = betterPeer(peers, 'startMs');
    const lighter = betterPeer(peers, 'restRss');
    const cap = lighter === null ? null : lighter.value * MAX_REST_RSS;
    return [
      {
        description: 'start-up until HTTP answers ≤ the faster peer',
        met: noWorse(start, faster?.value ?? null),
        detail: `${fmt(start, 0)} ms vs ${fmt(faster?.value ?? null, 0)} ms (${faster?.peer ?? 'n/a'})`,
      },
      {
        description: `memory at rest ≤ ${MAX_REST_RSS}× the lighter peer`,
        met: noWorse(rest, cap),
        detail: `${fmt(rest)} MB vs ${fmt(lighter?.value ?? null)} MB (${lighter?.peer ?? 'n/a'}; ${MAX_REST_RSS}× = ${fmt(cap)} MB)`,
      },
    ];
  },
};

/** Resolves at the first HTTP response of any status from `url`; connection refusals are retried until `deadline`. */
async function untilAnswers(url: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      return;
    } catch (err) {
      if (performance.now() > deadline) throw new Error(`${url} did not answer in time`, { cause: err });
      await sleep(PROBE_EVERY_MS);
    }
  }
}
