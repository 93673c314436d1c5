// Scenario: editors per process. Rooms of 10, one edit a second each, stepping up until fan-out p99
// passes 50 ms or an edit is lost; at each step, whether the server or this load generator saturated.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import { buildPersonaState } from '../../server/persona/templates.ts';
import type { BenchClient } from '../lib/clients.ts';
import { connectAll } from '../lib/clients.ts';
import { observeStamps, stampEdit } from '../lib/edits.ts';
import { cpuSeconds, machineBusySeconds, measureCpu, ownCpuSeconds } from '../lib/procStats.ts';
import { makeDataDir, removeDataDir } from '../lib/dataDirs.ts';
import type { ServerProcess } from '../lib/servers.ts';
import { startServer } from '../lib/servers.ts';
import { percentile } from '../lib/stats.ts';
import { pollUntil } from '../lib/wait.ts';
import { warmUpLoadGenerator } from './fanOut.ts';
import type { Figures, Row, Scenario } from './scenario.ts';
import { betterPeer, fmt, noWorse, num } from './scenario.ts';

const ROOM_SIZE = 10;
const STEPS = [500, 1_000, 1_500, 2_000, 2_500] as const;
const QUICK_STEPS = [500] as const;
const P99_LIMIT_MS = 50;
/** Deliveries in the first second of each step are left out of its p99 (new sockets, JIT). */
const WARM_UP_MS = 1_000;
const DRAIN_TIMEOUT_MS = 5_000;
/** The load generator counts as saturated above this CPU share or this event-loop delay p99 (beyond its timer). */
const GENERATOR_CORES = 0.85;
const GENERATOR_LAG_MS = 20;
const LAG_TIMER_MS = 10;
/** A server counts as saturated above this share of one core (it runs one JS thread). */
const SERVER_CORES = 0.9;
/** The step whose CPU per delivered edit the target compares. */
const JUDGED_STEP = 1_500;
/** A step that fails is run once more before the scenario stops: one noisy tail on 2 shared cores is not a limit. */
const STEP_ATTEMPTS = 2;

const load = (quick: boolean) => ({ steps: quick ? QUICK_STEPS : STEPS, seconds: quick ? 3 : 6 });

const stepRows = (editors: number): Row[] => [
  { key: `p99_${editors}`, label: `${editors.toLocaleString('en')} editors: fan-out p99 (ms)`, digits: 1, ratio: true },
  { key: `cpuShare_${editors}`, label: `${editors.toLocaleString('en')} editors: server CPU (% of a core)`, digits: 0, ratio: true },
  { key: `cpuPerEditUs_${editors}`, label: `${editors.toLocaleString('en')} editors: server CPU per delivered edit (µs)`, digits: 1, ratio: true },
  { key: `lost_${editors}`, label: `${editors.toLocaleString('en')} editors: edits lost`, digits: 0 },
  { key: `genCores_${editors}`, label: `${editors.toLocaleString('en')} editors: load generator CPU (cores)`, digits: 2 },
  { key: `genLagP99_${editors}`, label: `${editors.toLocaleString('en')} editors: load generator event-loop delay p99 (ms)`, digits: 1 },
  { key: `otherCores_${editors}`, label: `${editors.toLocaleString('en')} editors: other processes on the machine (cores)`, digits: 2 },
];

