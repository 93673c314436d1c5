// `npx tsx bench/micro/pdfStages.ts [runs]`: where a PDF export's time goes, stage by stage, for the
// bench's full persona and its hostile one (pdf-hostile), in one process: the server thread's part
// (state, key hash, document read, printable bound, the copy to a worker) and the worker's (layout
// model, react-pdf layout and render, page numbers). Medians over `runs` warm repetitions.
import { createHash } from 'node:crypto';
import { renderToBuffer } from '@react-pdf/renderer';
import * as Y from 'yjs';
import { personaDocument } from '../../server/pdf/document.ts';
import { registerPdfFonts } from '../../server/pdf/fonts.ts';
import { buildPdfLayout } from '../../server/pdf/layout.ts';
import { printableSnapshot } from '../../server/pdf/printable.ts';
import { numberPages } from '../../server/pdf/renderPdf.ts';
import { readPersonaSnapshot } from '../../shared/persona/snapshot.ts';
import { writeFullPersona } from '../lib/personaContent.ts';
import { writeHostilePersona } from '../lib/hostilePersona.ts';
import { percentile } from '../lib/stats.ts';

const runs = Number(process.argv[2] ?? 10);

async function stages(state: Uint8Array): Promise<Record<string, number>> {
  const times: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    times[name] = now - t;
    t = now;
  };
  createHash('sha256').update(state).digest('base64');
  lap('hash');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  lap('apply');
  const { snapshot } = readPersonaSnapshot(doc);
  doc.destroy();
  lap('read');
  const printable = printableSnapshot(snapshot);
  lap('printable');
  const copied = structuredClone(printable);
  lap('copy');
  const layout = buildPdfLayout(copied, { kind: 'draft', exportedAt: new Date().toISOString() }, 'es');
  lap('layoutModel');
  const element = personaDocument(layout);
  lap('element');
  const pdf = await renderToBuffer(element);
  lap('reactPdf');
  await numberPages(pdf, layout.footer.pageTemplate);
  lap('pageNumbers');
  return times;
}

registerPdfFonts();
for (const [name, write] of [
  ['full', (doc: Y.Doc) => writeFullPersona(doc, 0, { paragraphs: 4, listItems: 6, evidencePerSide: 15 })],
  ['hostile', writeHostilePersona],
] as const) {
  const doc = new Y.Doc();
  write(doc);
  const state = Y.encodeStateAsUpdate(doc);
  const all: Record<string, number>[] = [];
  for (let i = 0; i < runs + 2; i++) all.push(await stages(state));
  const warm = all.slice(2);
  const row = Object.keys(warm[0] ?? {}).map((stage) => `${stage} ${(percentile(warm.map((w) => w[stage] ?? 0), 50) ?? NaN).toFixed(1)}`);
  const total = percentile(warm.map((w) => Object.values(w).reduce((a, b) => a + b, 0)), 50) ?? NaN;
  process.stdout.write(`${name} (${(state.byteLength / 1024).toFixed(0)} kB state): ${row.join(', ')}; total ${total.toFixed(0)} ms\n`);
}
