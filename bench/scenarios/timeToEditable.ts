// Client 2: opening a persona with a long typing history in a browser that has never seen it.
import type { Participant } from '../../tests/helpers/browser.ts';
import type { TestBrowser } from '../../tests/helpers/browser.ts';
import { launchChromium, newPersonContext } from '../../tests/helpers/browser.ts';
import type { BenchClient } from '../lib/clients.ts';
import { connectAll, trackCount } from '../lib/clients.ts';
import { makeDataDir, removeDataDir } from '../lib/dataDirs.ts';
import { typeHistory, typedLength } from '../lib/edits.ts';
import { scrapeMetrics } from '../lib/metrics.ts';
import type { ReadyTimes } from '../lib/pageProbes.ts';
import { readReadyTimes, readyProbeScript } from '../lib/pageProbes.ts';
import type { ServerProcess } from '../lib/servers.ts';
import { startServer } from '../lib/servers.ts';
import { percentile } from '../lib/stats.ts';
import type { Scenario } from './scenario.ts';
import { fmt, num } from './scenario.ts';

const PERSONA = 'time-to-editable';
const KEYSTROKES_PER_TURN = 250;
const INGEST = { quietMs: 15_000, timeoutMs: 180_000 };
const READY_TIMEOUT_MS = 60_000;
const TARGET_MS = 1_000;
export const BENCH_PARTICIPANT: Participant = { name: 'Bench Reader', side: 'marketing', color: '#2563eb' };

const load = (quick: boolean) => ({ edits: quick ? 2_000 : 20_000, runs: quick ? 2 : 5 });

