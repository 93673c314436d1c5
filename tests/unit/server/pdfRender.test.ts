import { beforeAll, describe, expect, it } from 'vitest';
import { toDrawable } from '../../../server/pdf/fonts.ts';
import { buildPdfLayout } from '../../../server/pdf/layout.ts';
import { renderPersonaPdf } from '../../../server/pdf/renderPdf.ts';
import { EN_DRAFT_META, EN_PERSONA, ES_PERSONA, ES_VERSION_META, doc, p, withLongSection } from './pdfFixtures.ts';

interface ReadPdf {
  /** Each page's text: pdf.js's items joined with '', whitespace normalised. */
  pages: string[];
  views: number[][];
  info: Record<string, unknown>;
  /** The titles of the PDF's outline (bookmarks). */
  outline: string[];
}

async function readPdf(buffer: Buffer): Promise<ReadPdf> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(buffer), verbosity: 0 }).promise;
  const pages: string[] = [];
  const views: number[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join('');
    pages.push(text.replace(/\s+/g, ' ').trim());
    views.push([...page.view]);
  }
  const { info } = await pdf.getMetadata();
  const outline = ((await pdf.getOutline()) ?? []).map((entry) => entry.title);
  await pdf.destroy();
  return { pages, views, info: info as Record<string, unknown>, outline };
}

const esLayout = buildPdfLayout(ES_PERSONA, ES_VERSION_META, 'es');

