// Issue 14: fan-out latency while one socket floods presence, against the same load without it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { BenchClient } from '../lib/clients.ts';
import { connectAll } from '../lib/clients.ts';
import { makeDataDir, removeDataDir } from '../lib/dataDirs.ts';
import { observeStamps, stampEdit } from '../lib/edits.ts';
import { RssSampler, toMB } from '../lib/procStats.ts';
import type { ServerProcess } from '../lib/servers.ts';
import { REPO_ROOT, startServer } from '../lib/servers.ts';
import type { FloodPlan } from '../lib/flooder.ts';
import { percentile } from '../lib/stats.ts';
import { pollUntil, sleep } from '../lib/wait.ts';
import type { Scenario } from './scenario.ts';
import { fmt, num } from './scenario.ts';

const CLIENTS_PER_ROOM = 10;
const EDITS_PER_SECOND = 10;
const DRAIN_TIMEOUT_MS = 5_000;
/** "Within noise": the flooded p99 may exceed the quiet one by this factor or these milliseconds, whichever is larger. */
const NOISE = { factor: 1.5, ms: 20 };

/** What the flooding socket sends on every connection: the attack, then states just under the per-state limit. */
const FLOOD: FloodPlan = { hugeStates: 8, hugeBytes: 4_900_000, largeStates: 200, largeBytes: 60 * 1024 };

const load = (quick: boolean) => ({ rooms: quick ? 2 : 4, seconds: quick ? 3 : 8 });

