// Issue 14: PDF export of a normal persona while another request renders a hostile one.
import { join } from 'node:path';
import * as Y from 'yjs';
import { indexEntryOf } from '../../server/persona/indexEntry.ts';
import { DATABASE_FILE } from '../../server/server.ts';
import { openSqliteStorage } from '../../server/storage/sqliteStorage.ts';
import { makeDataDir, removeDataDir } from '../lib/dataDirs.ts';
import { HOSTILE, writeHostilePersona } from '../lib/hostilePersona.ts';
import { seedPersonas, timedFetch } from '../lib/seedStore.ts';
import type { ServerProcess } from '../lib/servers.ts';
import { startServer } from '../lib/servers.ts';
import { percentile } from '../lib/stats.ts';
import type { Scenario } from './scenario.ts';
import { fmt, num } from './scenario.ts';

const TARGET_MS = 300;
const ANSWERED_WITHIN_MS = 1_000;
const SIZE = { paragraphs: 4, listItems: 6, evidencePerSide: 15 };
const HOSTILE_ID = 'hostile';
const load = (quick: boolean) => ({ normalRuns: quick ? 10 : 40 });

/** The hostile persona, stored as it is (as if written before the server's shape guard). */
async function seedHostile(dataDir: string): Promise<void> {
  const storage = await openSqliteStorage({ file: join(dataDir, DATABASE_FILE), synchronous: 'NORMAL' });
  try {
    const doc = new Y.Doc();
    writeHostilePersona(doc);
    await storage.createPersona(indexEntryOf(HOSTILE_ID, doc, new Date()), Y.encodeStateAsUpdate(doc));
    doc.destroy();
  } finally {
    await storage.close();
  }
}

export const pdfHostile: Scenario = {
  name: 'pdf-hostile',
  title: 'Publishing: PDF export of a normal persona while a hostile one renders',
  describe(quick) {
    const { normalRuns } = load(quick);
    return (
      `Two personas written into a fresh SQLite file before the server starts: a full one (as in pdf-render) and a ` +
      `hostile one, with ${HOSTILE.levels} nested bullet lists in each of the seven sections and a ` +
      `${HOSTILE.fieldBytes / 1024 / 1024} MB profile field (what stalled and then broke PDF export before issue 14). ` +
      `A request for the hostile persona's draft PDF is kept in flight the whole time (a new one as soon as the last ` +
      `is answered) while the normal persona's draft PDF is fetched ${normalRuns} times one after another, after one ` +
      `untimed warm-up. Time is the HTTP round trip until the last byte. Target: the normal PDF within ${TARGET_MS} ms, ` +
      `or answered (PDF or 503) within ${ANSWERED_WITHIN_MS} ms.`
    );
  },
  servers: ['project'],
  rows: [
    { key: 'normalP50', label: 'normal PDF, during hostile renders: p50 (ms)', digits: 0 },
    { key: 'normalP95', label: 'normal PDF, during hostile renders: p95 (ms)', digits: 0 },
    { key: 'normalMax', label: 'normal PDF, during hostile renders: max (ms)', digits: 0 },
    { key: 'normalRefused', label: 'normal PDF answered 503', digits: 0 },
    { key: 'hostileP50', label: 'hostile PDF: p50 (ms)', digits: 0 },
    { key: 'hostileRenders', label: 'hostile PDFs answered during the run', digits: 0 },
    { key: 'hostileFailed', label: 'hostile PDFs not rendered (503)', digits: 0 },
  ],

  async run(kind, ctx) {
    const { normalRuns } = load(ctx.quick);
    const dataDir = makeDataDir('pdf-hostile');
    let server: ServerProcess | null = null;
    try {
      const [id] = await seedPersonas(dataDir, 1, SIZE);
      await seedHostile(dataDir);
      const started = await startServer(kind, { dataDir, logName: `${kind}-pdf-hostile` });
      server = started;
      const token = started.params['token'];
      if (token === undefined || id === undefined) throw new Error('pdf-hostile needs the project server, which issues tokens');
      const fetchPdf = async (persona: string) => {
        const t0 = performance.now();
        const response = await fetch(`${started.httpUrl}/api/personas/${persona}/export.pdf?lang=es`, { headers: { authorization: `Bearer ${token}` } });
        await response.arrayBuffer();
        return { ms: performance.now() - t0, status: response.status };
      };
      const normalUrl = `${started.httpUrl}/api/personas/${id}/export.pdf?lang=es`;
      await timedFetch(normalUrl, token);

      let running = true;
      const hostile: { ms: number; status: number }[] = [];
      const keepHostileBusy = (async () => {
        while (running) hostile.push(await fetchPdf(HOSTILE_ID));
      })();
      const normal: number[] = [];
      let normalRefused = 0;
      for (let run = 0; run < normalRuns; run++) {
        const { ms, status } = await fetchPdf(id);
        normal.push(ms);
        if (status === 503) normalRefused++;
        else if (status !== 200) throw new Error(`the normal PDF answered ${status}`);
      }
      running = false;
      await keepHostileBusy;
      const rendered = hostile.filter((h) => h.status === 200).map((h) => h.ms);
      ctx.log(`${kind}: normal p95 ${fmt(percentile(normal, 95), 0)} ms; ${hostile.length} hostile answers, ${rendered.length} rendered`);
      return {
        figures: {
          normalP50: percentile(normal, 50),
          normalP95: percentile(normal, 95),
          normalMax: percentile(normal, 100),
          normalRefused,
          hostileP50: rendered.length > 0 ? percentile(rendered, 50) : null,
          hostileRenders: hostile.length,
          hostileFailed: hostile.filter((h) => h.status === 503).length,
        },
        notes: [`normal PDF during hostile renders (ms): ${normal.map((ms) => fmt(ms, 0)).join(', ')}`],
      };
    } finally {
      await server?.stop();
      removeDataDir(dataDir);
    }
  },

  targets(project) {
    const [p95, max] = [num(project, 'normalP95'), num(project, 'normalMax')];
    return [
      {
        description: `issue 14: a normal PDF while a hostile one renders ≤ ${TARGET_MS} ms (p95), or answered within ${ANSWERED_WITHIN_MS} ms`,
        met: p95 === null || max === null ? null : p95 <= TARGET_MS || max <= ANSWERED_WITHIN_MS,
        detail: `p95 ${fmt(p95, 0)} ms, max ${fmt(max, 0)} ms, ${fmt(num(project, 'normalRefused'), 0)} answered 503`,
      },
    ];
  },
};
