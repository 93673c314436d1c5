// Issue 14 items 1 and 2: the PDF renderer's limits hold whatever the content and whoever asks.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { quietLogger } from '../../helpers/server.ts';
import { buildPdfLayout } from '../../../server/pdf/layout.ts';
import { PRINT_LIMITS, printableSnapshot, printCost } from '../../../server/pdf/printable.ts';
import { createPdfRenderer, PdfUnavailableError, type PdfRenderer, type PdfRendererOptions } from '../../../server/pdf/renderThread.ts';
import { SECTION_KEYS } from '../../../shared/persona/schema.ts';
import type { PersonaSnapshot, RichTextNode } from '../../../shared/persona/types.ts';
import type { PdfBlock, PdfMeta } from '../../../server/pdf/layoutModel.ts';

const emptySections = () => Object.fromEntries(SECTION_KEYS.map((key) => [key, { type: 'doc', content: [] }])) as unknown as PersonaSnapshot['sections'];
const snapshot = (name: string, sections = emptySections()): PersonaSnapshot => ({
  profile: { name, role: 'Directora financiera', segment: 'Logística', companySize: '', location: '', avatar: '', createdAt: '' },
  sections,
  evidence: [],
  signoff: {},
});
const draft = { kind: 'draft', exportedAt: '2026-11-24T10:00:00.000Z' } as const;
/** A meta the layout cannot read (a name that is not text): the worker reports a failed render. */
const broken = { kind: 'version', version: 1, publishedAt: '2026-11-24T10:00:00.000Z', publishedBy: { name: 42 }, note: '' } as unknown as PdfMeta;

/** `levels` bullet lists, each in the item of the one before (what pressing Tab makes). */
export function nestedLists(levels: number): RichTextNode {
  let node: RichTextNode | null = null;
  for (let level = levels; level >= 1; level--) {
    const paragraph: RichTextNode = { type: 'paragraph', content: [{ type: 'text', text: `level ${level}` }] };
    node = { type: 'bulletList', content: [{ type: 'listItem', content: node ? [paragraph, node] : [paragraph] }] };
  }
  if (!node) throw new Error('at least one level');
  return node;
}

function listDepth(blocks: readonly PdfBlock[]): number {
  let deepest = 0;
  for (const block of blocks) {
    if (block.type === 'list') for (const item of block.items) deepest = Math.max(deepest, 1 + listDepth(item.blocks));
    if (block.type === 'quote') deepest = Math.max(deepest, listDepth(block.blocks));
  }
  return deepest;
}

let renderer: PdfRenderer | null = null;
const start = (options: PdfRendererOptions = {}) => (renderer = createPdfRenderer(quietLogger(), options));
afterEach(async () => {
  await renderer?.close();
  renderer = null;
});

describe('[issue 14.1] content is made printable before layout', () => {
  it('flattens lists nested past six levels, keeping every line of text', () => {
    const sections = emptySections();
    sections.goals = { type: 'doc', content: [nestedLists(2000)] };
    const layout = buildPdfLayout(snapshot('Ana', sections), draft, 'en');
    const goals = layout.sections.find((section) => section.key === 'goals');
    expect(listDepth(goals?.blocks ?? [])).toBe(PRINT_LIMITS.nestingLevels);
    const text = JSON.stringify(goals?.blocks);
    expect(text).toContain('"level 1"');
    expect(text).toContain('"level 7"');
  });

  it('bounds long text with an ellipsis and says the section was cut, in the PDF language', () => {
    const sections = emptySections();
    sections.pains = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'dolor '.repeat(700_000) }] }] };
    const long = { ...snapshot('Ana', sections), profile: { ...snapshot('Ana').profile, role: 'x'.repeat(4_000_000) } };
    const layout = buildPdfLayout(long, draft, 'es');
    const pains = JSON.stringify(layout.sections.find((section) => section.key === 'pains')?.blocks);
    expect(pains.length).toBeLessThan(PRINT_LIMITS.sectionChars + 1_000);
    expect(pains).toContain('…');
    expect(pains).toContain('demasiado largo para imprimirlo');
    expect(layout.header.role.length).toBeLessThanOrEqual(PRINT_LIMITS.profileChars + 1);
  });

  it('bounds the number of blocks across the whole persona and is idempotent', () => {
    const sections = emptySections();
    for (const key of SECTION_KEYS) {
      sections[key] = { type: 'doc', content: Array.from({ length: 5_000 }, (_, i) => ({ type: 'paragraph', content: [{ type: 'text', text: `p${i}` }] })) };
    }
    const printable = printableSnapshot(snapshot('Ana', sections));
    const blocks = SECTION_KEYS.reduce((sum, key) => sum + printable.sections[key].content.length, 0);
    expect(blocks).toBeLessThanOrEqual(PRINT_LIMITS.totalBlocks + SECTION_KEYS.length);
    expect(printableSnapshot(printable)).toEqual(printable);
  });
});