describe('renderPersonaPdf', () => {
  let spanish: Buffer;
  let read: ReadPdf;
  let all: string;

  beforeAll(async () => {
    spanish = await renderPersonaPdf(esLayout);
    read = await readPdf(spanish);
    all = read.pages.join(' ');
  });

  it('makes an A4 PDF', () => {
    expect(spanish.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(read.pages.length).toBeGreaterThanOrEqual(2);
    for (const view of read.views) {
      expect(view[0]).toBe(0);
      expect(view[1]).toBe(0);
      expect(view[2]).toBeCloseTo(595.28, 1);
      expect(view[3]).toBeCloseTo(841.89, 1);
    }
  });

  it('sets the title, author and language, and an outline of the sections', () => {
    expect(read.info).toMatchObject({ Title: 'María Peñalver · Buyer persona · Versión 2', Author: 'Tandem', Language: 'es-ES' });
    expect(read.outline).toEqual([
      'Resumen',
      'Objetivos',
      'Problemas y retos',
      'Objeciones',
      'Proceso de compra',
      'Canales',
      'Mensajes',
      'Resumen de la evidencia',
    ]);
  });

  it('has the persona’s text as real text, accents, ñ, ü, ¿ and ¡ intact', () => {
    for (const expected of [
      'María Peñalver',
      'Directora financiera · Distribución mayorista',
      'Tamaño de empresa: 200–500 empleados',
      '¿Quién decide la compra?',
      '¡Su prioridad este año es ver la tesorería de un vistazo, cada lunes!',
      'La señal de compra más clara',
      '«No quiero ser el pingüino que salta primero al agua»',
      'Suscripciones de software que nadie revisa',
      'Cierra el mes en 3 días, no en 6',
    ]) {
      expect(all).toContain(expected);
    }
    expect(all).not.toContain('\ufffd');
  });

  it('shows the version, who published it, and the note', () => {
    expect(read.pages[0]).toContain('Versión 2 publicada el 24 nov 2026 por Ana Beltrán (Marketing)');
    expect(read.pages[0]).toContain('NOTA DE LA VERSIÓN');
    expect(read.pages[0]).toContain('Revisada tras el taller de noviembre: añadimos las objeciones de ventas sobre la integración con el ERP.');
  });

  it('shows sections with their sign-off and alignment, and claims with their references', () => {
    for (const label of ['Resumen', 'Objetivos', 'Problemas y retos', 'Objeciones', 'Proceso de compra', 'Canales', 'Mensajes']) {
      expect(all).toContain(label);
    }
    expect(all).toContain('MARKETING Aprobado por Lucía Fernández, 20 nov 2026');
    expect(all).toContain('VENTAS Aprobado por Javier Muñoz, 21 nov 2026');
    expect(all).toContain('Modificada después de que Lucía Fernández la aprobara (12 nov 2026)');
    expect(all).toContain('Pendiente de aprobación');
    expect(all).toContain('1 de 7 secciones aprobadas por ambas partes');
    expect(all).toContain('Faltan datos · 0 de marketing · 2 de ventas');
    expect(all).toContain('Cerrar el mes en tres días [M1, V1]');
    expect(all).toContain('Recomendaciones de otras directoras financieras [M2, V5]');
    expect(all).toContain('Un piloto mal planteado le hizo perder la confianza de tesorería [V4].');
    // The claim whose only evidence was deleted has no reference.
    expect(all).toMatch(/Cada auditoría le cuesta dos semanas reuniendo justificantes(?! \[)/);
  });

  it('ends with the evidence summary per side, with each item’s reference', () => {
    const last = read.pages.at(-1) ?? '';
    expect(last).toContain('Resumen de la evidencia');
    expect(last).toContain('Datos de marketing 4 elementos');
    expect(last).toContain('Anécdotas de ventas 5 elementos');
    expect(last).toContain('M1 Las directoras financieras del segmento dedican de media 6 días al cierre contable de cada mes.');
    expect(last).toContain('Métrica · Fuente: Encuesta anual de clientes 2026 (n = 412) · Lucía Fernández · 14 sept 2026');
    expect(last).toContain('Respalda: Problemas y retos · Citado en: Resumen, Objetivos, Problemas y retos');
    expect(last).toContain('V3 «No quiero ser el pingüino que salta primero al agua»');
    expect(last).toContain('V5 La señal de compra más clara: pide hablar con otra directora financiera del sector.');
    expect(last.indexOf('Datos de marketing')).toBeLessThan(last.indexOf('Anécdotas de ventas'));
  });

  it('puts the footer, with page X of Y, on every page', () => {
    const total = read.pages.length;
    read.pages.forEach((page, i) => {
      expect(page).toContain('María Peñalver · Versión 2 · 24 nov 2026');
      expect(page).toContain(`Página ${i + 1} de ${total}`);
    });
  });

  it('renders the same document again, from the fonts it registered once', async () => {
    const again = await readPdf(await renderPersonaPdf(esLayout));
    expect(again.pages).toEqual(read.pages);
  });

  it('breaks a long section across pages, losing and repeating nothing, footer on every page', async () => {
    const long = await readPdf(await renderPersonaPdf(buildPdfLayout(withLongSection(ES_PERSONA, 'pains', 40), ES_VERSION_META, 'es')));
    expect(long.pages.length).toBeGreaterThanOrEqual(read.pages.length + 2);
    const total = long.pages.length;
    long.pages.forEach((page, i) => {
      expect(page).toContain('María Peñalver · Versión 2 · 24 nov 2026');
      expect(page).toContain(`Página ${i + 1} de ${total}`);
    });
    const text = long.pages.join(' ');
    for (let n = 1; n <= 40; n++) {
      expect(text.split(`Párrafo ${n}: `).length - 1, `paragraph ${n}`).toBe(1);
    }
    expect(text.split('Punto 40.6 de la lista').length - 1).toBe(1);
    // The section's heading comes before its first paragraph, and the next section after its last.
    const heading = text.indexOf('Problemas y retos Falta validación de ventas');
    const next = text.indexOf('Objeciones Faltan datos');
    expect(heading).toBeGreaterThan(-1);
    expect(heading).toBeLessThan(text.indexOf('Párrafo 1: '));
    expect(next).toBeGreaterThan(text.indexOf('Párrafo 40: '));
  });

  it('renders English, a draft and an empty section', async () => {
    const english = await readPdf(await renderPersonaPdf(buildPdfLayout(EN_PERSONA, EN_DRAFT_META, 'en')));
    const text = english.pages.join(' ');
    expect(english.info).toMatchObject({ Title: 'Alex Morgan · Buyer persona · Draft', Language: 'en-GB' });
    expect(text).toContain('Draft exported 12 Mar 2026, 14:05 UTC');
    expect(text).toContain('Cut onboarding time for new depots in half [M1, S1]');
    expect(text).toContain('Not started');
    expect(text).toContain('Marketing data 1 item');
    expect(text).toContain('S2 Previous tool failed on adoption, not on features.');
    expect(english.pages[0]).toContain(`Page 1 of ${english.pages.length}`);
    expect(english.pages[0]).toContain('Alex Morgan · Draft · 12 Mar 2026');
  });

  it('leaves out what the fonts cannot draw instead of drawing wrong glyphs', async () => {
    expect(toDrawable('¡Lanzamos! 🚀 Ya 👩‍💼 está')).toBe('¡Lanzamos! Ya está');
    expect(toDrawable('ERP → bancos ≥ 3')).toBe('ERP -> bancos >= 3');
    expect(toDrawable('Łódź, Иван, Ελένη, © ™ €')).toBe('Łódź, Иван, Ελένη, © ™ €');
    expect(toDrawable('漢字')).toBe('\ufffd\ufffd');
    // Decomposed accents are composed, so they are drawn and found as one letter.
    expect(toDrawable('pingu\u0308ino')).toBe('pingüino');
    const snapshot = { ...EN_PERSONA, sections: { ...EN_PERSONA.sections, summary: doc(p('Launch 🚀 day → Monday')) } };
    const read = await readPdf(await renderPersonaPdf(buildPdfLayout(snapshot, EN_DRAFT_META, 'en')));
    expect(read.pages.join(' ')).toContain('Launch day -> Monday');
  });
});
