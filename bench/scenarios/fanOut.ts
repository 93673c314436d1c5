// Scenario 1: many small edits in many busy rooms; how fast and how completely they reach every peer.
import type { BenchClient } from '../lib/clients.ts';
import { connectAll } from '../lib/clients.ts';
import { observeStamps, stampEdit } from '../lib/edits.ts';
import { scrapeMetrics, serverSideFigures } from '../lib/metrics.ts';
import { RssSampler, cpuSeconds, measureCpu, ownCpuSeconds, toMB } from '../lib/procStats.ts';
import { makeDataDir, removeDataDir } from '../lib/dataDirs.ts';
import { startServer } from '../lib/servers.ts';
import { percentile } from '../lib/stats.ts';
import { pollUntil, sleep } from '../lib/wait.ts';
import type { Scenario } from './scenario.ts';
import { betterPeer, fmt, noWorse, num } from './scenario.ts';

const CLIENTS_PER_ROOM = 10;
const EDITS_PER_SECOND = 10;
const DRAIN_TIMEOUT_MS = 5_000;
const SETTLE_MS = 1_000;
/** Deliveries after this much sending also count towards the steady-state p99 (start-up excluded). */
const WARM_UP_MS = 1_000;
/** The bench process's own JIT warm-up, against a throwaway server, before each measured run. */
const LOAD_GENERATOR_WARM_UP = { rooms: 4, seconds: 3 };
/** Above this, the load generator itself may be what limits the figures. */
const SATURATED_CORES = 0.85;

const load = (quick: boolean) => ({ rooms: quick ? 4 : 20, seconds: quick ? 3 : 10 });

export const fanOut: Scenario = {
  name: 'fan-out',
  title: 'Fan-out',
  describe(quick) {
    const { rooms, seconds } = load(quick);
    return (
      `${rooms} rooms × ${CLIENTS_PER_ROOM} clients, each client its own member on the project server (an editor of ` +
      `marketing or sales, so every update is attributed); each client sets one profile key (its send time) ` +
      `${EDITS_PER_SECOND} times a second for ${seconds} s. Latency is measured at every other client of the room. ` +
      `Before each measured run the load generator warms up for ${LOAD_GENERATOR_WARM_UP.seconds} s against a ` +
      `throwaway reference server, so its own JIT is equally warm for every server.`
    );
  },
  rows: [
    { key: 'p50', label: 'propagation p50 (ms)', digits: 1, ratio: true },
    { key: 'p99', label: 'propagation p99 (ms)', digits: 1, ratio: true },
    { key: 'max', label: 'propagation max (ms)', digits: 1, ratio: true },
    { key: 'p99Steady', label: `propagation p99 after the first ${WARM_UP_MS / 1000} s (ms)`, digits: 1, ratio: true },
    { key: 'delivered', label: 'edits delivered', digits: 0 },
    { key: 'expected', label: 'edits expected (sent × 9)', digits: 0 },
    { key: 'deliveredPct', label: 'delivered / expected (%)', digits: 2 },
    { key: 'serverCpu', label: 'server CPU (s)', digits: 2, ratio: true },
    { key: 'peakRss', label: 'server peak RSS (MB)', digits: 1, ratio: true },
    { key: 'sendSeconds', label: 'sending took (s)', digits: 1 },
    { key: 'clientCores', label: 'load generator CPU (cores)', digits: 2 },
    // From the project's /metrics, to explain its latencies; the reference exposes nothing comparable.
    { key: 'commits', label: 'store commits', digits: 0 },
    { key: 'commitMeanMs', label: 'store commit mean (ms)', digits: 2 },
    { key: 'slowCommits', label: 'store commits over 5 ms', digits: 0 },
    { key: 'loopDelayP99Ms', label: 'event-loop timer delay p99 (ms, 10 ms timer)', digits: 1 },
    { key: 'loopDelayMaxMs', label: 'event-loop timer delay max (ms, 10 ms timer)', digits: 1 },
  ],

  async run(kind, ctx) {
    const { rooms, seconds } = load(ctx.quick);
    await warmUpLoadGenerator();
    const dataDir = makeDataDir('fan-out');
    const server = await startServer(kind, { dataDir, logName: `${kind}-fan-out` });
    const clients: BenchClient[] = [];
    const notes: string[] = [];
    try {
      for (let room = 0; room < rooms; room++) {
        const persona = await server.createPersona(`fanout-${room}`);
        // Each client is its own member, half of them in sales, so the server attributes every update as in production.
        const editors: Record<string, string>[] = [];
        for (let i = 0; i < CLIENTS_PER_ROOM; i++) editors.push(await server.newEditor(`Fan-out ${room}.${i}`, i % 2 === 0 ? 'marketing' : 'sales'));
        clients.push(...(await connectAll(server, Array.from({ length: CLIENTS_PER_ROOM }, () => persona), 30_000, editors)));
      }
      const latencies: number[] = [];
      const steadyLatencies: number[] = [];
      let steadyFrom = Number.POSITIVE_INFINITY;
      for (const client of clients) {
        observeStamps(client.doc, client.provider, (ms) => {
          latencies.push(ms);
          if (performance.now() >= steadyFrom) steadyLatencies.push(ms);
        });
      }
      // The project's first /metrics scrape takes tens of milliseconds (prom-client's first
      // collection); made here, the baseline scrape below does not stall the server as sending starts.
      await scrapeMetrics(server);
      await sleep(SETTLE_MS);
      ctx.log(`${kind}: ${clients.length} clients synced; sending for ${seconds} s`);

      const metricsBefore = await scrapeMetrics(server);
      const rss = new RssSampler(server.pid).start();
      const serverCpu = measureCpu(() => cpuSeconds(server.pid));
      const clientCpu = measureCpu(ownCpuSeconds);
      const sendStarted = performance.now();
      steadyFrom = sendStarted + WARM_UP_MS;
      const sent = await sendStamps(clients, seconds * EDITS_PER_SECOND);
      const sendSeconds = (performance.now() - sendStarted) / 1000;
      const expected = sent * (CLIENTS_PER_ROOM - 1);
      const complete = await pollUntil(() => latencies.length >= expected, DRAIN_TIMEOUT_MS);
      const cpu = serverCpu.stop();
      const own = clientCpu.stop();
      const peak = rss.stop();
      const serverSide = serverSideFigures(metricsBefore, await scrapeMetrics(server));

      const clientCores = own.cpuSeconds / own.wallSeconds;
      if (clientCores > SATURATED_CORES) {
        notes.push(`${kind}: the load generator used ${clientCores.toFixed(2)} cores; client-side delays are in the latencies`);
      }
      if (!complete) notes.push(`${kind}: ${expected - latencies.length} deliveries missing ${DRAIN_TIMEOUT_MS} ms after the last send`);
      return {
        figures: {
          p50: percentile(latencies, 50),
          p99: percentile(latencies, 99),
          max: percentile(latencies, 100),
          p99Steady: percentile(steadyLatencies, 99),
          delivered: latencies.length,
          expected,
          deliveredPct: (100 * latencies.length) / expected,
          serverCpu: cpu.cpuSeconds,
          peakRss: toMB(peak),
          sendSeconds,
          clientCores,
          ...serverSide,
        },
        notes,
      };
    } finally {
      for (const client of clients) client.destroy();
      await server.stop();
      removeDataDir(dataDir);
    }
  },

  targets(project, reference, hocuspocus) {
    const peers = { reference, hocuspocus };
    const [cpu, refCpu] = [num(project, 'serverCpu'), num(reference, 'serverCpu')];
    const [delivered, expected] = [num(project, 'delivered'), num(project, 'expected')];
    const atBest = (key: string, label: string) => {
      const value = num(project, key);
      const best = betterPeer(peers, key);
      return {
        description: `fan-out ${label} latency ≤ the better peer`,
        met: noWorse(value, best?.value ?? null),
        detail: `${fmt(value)} ms vs ${fmt(best?.value ?? null)} ms (${best?.peer ?? 'n/a'})`,
      };
    };
    return [
      atBest('p50', 'p50'),
      atBest('p99', 'p99'),
      {
        description: 'fan-out server CPU ≤ reference',
        met: noWorse(cpu, refCpu),
        detail: `${fmt(cpu, 2)} s vs ${fmt(refCpu, 2)} s`,
      },
      {
        description: 'fan-out loses no edit',
        met: delivered === null || expected === null ? null : delivered === expected,
        detail: `${fmt(delivered, 0)} of ${fmt(expected, 0)} delivered`,
      },
    ];
  },
};