describe('[issue 14.1] the renderer: time limit, bounded queue, joined requests, failures cached', () => {
  it('stops a render past its time limit, retires that worker, and refuses the same key for a while', async () => {
    // One worker: its first render has time to load the renderer, the next one 1 ms.
    const pdf = start({ timeoutMs: 1, workers: 1 });
    await pdf.render('warm', snapshot('Ana'), draft, 'en');
    const first = pdf.render('slow', snapshot('Ana'), draft, 'en');
    await expect(first).rejects.toBeInstanceOf(PdfUnavailableError);
    await expect(first).rejects.toThrow(/longer than/);
    expect(pdf.threads()).toEqual([]);
    const again = pdf.render('slow', snapshot('Ana'), draft, 'en');
    // Refused from the cache: no worker was started for it.
    expect(pdf.threads()).toEqual([]);
    await expect(again).rejects.toThrow(/longer than/);
    const error = await again.catch((caught: unknown) => caught);
    expect(error instanceof PdfUnavailableError && error.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('refuses a key that just failed, or joins one that renders, without reading the document again', async () => {
    const pdf = start({ timeoutMs: 1, workers: 1 });
    await pdf.render('warm', snapshot('Ana'), draft, 'en');
    const read = vi.fn(() => Promise.resolve(snapshot('Hostile')));
    const first = pdf.render('hostile', read, draft, 'en');
    const joined = pdf.render('hostile', read, draft, 'en');
    await expect(first).rejects.toThrow(/longer than/);
    await expect(joined).rejects.toThrow(/longer than/);
    await expect(pdf.render('hostile', read, draft, 'en')).rejects.toBeInstanceOf(PdfUnavailableError);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('joins identical requests into one render', async () => {
    const pdf = start();
    const a = pdf.render('same', snapshot('Ana'), draft, 'en');
    const b = pdf.render('same', snapshot('Ana'), draft, 'en');
    expect(b).toBe(a);
    expect((await a).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('answers busy with a Retry-After when the queue is full', async () => {
    const pdf = start({ workers: 1, maxQueue: 1 });
    const running = pdf.render('a', snapshot('Ana'), draft, 'en');
    const queued = pdf.render('b', snapshot('Ben'), draft, 'en');
    const refused = await pdf.render('c', snapshot('Cai'), draft, 'en').catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(PdfUnavailableError);
    expect(refused instanceof PdfUnavailableError && refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await Promise.all([running, queued]);
  });

  it('answers a normal print busy at once when it would wait past maxWaitMs', async () => {
    const pdf = start({ workers: 1, maxWaitMs: 0 });
    const running = pdf.render('a', snapshot('Ana'), draft, 'en');
    // Read, then refused: the only worker is about to be busy with "a".
    const refused = await pdf.render('b', snapshot('Ben'), draft, 'en').catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(PdfUnavailableError);
    expect(refused instanceof PdfUnavailableError && refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await running;
  });

  it('[issue 14.1] keeps heavy prints in the slow lane: a normal one never waits behind them', async () => {
    const pdf = start({ workers: 2, timeoutMs: 120_000 });
    const heavy = (name: string) => snapshot(name, { ...emptySections(), goals: { type: 'doc', content: [nestedLists(750)] } });
    expect(printCost(printableSnapshot(heavy('A'))).heavy).toBe(true);
    expect(printCost(printableSnapshot(snapshot('N'))).heavy).toBe(false);
    const finished: string[] = [];
    const track = (name: string, rendering: Promise<Buffer>) => rendering.then(() => finished.push(name));
    // Two heavy prints would take both workers; the second waits for the slow lane instead.
    await Promise.all([
      track('heavy 1', pdf.render('h1', heavy('A'), draft, 'en')),
      track('heavy 2', pdf.render('h2', heavy('B'), draft, 'en')),
      track('normal', pdf.render('n', snapshot('N'), draft, 'en')),
    ]);
    expect(finished.indexOf('normal')).toBeLessThan(finished.indexOf('heavy 2'));
  }, 120_000);

  it('reads a heavy print once while it is asked for again and again', async () => {
    const pdf = start({ workers: 2, timeoutMs: 120_000 });
    const read = vi.fn(() => Promise.resolve(snapshot('Deep', { ...emptySections(), goals: { type: 'doc', content: [nestedLists(750)] } })));
    await pdf.render('deep', read, draft, 'en');
    await pdf.render('deep', read, draft, 'en');
    expect(read).toHaveBeenCalledTimes(1);
  }, 120_000);

  it('[issue 14.2] never lets a worker that failed a render serve again', async () => {
    const pdf = start({ workers: 1 });
    await pdf.render('warm', snapshot('Ana'), draft, 'en');
    const [before] = pdf.threads();
    await expect(pdf.render('broken', snapshot('Ana'), broken, 'en')).rejects.toBeInstanceOf(PdfUnavailableError);
    expect(pdf.threads()).not.toContain(before);
    expect((await pdf.render('next', snapshot('Ben'), draft, 'en')).length).toBeGreaterThan(1000);
    expect(pdf.threads()).not.toContain(before);
  });

  it('[issue 14.2] renders 2,000 nested lists and a 4 MB field, and serves the next persona', async () => {
    // A roomy time limit: this proves the content renders at all; the bench measures how fast.
    const pdf = start({ timeoutMs: 120_000 });
    const sections = emptySections();
    for (const key of SECTION_KEYS) sections[key] = { type: 'doc', content: [nestedLists(key === 'goals' ? 2000 : 750)] };
    const hostile = { ...snapshot('Ana', sections), profile: { ...snapshot('Ana').profile, location: 'y'.repeat(4_000_000) } };
    expect((await pdf.render('hostile', hostile, draft, 'en')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await pdf.render('normal', snapshot('Ben'), draft, 'en')).length).toBeGreaterThan(1000);
  }, 120_000);
});
