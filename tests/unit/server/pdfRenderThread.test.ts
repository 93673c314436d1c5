import { afterEach, describe, expect, it } from 'vitest';
import { quietLogger } from '../../helpers/server.ts';
import { createPdfRenderer, type PdfRenderer } from '../../../server/pdf/renderThread.ts';
import { SECTION_KEYS } from '../../../shared/persona/schema.ts';
import type { PersonaSnapshot } from '../../../shared/persona/types.ts';

const snapshot = (name: string): PersonaSnapshot => ({
  profile: { name, role: 'Directora financiera', segment: 'Logística', companySize: '', location: '', avatar: '', createdAt: '' },
  sections: Object.fromEntries(SECTION_KEYS.map((key) => [key, { type: 'doc', content: [] }])) as unknown as PersonaSnapshot['sections'],
  evidence: [],
  signoff: {},
});
const draft = { kind: 'draft', exportedAt: '2026-11-24T10:00:00.000Z' } as const;

let renderer: PdfRenderer | null = null;
afterEach(async () => {
  await renderer?.close();
  renderer = null;
});

describe('the PDF renderer thread', () => {
  it('renders requests in its worker and answers each with its own PDF', async () => {
    renderer = createPdfRenderer(quietLogger());
    const [a, b] = await Promise.all([renderer.render('a', snapshot('Ana'), draft, 'es'), renderer.render('b', snapshot('Ben'), draft, 'en')]);
    for (const pdf of [a, b]) expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const title = async (pdf: Buffer) => ((await (await getDocument({ data: new Uint8Array(pdf) }).promise).getMetadata()).info as { Title: string }).Title;
    expect(await title(a)).toContain('Ana');
    expect(await title(b)).toContain('Ben');
  });

  it('fails what is pending when it is closed, and a new renderer works again', async () => {
    renderer = createPdfRenderer(quietLogger());
    const failed = expect(renderer.render('a', snapshot('Ana'), draft, 'es')).rejects.toThrow(/shutting down/);
    await renderer.close();
    await failed;
    renderer = createPdfRenderer(quietLogger());
    expect((await renderer.render('a', snapshot('Ana'), draft, 'es')).length).toBeGreaterThan(1000);
  });
});