export const timeToEditable: Scenario = {
  name: 'time-to-editable',
  title: 'Client: time to editable',
  describe(quick) {
    const { edits, runs } = load(quick);
    return (
      `A node client types ${edits.toLocaleString('en')} characters into the Summary of a blank persona, one ` +
      `transaction (one update) per character, 100 to a paragraph, through the server; the last characters spell a ` +
      `marker. A second node client waits for all of them and stays connected, so the room stays loaded. Then, ${runs} ` +
      `times, a fresh Chromium context (no IndexedDB copy, empty HTTP cache) opens \`/p/<id>\`; time is ` +
      '`performance.now()` in the page, i.e. from navigation start (`performance.timeOrigin`), to the moment a ' +
      'MutationObserver installed before any page script sees `.workshop[data-synced="true"]`, the summary ' +
      '`.ProseMirror[contenteditable="true"]`, and the marker in its text. One Chromium for all runs.'
    );
  },
  servers: ['project'],
  rows: [
    { key: 'readyP50', label: 'navigation → editable, synced, last edit shown: p50 (ms)', digits: 0 },
    { key: 'readyMax', label: 'navigation → editable, synced, last edit shown: max (ms)', digits: 0 },
    { key: 'domContentLoadedP50', label: 'navigation → DOMContentLoaded: p50 (ms)', digits: 0 },
    { key: 'workshopChunkStartP50', label: 'navigation → workshop chunk requested: p50 (ms)', digits: 0 },
    { key: 'workshopChunkP50', label: 'navigation → workshop chunk downloaded: p50 (ms)', digits: 0 },
    { key: 'editableP50', label: 'navigation → summary editable: p50 (ms)', digits: 0 },
    { key: 'syncedP50', label: 'navigation → `data-synced="true"`: p50 (ms)', digits: 0 },
    { key: 'runs', label: 'cold runs', digits: 0 },
    { key: 'edits', label: 'edits in the history', digits: 0 },
    { key: 'serverUpdates', label: 'updates the server took in (`tandem_updates_total`)', digits: 0 },
    { key: 'historySeconds', label: 'history typed and seen by a peer (s)', digits: 1 },
  ],

  async run(kind, ctx) {
    const { edits, runs } = load(ctx.quick);
    const marker = `END-OF-HISTORY-${Date.now().toString(36)}`;
    const dataDir = makeDataDir('time-to-editable');
    let server: ServerProcess | null = null;
    let chromium: TestBrowser | null = null;
    let clients: BenchClient[] = [];
    try {
      server = await startServer(kind, { dataDir, logName: `${kind}-time-to-editable` });
      const token = server.params['token'];
      if (token === undefined) throw new Error('time-to-editable needs the project server, which issues tokens');
      const persona = await server.createPersona(PERSONA);
      clients = await connectAll(server, [persona, persona], 30_000);
      const [writer, reader] = clients;
      if (!writer || !reader) throw new Error('time-to-editable needs two clients');
      const ingest = trackCount(reader.doc, (doc) => typedLength(doc), edits);
      const started = performance.now();
      await typeHistory(writer.doc, edits, marker, KEYSTROKES_PER_TURN);
      await ingest.settle(INGEST);
      if (ingest.state.reachedAt === null) {
        throw new Error(`the second client saw only ${ingest.state.count} of ${edits} characters`);
      }
      const historySeconds = (ingest.state.reachedAt - started) / 1000;
      const serverUpdates = (await scrapeMetrics(server)).get('tandem_updates_total') ?? null;
      ctx.log(`${kind}: ${edits} keystrokes typed and seen by a peer in ${historySeconds.toFixed(1)} s; opening in Chromium`);

      chromium = await launchChromium();
      const samples: ReadyTimes[] = [];
      for (let run = 1; run <= runs; run++) {
        const context = await newPersonContext(chromium.browser, server.httpUrl, { token, participant: BENCH_PARTICIPANT });
        try {
          const page = await context.newPage();
          await page.addInitScript({ content: readyProbeScript(marker) });
          await page.goto(`/p/${persona}`, { waitUntil: 'commit' });
          const times = await readReadyTimes(page, READY_TIMEOUT_MS);
          samples.push(times);
          ctx.log(
            `${kind}: run ${run}/${runs}: ready after ${times.readyAt.toFixed(0)} ms ` +
              `(DOMContentLoaded ${times.domContentLoadedAt.toFixed(0)}, workshop chunk ${times.workshopChunkStartAt?.toFixed(0) ?? 'n/a'}–${times.workshopChunkAt?.toFixed(0) ?? 'n/a'}, ` +
              `editable ${times.editableAt.toFixed(0)}, synced ${times.syncedAt.toFixed(0)})`,
          );
        } finally {
          await context.close();
        }
      }
      const p50 = (pick: (t: ReadyTimes) => number | null) =>
        percentile(samples.map(pick).filter((v): v is number => v !== null), 50);
      const ready = samples.map((t) => t.readyAt);
      return {
        figures: {
          readyP50: percentile(ready, 50),
          readyMax: percentile(ready, 100),
          domContentLoadedP50: p50((t) => t.domContentLoadedAt),
          workshopChunkStartP50: p50((t) => t.workshopChunkStartAt),
          workshopChunkP50: p50((t) => t.workshopChunkAt),
          editableP50: p50((t) => t.editableAt),
          syncedP50: p50((t) => t.syncedAt),
          runs: samples.length,
          edits,
          historySeconds,
          serverUpdates,
        },
        notes: [`time to editable, run by run (ms): ${ready.map((ms) => fmt(ms, 0)).join(', ')}`],
      };
    } finally {
      for (const client of clients) client.destroy();
      await chromium?.close();
      await server?.stop();
      removeDataDir(dataDir);
    }
  },

  targets(project) {
    const [p50, max] = [num(project, 'readyP50'), num(project, 'readyMax')];
    return [
      {
        description: `client: time to editable ≤ ${fmt(TARGET_MS / 1000, 0)} s (every cold run, ${fmt(num(project, 'edits'), 0)}-edit history)`,
        met: p50 === null || max === null ? null : max <= TARGET_MS,
        detail: `p50 ${fmt(p50, 0)} ms, max ${fmt(max, 0)} ms over ${fmt(num(project, 'runs'), 0)} cold runs`,
      },
    ];
  },
};