export const capacity: Scenario = {
  name: 'capacity',
  title: 'Capacity: editors per process',
  servers: ['project', 'reference', 'hocuspocus'],
  describe(quick) {
    const { steps, seconds } = load(quick);
    return (
      `Rooms of ${ROOM_SIZE} editors (on the project each its own invited member, half in sales; the project runs with ` +
      `MAX_CONNECTIONS_PER_ADDRESS lifted; a peer's room first gets the project's blank persona from its first editor, ` +
      `so the editors hold the same document everywhere), each editor setting one profile key (its send time) once a second, ` +
      `phases spread evenly. The editors step up through ${steps.map((n) => n.toLocaleString('en')).join(', ')}, ` +
      `${seconds} s of sending at each (p99 without its first ${WARM_UP_MS / 1000} s), until fan-out p99 passes ` +
      `${P99_LIMIT_MS} ms or an edit is lost (twice in a row: a failing step is run once more). A delivered edit is one edit reaching one other editor. The load generator ` +
      `(this process) counts as saturated above ${GENERATOR_CORES} cores or ${GENERATOR_LAG_MS} ms event-loop delay p99 ` +
      `(beyond its ${LAG_TIMER_MS} ms timer), the server above ${SERVER_CORES * 100} % of a core; the CPU of every other ` +
      `process on the machine (from /proc/stat) is shown too, since it delays both. Before each server the load ` +
      `generator warms up as in fan-out.`
    );
  },
  rows: [
    { key: 'maxEditors', label: `most editors held at p99 ≤ ${P99_LIMIT_MS} ms, none lost`, digits: 0, ratio: true },
    { key: 'generatorFirst', label: 'load generator saturated at or before the last step (before the server)' },
    { key: 'serverSaturated', label: 'server saturated at the last step' },
    ...STEPS.flatMap(stepRows),
  ],

  async run(kind, ctx) {
    const { steps, seconds } = load(ctx.quick);
    // The same JIT warm-up as fan-out's, so the server measured first does not pay for a cold load generator.
    await warmUpLoadGenerator();
    const dataDir = makeDataDir('capacity');
    const server = await startServer(kind, { dataDir, env: { MAX_CONNECTIONS_PER_ADDRESS: '100000' }, logName: `${kind}-capacity` });
    const clients: BenchClient[] = [];
    const figures: Figures = { maxEditors: 0, generatorFirst: false, serverSaturated: false };
    const notes: string[] = [];
    const latencies: number[] = [];
    let delivered = 0;
    let countFrom = Number.POSITIVE_INFINITY;
    try {
      steps: for (const editors of steps) {
        while (clients.length < editors) {
          const room = await openRoom(server, clients.length / ROOM_SIZE);
          for (const client of room) {
            observeStamps(client.doc, client.provider, (ms) => {
              delivered += 1;
              if (performance.now() >= countFrom) latencies.push(ms);
            });
          }
          clients.push(...room);
        }
        for (let attempt = 1; ; attempt++) {
          latencies.length = 0;
          delivered = 0;
          const lag = monitorEventLoopDelay({ resolution: LAG_TIMER_MS });
          lag.enable();
          const serverCpu = measureCpu(() => cpuSeconds(server.pid));
          const own = measureCpu(ownCpuSeconds);
          const machine = measureCpu(machineBusySeconds);
          countFrom = performance.now() + WARM_UP_MS;
          const sent = await sendForSeconds(clients, editors, seconds);
          const expected = sent * (ROOM_SIZE - 1);
          await pollUntil(() => delivered >= expected, DRAIN_TIMEOUT_MS);
          lag.disable();
          const cpu = serverCpu.stop();
          const gen = own.stop();
          const busy = machine.stop();
          const p99 = percentile(latencies, 99);
          const lost = Math.max(0, expected - delivered);
          const serverCores = cpu.cpuSeconds / cpu.wallSeconds;
          const genCores = gen.cpuSeconds / gen.wallSeconds;
          // The histogram records the timer's whole interval; what is beyond it is delay.
          const genLag = Math.max(0, lag.percentile(99) / 1e6 - LAG_TIMER_MS);
          const otherCores = Math.max(0, (busy.cpuSeconds - cpu.cpuSeconds - gen.cpuSeconds) / busy.wallSeconds);
          Object.assign(figures, {
            [`p99_${editors}`]: p99,
            [`cpuShare_${editors}`]: 100 * serverCores,
            [`cpuPerEditUs_${editors}`]: delivered > 0 ? (1e6 * cpu.cpuSeconds) / delivered : null,
            [`lost_${editors}`]: lost,
            [`genCores_${editors}`]: genCores,
            [`genLagP99_${editors}`]: genLag,
            [`otherCores_${editors}`]: otherCores,
          });
          const generatorSaturated = genCores > GENERATOR_CORES || genLag > GENERATOR_LAG_MS;
          const serverSaturated = serverCores > SERVER_CORES;
          if (generatorSaturated && !serverSaturated) figures['generatorFirst'] = true;
          figures['serverSaturated'] = serverSaturated;
          ctx.log(
            `${kind}: ${editors} editors: p99 ${fmt(p99)} ms, server ${(100 * serverCores).toFixed(0)} % of a core, ` +
              `${lost} lost; load generator ${genCores.toFixed(2)} cores, loop delay p99 ${genLag.toFixed(1)} ms; ` +
              `other processes ${otherCores.toFixed(2)} cores`,
          );
          if (p99 !== null && p99 <= P99_LIMIT_MS && lost === 0) {
            if (generatorSaturated) notes.push(`${kind}: at ${editors} editors the load generator was saturated (its delays are in the latencies)`);
            break;
          }
          const why =
            `p99 ${fmt(p99)} ms, ${lost} lost; load generator ${generatorSaturated ? 'saturated' : 'not saturated'}, ` +
            `server ${serverSaturated ? 'saturated' : 'not saturated'}, other processes ${otherCores.toFixed(2)} cores`;
          if (attempt < STEP_ATTEMPTS) {
            notes.push(`${kind}: ${editors} editors failed once (${why}); the step was run again`);
            continue;
          }
          notes.push(`${kind}: stopped at ${editors} editors (${why})`);
          break steps;
        }
        figures['maxEditors'] = editors;
      }
      return { figures, notes };
    } finally {
      for (const client of clients) client.destroy();
      await server.stop();
      removeDataDir(dataDir);
    }
  },

  targets(project, reference, hocuspocus) {
    const held = num(project, 'maxEditors');
    const hocuspocusHeld = num(hocuspocus, 'maxEditors');
    const key = `cpuPerEditUs_${JUDGED_STEP}`;
    const perEdit = num(project, key);
    const better = betterPeer({ reference, hocuspocus }, key);
    return [
      {
        description: `capacity: editors held at p99 ≤ ${P99_LIMIT_MS} ms with none lost ≥ Hocuspocus`,
        met: noWorse(held, hocuspocusHeld, true),
        detail: `${fmt(held, 0)} vs ${fmt(hocuspocusHeld, 0)} editors (the steps stop at ${fmt(STEPS[STEPS.length - 1] ?? null, 0)})`,
      },
      {
        description: `capacity: server CPU per delivered edit at ${fmt(JUDGED_STEP, 0)} editors ≤ the better peer`,
        met: noWorse(perEdit, better?.value ?? null),
        detail: `${fmt(perEdit)} µs vs ${fmt(better?.value ?? null)} µs (${better?.peer ?? 'n/a'})`,
      },
    ];
  },
};