export const awarenessFlood: Scenario = {
  name: 'awareness-flood',
  title: 'Fan-out while one socket floods presence',
  servers: ['project'],
  describe(quick) {
    const { rooms, seconds } = load(quick);
    return (
      `${rooms} rooms × ${CLIENTS_PER_ROOM} editors, each setting one profile key ${EDITS_PER_SECOND} times a second ` +
      `for ${seconds} s, twice on one server: quietly, then while one more editor's socket in the first room floods ` +
      `presence (${FLOOD.hugeStates} states of ${FLOOD.hugeBytes / 1e6} MB, then ${FLOOD.largeStates} of ` +
      `${FLOOD.largeBytes / 1024} KB, as fast as it can; reconnecting at once whenever it is closed).`
    );
  },
  rows: [
    { key: 'quietP50', label: 'propagation p50 without flood (ms)', digits: 1 },
    { key: 'quietP99', label: 'propagation p99 without flood (ms)', digits: 1 },
    { key: 'floodP50', label: 'propagation p50 during the flood (ms)', digits: 1 },
    { key: 'floodP99', label: 'propagation p99 during the flood (ms)', digits: 1 },
    { key: 'floodDeliveredPct', label: 'delivered / expected during the flood (%)', digits: 2 },
    { key: 'floodMB', label: 'presence queued by the flooder (MB)', digits: 1 },
    { key: 'floodCloses', label: 'flooder sockets closed by the server', digits: 0 },
    { key: 'honestCloses', label: 'honest sockets closed', digits: 0 },
    { key: 'peakRss', label: 'server peak RSS during the flood (MB)', digits: 1 },
  ],

  async run(kind, ctx) {
    const { rooms, seconds } = load(ctx.quick);
    const dataDir = makeDataDir('awareness-flood');
    const server = await startServer(kind, { dataDir, logName: `${kind}-awareness-flood` });
    const clients: BenchClient[] = [];
    const notes: string[] = [];
    let flooder: Flooder | null = null;
    try {
      const personas: string[] = [];
      for (let room = 0; room < rooms; room++) {
        const persona = await server.createPersona(`flood-${room}`);
        personas.push(persona);
        const editors: Record<string, string>[] = [];
        for (let i = 0; i < CLIENTS_PER_ROOM; i++) editors.push(await server.newEditor(`Flood ${room}.${i}`, i % 2 === 0 ? 'marketing' : 'sales'));
        clients.push(...(await connectAll(server, Array.from({ length: CLIENTS_PER_ROOM }, () => persona), 30_000, editors)));
      }
      let honestCloses = 0;
      for (const client of clients) client.provider.on('connection-close', () => void (honestCloses += 1));
      let latencies: number[] = [];
      for (const client of clients) observeStamps(client.doc, client.provider, (ms) => latencies.push(ms));

      ctx.log(`${kind}: ${clients.length} clients synced; ${seconds} s without flood`);
      const quietSent = await sendStamps(clients, seconds * EDITS_PER_SECOND, 'quiet');
      await pollUntil(() => latencies.length >= quietSent * (CLIENTS_PER_ROOM - 1), DRAIN_TIMEOUT_MS);
      const quiet = latencies;
      latencies = [];

      ctx.log(`${kind}: ${seconds} s while one socket floods presence`);
      const floodParams = await server.newEditor('Flooder', 'sales');
      flooder = startFlooder(server, personas[0] ?? '', floodParams);
      await sleep(500);
      const rss = new RssSampler(server.pid).start();
      const floodSent = await sendStamps(clients, seconds * EDITS_PER_SECOND, 'flood');
      const expected = floodSent * (CLIENTS_PER_ROOM - 1);
      const complete = await pollUntil(() => latencies.length >= expected, DRAIN_TIMEOUT_MS);
      const peak = rss.stop();
      const flood = await flooder.stop();
      if (!complete) notes.push(`${expected - latencies.length} deliveries missing ${DRAIN_TIMEOUT_MS} ms after the last send during the flood`);
      return {
        figures: {
          quietP50: percentile(quiet, 50),
          quietP99: percentile(quiet, 99),
          floodP50: percentile(latencies, 50),
          floodP99: percentile(latencies, 99),
          floodDeliveredPct: (100 * latencies.length) / expected,
          floodMB: flood.bytes / 1e6,
          floodCloses: flood.closes,
          honestCloses,
          peakRss: toMB(peak),
        },
        notes,
      };
    } finally {
      await flooder?.stop();
      for (const client of clients) client.destroy();
      await server.stop();
      removeDataDir(dataDir);
    }
  },

  targets(project) {
    const [quiet, flooded] = [num(project, 'quietP99'), num(project, 'floodP99')];
    const bound = quiet === null ? null : Math.max(quiet * NOISE.factor, quiet + NOISE.ms);
    const honestCloses = num(project, 'honestCloses');
    return [
      {
        description: `fan-out p99 during a presence flood within noise of without (≤ max(${NOISE.factor}×, +${NOISE.ms} ms))`,
        met: flooded === null || bound === null ? null : flooded <= bound,
        detail: `${fmt(flooded)} ms vs ${fmt(quiet)} ms without (bound ${fmt(bound)} ms)`,
      },
      {
        description: 'no honest editor is cut off by the flood',
        met: honestCloses === null ? null : honestCloses === 0,
        detail: `${fmt(honestCloses, 0)} honest sockets closed`,
      },
    ];
  },
};

interface Flooder {
  stop(): Promise<{ bytes: number; closes: number }>;
}

/** bench/lib/flooder.ts in its own process, as one more editor of the room. */
function startFlooder(server: ServerProcess, personaId: string, params: Record<string, string>): Flooder {
  const url = `${server.collabUrl}/${personaId}?${new URLSearchParams(params).toString()}`;
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'bench', 'lib', 'flooder.ts'), url, JSON.stringify(FLOOD)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopping: Promise<{ bytes: number; closes: number }> | null = null;
  return {
    stop() {
      stopping ??= (async () => {
        child.kill('SIGTERM');
        await exited;
        const counts = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { bytes?: number; closes?: number };
        return { bytes: counts.bytes ?? 0, closes: counts.closes ?? 0 };
      })();
      return stopping;
    },
  };
}

/** Every client sends `perClient` stamped edits at EDITS_PER_SECOND, phases spread over one period. */
function sendStamps(clients: readonly BenchClient[], perClient: number, label: string): Promise<number> {
  const periodMs = 1000 / EDITS_PER_SECOND;
  let sent = 0;
  let running = clients.length;
  return new Promise((resolve) => {
    clients.forEach((client, index) => {
      let seq = 0;
      let timer: NodeJS.Timeout | undefined;
      const tick = () => {
        stampEdit(client.doc, `${label}:${index}:${seq}`);
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
