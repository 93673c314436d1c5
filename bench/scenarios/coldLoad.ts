// Scenario 2: a persona with a long edit history, loaded by the first client after a restart.
import { connectAll, connectClient, trackCount } from '../lib/clients.ts';
import { appendParagraphs, paragraphCount, warmUpDecoding } from '../lib/edits.ts';
import type { ServerProcess } from '../lib/servers.ts';
import { makeDataDir, removeDataDir, waitForQuietDir } from '../lib/dataDirs.ts';
import { startServer } from '../lib/servers.ts';
import type { Scenario } from './scenario.ts';
import { fmt, num } from './scenario.ts';

const PERSONA = 'cold-load';
const EDITS_PER_TURN = 250;
const INGEST = { quietMs: 15_000, timeoutMs: 180_000 };
const LOAD = { quietMs: 10_000, timeoutMs: 60_000 };
/** Files unchanged this long count as written out. */
const DISK_QUIET_MS = 1_000;

const load = (quick: boolean) => ({ edits: quick ? 2_000 : 20_000 });

export const coldLoad: Scenario = {
  name: 'cold-load',
  title: 'Cold load',
  describe(quick) {
    return (
      `One client appends ${load(quick).edits.toLocaleString('en')} paragraphs (one transaction each) to a section ` +
      `while a second client waits for all of them; the server is stopped with SIGTERM and restarted on the same ` +
      `data; a fresh client then opens the persona.`
    );
  },
  rows: [
    { key: 'ingestSeconds', label: 'history written and seen by a peer (s)', digits: 1, ratio: true },
    { key: 'diskSeconds', label: 'then until data files stop changing (s)', digits: 1, ratio: true },
    { key: 'stopClean', label: 'exited 0 on SIGTERM' },
    { key: 'restartMs', label: 'restart until listening (ms)', digits: 0, ratio: true },
    { key: 'syncedMs', label: 'fresh client: `synced` after (ms)', digits: 0, ratio: true },
    { key: 'editsAtSynced', label: 'edits present at `synced`', digits: 0 },
    { key: 'completeAtSynced', label: 'all content present at `synced`' },
    { key: 'fullMs', label: 'fresh client: all edits after (ms)', digits: 0, ratio: true },
    { key: 'editsAfterRestart', label: 'edits present after restart', digits: 0 },
    { key: 'editsSent', label: 'edits sent', digits: 0 },
  ],

  async run(kind, ctx) {
    const { edits } = load(ctx.quick);
    const dataDir = makeDataDir('cold-load');
    const notes: string[] = [];
    let server: ServerProcess | null = null;
    try {
      server = await startServer(kind, { dataDir, logName: `${kind}-cold-load-1` });
      const { people } = server;
      const persona = await server.createPersona(PERSONA);
      const [writer, reader] = await connectAll(server, [persona, persona], 30_000);
      if (!writer || !reader) throw new Error('cold-load needs two clients');
      const ingest = trackCount(reader.doc, paragraphCount, edits);
      const ingestStarted = performance.now();
      await appendParagraphs(writer.doc, edits, EDITS_PER_TURN);
      await ingest.settle(INGEST);
      const ingestSeconds = ((ingest.state.reachedAt ?? performance.now()) - ingestStarted) / 1000;
      writer.destroy();
      reader.destroy();
      if (ingest.state.reachedAt === null) {
        throw new Error(`the second client saw only ${ingest.state.count} of ${edits} edits`);
      }
      // The same wait for both servers: the reference drops queued LevelDB writes on SIGTERM.
      const diskSeconds = await waitForQuietDir(dataDir, DISK_QUIET_MS, INGEST.timeoutMs);
      ctx.log(`${kind}: ${edits} edits seen by a peer in ${ingestSeconds.toFixed(1)} s, on disk after ${diskSeconds.toFixed(1)} s more; restarting`);

      const exit = await server.stop();
      server = null;
      if (exit.code !== 0) {
        notes.push(
          `${kind}: SIGTERM ended the server with ${exit.signal ?? `code ${exit.code}`}, without a flush; ` +
            `the bench first waited until its data directory had been unchanged for ${DISK_QUIET_MS} ms`,
        );
      }
      const restartStarted = performance.now();
      server = await startServer(kind, { dataDir, people, logName: `${kind}-cold-load-2` });
      const restartMs = performance.now() - restartStarted;

      warmUpDecoding(edits);
      const openedAt = performance.now();
      const fresh = connectClient(server, persona);
      const loaded = trackCount(fresh.doc, paragraphCount, edits);
      await fresh.synced();
      // The synced promise settles in the same task as the sync event, so the doc is as it was then.
      const syncedMs = performance.now() - openedAt;
      const editsAtSynced = paragraphCount(fresh.doc);
      await loaded.settle(LOAD);
      fresh.destroy();
      const editsAfterRestart = loaded.state.count;
      if (editsAfterRestart < edits) {
        notes.push(`${kind}: ${edits - editsAfterRestart} of ${edits} edits lost across the SIGTERM restart`);
      }
      return {
        figures: {
          ingestSeconds,
          diskSeconds,
          stopClean: exit.code === 0,
          restartMs,
          syncedMs,
          editsAtSynced,
          completeAtSynced: editsAtSynced >= edits,
          fullMs: loaded.state.reachedAt === null ? null : loaded.state.reachedAt - openedAt,
          editsAfterRestart,
          editsSent: edits,
        },
        notes,
      };
    } finally {
      await server?.stop();
      removeDataDir(dataDir);
    }
  },

  targets(project, reference) {
    const [full, refFull] = [num(project, 'fullMs'), num(reference, 'fullMs')];
    return [
      {
        description: 'cold load: all content present at `synced`',
        met: project['completeAtSynced'] === true,
        detail: `${fmt(num(project, 'editsAtSynced'), 0)} of ${fmt(num(project, 'editsSent'), 0)} edits at \`synced\``,
      },
      {
        description: 'cold load: time to full content ≤ ¼ of reference',
        met: full === null || refFull === null ? null : full <= refFull / 4,
        detail: `${fmt(full, 0)} ms vs ${fmt(refFull, 0)} ms (¼ = ${fmt(refFull === null ? null : refFull / 4, 0)} ms)`,
      },
    ];
  },
};