/**
 * One room of ROOM_SIZE editors, connected and synced; on the project each is a newly invited member.
 * A peer's room is first given the project's blank persona, so every editor holds the same document on every server.
 */
async function openRoom(server: ServerProcess, index: number): Promise<BenchClient[]> {
  const persona = await server.createPersona(`capacity-${index}`);
  const editors: Record<string, string>[] = [];
  for (let i = 0; i < ROOM_SIZE; i++) editors.push(await server.newEditor(`Capacity ${index}.${i}`, i % 2 === 0 ? 'marketing' : 'sales'));
  if (server.people !== null) return connectAll(server, Array.from({ length: ROOM_SIZE }, () => persona), 30_000, editors);
  const [first] = await connectAll(server, [persona], 30_000);
  if (!first) throw new Error('no first editor');
  Y.applyUpdate(first.doc, buildPersonaState({ template: 'blank', now: new Date() }));
  const rest = await connectAll(server, Array.from({ length: ROOM_SIZE - 1 }, () => persona), 30_000);
  await pollUntil(() => rest.every((client) => Y.encodeStateVector(client.doc).length === Y.encodeStateVector(first.doc).length), 10_000);
  return [first, ...rest];
}

/** The first `editors` clients each send one stamped edit a second for `seconds`, phases spread over the second. */
function sendForSeconds(clients: readonly BenchClient[], editors: number, seconds: number): Promise<number> {
  let sent = 0;
  let running = editors;
  return new Promise((resolve) => {
    clients.slice(0, editors).forEach((client, index) => {
      let seq = 0;
      let timer: NodeJS.Timeout | undefined;
      const tick = () => {
        stampEdit(client.doc, `${editors}:${index}:${seq}`);
        seq += 1;
        sent += 1;
        if (seq < seconds) return;
        clearInterval(timer);
        running -= 1;
        if (running === 0) resolve(sent);
      };
      setTimeout(() => {
        tick();
        if (seq < seconds) timer = setInterval(tick, 1000);
      }, (index * 1000) / editors);
    });
  });
}
