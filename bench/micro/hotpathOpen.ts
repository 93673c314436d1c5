// `npx tsx bench/micro/hotpathOpen.ts [personas] [runs]`: the idle scenario's "opening all took", alone and
// against the built project server only: personas opened 50 at a time (connect, sync, disconnect),
// with the server's CPU time while it opens them (steadier than the wall time on a shared machine).
// Pass SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=…" to profile the server while it opens them.
import { connectAll } from '../lib/clients.ts';
import { makeDataDir, removeDataDir } from '../lib/dataDirs.ts';
import { cpuSeconds } from '../lib/procStats.ts';
import { startServer } from '../lib/servers.ts';

const BATCH = 50;
const personas = Number(process.argv[2] ?? 1_000);
const runs = Number(process.argv[3] ?? 1);

for (let run = 1; run <= runs; run++) {
  const dataDir = makeDataDir('hotpath-open');
  const server = await startServer('project', { dataDir, logName: 'project-hotpath-open' });
  try {
    const ids: string[] = [];
    for (let i = 0; i < personas; i++) ids.push(await server.createPersona(`open-${i}`));
    const started = performance.now();
    const cpuBefore = cpuSeconds(server.pid);
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = await connectAll(server, ids.slice(i, i + BATCH), 30_000);
      for (const client of batch) client.destroy();
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    process.stdout.write(`run ${run}: opening ${personas} personas took ${seconds.toFixed(2)} s, server CPU ${cpu.toFixed(2)} s\n`);
  } finally {
    await server.stop();
    removeDataDir(dataDir);
  }
}
