// Publishing 1: how long the server takes to render a full persona as a PDF.
import { makeDataDir, removeDataDir } from '../lib/dataDirs.ts';
import { seedPersonas, timedFetch } from '../lib/seedStore.ts';
import type { ServerProcess } from '../lib/servers.ts';
import { startServer } from '../lib/servers.ts';
import { percentile } from '../lib/stats.ts';
import type { Scenario } from './scenario.ts';
import { fmt, num } from './scenario.ts';

const TARGET_MS = 300;
/** A full persona: every section with a heading, paragraphs and a list of claims; evidence on both sides. */
const SIZE = { paragraphs: 4, listItems: 6, evidencePerSide: 15 };
const load = (quick: boolean) => ({ warmRuns: quick ? 10 : 40 });
/** Renders done after the cold one and before timing, so that the JIT has compiled the hot paths. */
const WARM_UP_RUNS = 5;

export const pdfRender: Scenario = {
  name: 'pdf-render',
  title: 'Publishing: PDF export of a full persona',
  describe(quick) {
    const { warmRuns } = load(quick);
    return (
      `One persona written into a fresh SQLite file before the server starts: a profile, ${SIZE.evidencePerSide} ` +
      `evidence items per side, and in each of the seven sections a heading, ${SIZE.paragraphs} paragraphs with bold ` +
      `and italic, and a list of ${SIZE.listItems} claims linked to evidence of both sides. It is published once ` +
      '(`POST /api/personas/:id/publish`). Its draft PDF (`GET /api/personas/:id/export.pdf?lang=es`, rendered afresh ' +
      `on every request) is fetched once cold (the first render loads the fonts), ${WARM_UP_RUNS} more times untimed ` +
      `(warm-up), then ${warmRuns} times one after another (warm). Time is the HTTP round trip from the bench ` +
      'process until the last byte of the PDF: reading ' +
      'the document, the layout model, the render and the transfer. The published version\'s PDF ' +
      '(`GET /api/library/:id/export.pdf?version=1&lang=es`) is timed too: rendered on the first request, then ' +
      'served from the server\'s cache of version PDFs (a version never changes).'
    );
  },
  servers: ['project'],
  rows: [
    { key: 'coldMs', label: 'first render, cold (ms)', digits: 0 },
    { key: 'warmP50', label: 'render, warm: p50 (ms)', digits: 0 },
    { key: 'warmP95', label: 'render, warm: p95 (ms)', digits: 0 },
    { key: 'warmMax', label: 'render, warm: max (ms)', digits: 0 },
    { key: 'versionFirstMs', label: 'published version, first request (ms)', digits: 0 },
    { key: 'versionCachedP50', label: 'published version, cached: p50 (ms)', digits: 0 },
    { key: 'pages', label: 'pages', digits: 0 },
    { key: 'pdfKB', label: 'PDF size (kB)', digits: 1 },
  ],

  async run(kind, ctx) {
    const { warmRuns } = load(ctx.quick);
    const dataDir = makeDataDir('pdf-render');
    let server: ServerProcess | null = null;
    try {
      const [id] = await seedPersonas(dataDir, 1, SIZE);
      server = await startServer(kind, { dataDir, logName: `${kind}-pdf-render` });
      const token = server.params['token'];
      if (token === undefined || id === undefined) throw new Error('pdf-render needs the project server, which issues tokens');
      await timedFetch(`${server.httpUrl}/api/personas/${id}/publish`, token, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ note: 'Bench' }),
      });
      const draftUrl = `${server.httpUrl}/api/personas/${id}/export.pdf?lang=es`;
      const cold = await timedFetch(draftUrl, token);
      const pdf = new TextDecoder('latin1').decode(cold.body);
      const pages = pdf.match(/\/Type\s*\/Page\b(?!s)/g)?.length ?? null;
      ctx.log(`${kind}: cold render ${cold.ms.toFixed(0)} ms, ${pages ?? '?'} pages, ${(cold.body.byteLength / 1000).toFixed(1)} kB`);
      for (let run = 0; run < WARM_UP_RUNS; run++) await timedFetch(draftUrl, token);
      const warm: number[] = [];
      for (let run = 0; run < warmRuns; run++) warm.push((await timedFetch(draftUrl, token)).ms);
      const versionUrl = `${server.httpUrl}/api/library/${id}/export.pdf?version=1&lang=es`;
      const versionFirst = await timedFetch(versionUrl, token);
      const cached: number[] = [];
      for (let run = 0; run < warmRuns; run++) cached.push((await timedFetch(versionUrl, token)).ms);
      return {
        figures: {
          coldMs: cold.ms,
          warmP50: percentile(warm, 50),
          warmP95: percentile(warm, 95),
          warmMax: percentile(warm, 100),
          versionFirstMs: versionFirst.ms,
          versionCachedP50: percentile(cached, 50),
          pages,
          pdfKB: cold.body.byteLength / 1000,
        },
        notes: [`PDF export, warm runs (ms): ${warm.map((ms) => fmt(ms, 0)).join(', ')}`],
      };
    } finally {
      await server?.stop();
      removeDataDir(dataDir);
    }
  },

  targets(project) {
    const [p50, p95] = [num(project, 'warmP50'), num(project, 'warmP95')];
    return [
      {
        description: `publishing: PDF of a full persona ≤ ${TARGET_MS} ms warm (p95 of the HTTP round trip)`,
        met: p95 === null ? null : p95 <= TARGET_MS,
        detail: `p50 ${fmt(p50, 0)} ms, p95 ${fmt(p95, 0)} ms, ${fmt(num(project, 'pages'), 0)} pages`,
      },
    ];
  },
};