/**
 * Drives the same kind of load at a throwaway reference server, so the clients' code in this
 * process is as warm for the first server measured as for the second.
 */
export async function warmUpLoadGenerator(): Promise<void> {
  const dataDir = makeDataDir('fan-out-warm-up');
  const server = await startServer('reference', { dataDir, logName: 'warm-up-fan-out' });
  const clients: BenchClient[] = [];
  try {
    for (let room = 0; room < LOAD_GENERATOR_WARM_UP.rooms; room++) {
      clients.push(...(await connectAll(server, Array.from({ length: CLIENTS_PER_ROOM }, () => `warm-${room}`), 30_000)));
    }
    for (const client of clients) observeStamps(client.doc, client.provider, () => undefined);
    await sendStamps(clients, LOAD_GENERATOR_WARM_UP.seconds * EDITS_PER_SECOND);
  } finally {
    for (const client of clients) client.destroy();
    await server.stop();
    removeDataDir(dataDir);
  }
}

/**
 * Every client sends `perClient` stamped edits at EDITS_PER_SECOND, phases spread evenly over one
 * period so the load is smooth; resolves with the number sent once all are out.
 */
export function sendStamps(clients: readonly BenchClient[], perClient: number): Promise<number> {
  const periodMs = 1000 / EDITS_PER_SECOND;
  let sent = 0;
  let running = clients.length;
  return new Promise((resolve) => {
    clients.forEach((client, index) => {
      let seq = 0;
      let timer: NodeJS.Timeout | undefined;
      const tick = () => {
        stampEdit(client.doc, `${index}:${seq}`);
        seq += 1;
        sent += 1;
        if (seq < perClient) return;
        clearInterval(timer);
        running -= 1;
        if (running === 0) resolve(sent);
      };
      setTimeout(() => {
        tick();
        if (seq < perClient) timer = setInterval(tick, periodMs);
      }, (index * periodMs) / clients.length);
    });
  });
}
