// `npx tsx bench/micro/fanOutTail.ts [runs] [seconds] [rooms] [edits a second per editor]`: the fan-out
// scenario's load (20 rooms of 10 editors, each setting a profile key 10 times a second; `1 10 100 1` is the
// capacity scenario's 1,000-editor step) against the project server only, after the same warm-up.
// Prints latency p50/p99/max, the server's CPU, and its event-loop stalls when SERVER_NODE_ARGS preloads
// a stall recorder. TANDEM_SERVER_ENTRY picks another build (A/B of two commits, alternated).
import type { BenchClient } from '../lib/clients.ts';
import { connectAll } from '../lib/clients.ts';
import { makeDataDir, removeDataDir } from '../lib/dataDirs.ts';
import { observeStamps, stampEdit } from '../lib/edits.ts';
import { cpuSeconds } from '../lib/procStats.ts';
import { startServer } from '../lib/servers.ts';
import { percentile } from '../lib/stats.ts';
import { pollUntil, sleep } from '../lib/wait.ts';
import { sendStamps, warmUpLoadGenerator } from '../scenarios/fanOut.ts';

const CLIENTS_PER_ROOM = 10;
const runs = Number(process.argv[2] ?? 1);
const seconds = Number(process.argv[3] ?? 10);
const ROOMS = Number(process.argv[4] ?? 20);
const perSecond = Number(process.argv[5] ?? 10);
process.setMaxListeners(0);

for (let run = 1; run <= runs; run++) {
  await warmUpLoadGenerator();
  const dataDir = makeDataDir('fan-out-tail');
  const server = await startServer('project', { dataDir, env: { MAX_CONNECTIONS_PER_ADDRESS: '100000' }, logName: 'project-fan-out-tail' });
  const clients: BenchClient[] = [];
  try {
    for (let room = 0; room < ROOMS; room++) {
      const persona = await server.createPersona(`fanout-${room}`);
      const editors: Record<string, string>[] = [];
      for (let i = 0; i < CLIENTS_PER_ROOM; i++) editors.push(await server.newEditor(`Fan-out ${room}.${i}`, i % 2 === 0 ? 'marketing' : 'sales'));
      clients.push(...(await connectAll(server, Array.from({ length: CLIENTS_PER_ROOM }, () => persona), 30_000, editors)));
    }
    const latencies: number[] = [];
    for (const client of clients) observeStamps(client.doc, client.provider, (ms) => latencies.push(ms));
    await sleep(1_000);
    const cpuBefore = cpuSeconds(server.pid);
    const started = performance.now();
    const sent = perSecond === 10 ? await sendStamps(clients, seconds * 10) : await sendSlowly(clients, seconds, perSecond);
    const expected = sent * (CLIENTS_PER_ROOM - 1);
    await pollUntil(() => latencies.length >= expected, 10_000);
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    const fmt = (p: number) => (percentile(latencies, p) ?? NaN).toFixed(1);
    process.stdout.write(
      `run ${run}: ${latencies.length}/${expected} delivered in ${((performance.now() - started) / 1000).toFixed(1)} s, ` +
        `p50 ${fmt(50)} p99 ${fmt(99)} max ${fmt(100)} ms, server CPU ${cpu.toFixed(2)} s ` +
        `(${((cpu * 1e6) / sent).toFixed(0)} µs per edit, ${((cpu * 1e6) / latencies.length).toFixed(1)} µs per delivered edit)\n`,
    );
  } finally {
    for (const client of clients) client.destroy();
    await server.stop();
    removeDataDir(dataDir);
  }
}

/** Every editor sends `perSecond` edits a second for `seconds`, phases spread evenly; resolves with the number sent. */
async function sendSlowly(clients: readonly BenchClient[], seconds: number, perSecond: number): Promise<number> {
  const periodMs = 1000 / perSecond;
  const started = performance.now();
  let sent = 0;
  await Promise.all(
    clients.map(async (client, index) => {
      await sleep((index * periodMs) / clients.length);
      for (let seq = 0; seq < seconds * perSecond; seq++) {
        stampEdit(client.doc, `${index}:${seq}`);
        sent += 1;
        await sleep(Math.max(0, started + (index * periodMs) / clients.length + (seq + 1) * periodMs - performance.now()));
      }
    }),
  );
  return sent;
}
