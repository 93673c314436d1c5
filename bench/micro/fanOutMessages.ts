// `npx tsx bench/micro/fanOutMessages.ts [seconds] [runs]`: the fan-out scenario's load (20 rooms of 10
// editors, 2,000 edits a second in all) against the built project server only, counting the
// WebSocket messages the clients receive per edit sent and the server's CPU per delivered edit.
import { connectAll, type BenchClient } from '../lib/clients.ts';
import { makeDataDir, removeDataDir } from '../lib/dataDirs.ts';
import { observeStamps, stampEdit } from '../lib/edits.ts';
import { cpuSeconds } from '../lib/procStats.ts';
import { startServer } from '../lib/servers.ts';
import { percentile } from '../lib/stats.ts';
import { pollUntil, sleep } from '../lib/wait.ts';

const ROOMS = 20;
const CLIENTS_PER_ROOM = 10;
const EDITS_PER_TICK = 10;
const TICK_MS = 5;
const seconds = Number(process.argv[2] ?? 5);
const runs = Number(process.argv[3] ?? 1);

for (let run = 1; run <= runs; run++) {
  const dataDir = makeDataDir('fan-out-messages');
  const server = await startServer('project', { dataDir, logName: 'project-fan-out-messages' });
  const clients: BenchClient[] = [];
  try {
    for (let room = 0; room < ROOMS; room++) {
      const persona = await server.createPersona(`fanout-${room}`);
      const editors: Record<string, string>[] = [];
      for (let i = 0; i < CLIENTS_PER_ROOM; i++) editors.push(await server.newEditor(`Fan-out ${room}.${i}`, i % 2 === 0 ? 'marketing' : 'sales'));
      clients.push(...(await connectAll(server, Array.from({ length: CLIENTS_PER_ROOM }, () => persona), 30_000, editors)));
    }
    let messages = 0;
    const latencies: number[] = [];
    for (const client of clients) {
      client.provider.ws?.addEventListener('message', () => void (messages += 1));
      observeStamps(client.doc, client.provider, (ms) => latencies.push(ms));
    }
    await sleep(500);
    messages = 0;
    const cpuBefore = cpuSeconds(server.pid);
    let sent = 0;
    const until = performance.now() + seconds * 1000;
    while (performance.now() < until) {
      for (let i = 0; i < EDITS_PER_TICK; i++) {
        const client = clients[(sent * 7) % clients.length];
        if (client) stampEdit(client.doc, `${run}.${sent}`);
        sent += 1;
      }
      await sleep(TICK_MS);
    }
    const expected = sent * (CLIENTS_PER_ROOM - 1);
    await pollUntil(() => latencies.length >= expected, 10_000);
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    process.stdout.write(
      `run ${run}: ${sent} edits, ${latencies.length}/${expected} delivered, ${(messages / sent).toFixed(2)} messages per edit, ` +
        `server CPU ${cpu.toFixed(2)} s = ${((cpu * 1e6) / latencies.length).toFixed(1)} µs per delivered edit, ` +
        `p50 ${(percentile(latencies, 50) ?? NaN).toFixed(1)} ms, p99 ${(percentile(latencies, 99) ?? NaN).toFixed(1)} ms\n`,
    );
  } finally {
    for (const client of clients) client.destroy();
    await server.stop();
    removeDataDir(dataDir);
  }
}
