import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Authorship } from '../../../server/collab/authorship.ts';
import { buildPdfLayout, initialsOf } from '../../../server/pdf/layout.ts';
import { linkedIdsInContent } from '../../../shared/persona/claims.ts';
import type { PdfBlock, PdfInline, PdfLayout, PdfRef, PdfSection } from '../../../server/pdf/layoutModel.ts';
import { PDF_STRINGS, formatDate, formatDateTime, pdfStringsEn } from '../../../server/pdf/strings.ts';
import { evidenceNumbers } from '../../../shared/persona/references.ts';
import { SECTION_KEYS, getSection, getSignoff } from '../../../shared/persona/schema.ts';
import { signoffToYjs } from '../../../shared/persona/converters.ts';
import { fragmentToJSON, writeFragmentFromJSON } from '../../../shared/persona/richText.ts';
import { readPersonaSnapshot } from '../../../shared/persona/snapshot.ts';
import type { SectionKey } from '../../../shared/persona/types.ts';
import {
  EN_DRAFT_META,
  EN_PERSONA,
  ES_PERSONA,
  ES_VERSION_META,
  bold,
  br,
  claim,
  doc,
  li,
  p,
  text,
  ul,
} from './pdfFixtures.ts';

const es = (): PdfLayout => buildPdfLayout(ES_PERSONA, ES_VERSION_META, 'es');
const en = (): PdfLayout => buildPdfLayout(EN_PERSONA, EN_DRAFT_META, 'en');

function section(layout: PdfLayout, key: SectionKey): PdfSection {
  const found = layout.sections.find((s) => s.key === key);
  if (!found) throw new Error(`no section ${key}`);
  return found;
}

/** Every inline of the blocks, in reading order. */
function inlinesOf(blocks: readonly PdfBlock[]): PdfInline[] {
  return blocks.flatMap((block): PdfInline[] => {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        return block.inlines;
      case 'list':
        return block.items.flatMap((item) => inlinesOf(item.blocks));
      case 'quote':
        return inlinesOf(block.blocks);
      default:
        return [];
    }
  });
}

/** The text of the blocks with each claim's references written after it, as the PDF shows them. */
function textOf(blocks: readonly PdfBlock[]): string {
  return inlinesOf(blocks)
    .map((inline) => (inline.type === 'text' ? inline.text : ` [${inline.refs.map((ref) => ref.label).join(', ')}]`))
    .join('|');
}

function refsOf(blocks: readonly PdfBlock[]): PdfRef[][] {
  return inlinesOf(blocks).flatMap((inline) => (inline.type === 'refs' ? [inline.refs] : []));
}

describe('buildPdfLayout', () => {
  it('matches the committed snapshot, in Spanish and in English', () => {
    expect(es()).toMatchSnapshot('es, version 2');
    expect(en()).toMatchSnapshot('en, draft');
  });

  it('is plain JSON and the same every time', () => {
    const layout = es();
    expect(JSON.parse(JSON.stringify(layout))).toEqual(layout);
    expect(es()).toEqual(layout);
  });

  it('uses fixture content that reads back from Yjs unchanged, so its fingerprints are real ones', () => {
    const ydoc = new Y.Doc();
    for (const key of SECTION_KEYS) writeFragmentFromJSON(getSection(ydoc, key), ES_PERSONA.sections[key]);
    // Each side's sign-offs written by a member of that team, as the server records them (SPEC §6).
    const signers = { marketing: 101, sales: 102 } as const;
    for (const [key, value] of Object.entries(ES_PERSONA.signoff)) {
      ydoc.clientID = key.endsWith(':sales') ? signers.sales : signers.marketing;
      getSignoff(ydoc).set(key, signoffToYjs(value));
    }
    const authorship = new Authorship(ydoc);
    authorship.claim([signers.marketing], 'lucia', null);
    authorship.claim([signers.sales], 'javier', null);
    const directory = new Map([
      ['lucia', { name: 'Lucía Fernández', team: 'marketing' as const }],
      ['javier', { name: 'Javier Muñoz', team: 'sales' as const }],
    ]);
    for (const key of SECTION_KEYS) expect(fragmentToJSON(getSection(ydoc, key)), key).toEqual(ES_PERSONA.sections[key]);
    const fromDoc = readPersonaSnapshot(ydoc, directory).snapshot;
    const layout = buildPdfLayout({ ...fromDoc, profile: ES_PERSONA.profile, evidence: ES_PERSONA.evidence }, ES_VERSION_META, 'es');
    expect(layout.sections.map((s) => s.signoff.status)).toEqual(es().sections.map((s) => s.signoff.status));
  });

  it('numbers evidence as evidenceNumbers does: M and V in Spanish, M and S in English', () => {
    const numbers = evidenceNumbers(ES_PERSONA.evidence);
    const layout = es();
    const entries = layout.evidence.groups.flatMap((group) => group.items);
    expect(entries).toHaveLength(ES_PERSONA.evidence.length);
    for (const entry of entries) {
      const number = numbers.get(entry.id);
      expect(number, entry.id).toBeDefined();
      expect(entry.ref).toBe(`${number?.side === 'marketing' ? 'M' : 'V'}${number?.n}`);
      expect(entry.side).toBe(number?.side);
    }
    expect(layout.evidence.groups.map((group) => group.items.map((item) => item.ref))).toEqual([
      ['M1', 'M2', 'M3', 'M4'],
      ['V1', 'V2', 'V3', 'V4', 'V5'],
    ]);
    const english = en();
    expect(english.evidence.groups.map((group) => group.items.map((item) => item.ref))).toEqual([['M1'], ['S1', 'S2']]);
    expect(refsOf(section(english, 'goals').blocks)).toEqual([
      [
        { label: 'M1', side: 'marketing' },
        { label: 'S1', side: 'sales' },
      ],
    ]);
  });

  it('puts each claim’s references after it: marketing first, deleted items left out', () => {
    const layout = es();
    expect(textOf(section(layout, 'summary').blocks)).toBe(
      'María Peñalver| dirige las finanzas de una distribuidora de 250 personas. Hoy cierra el mes en seis días| [M1]| y quiere bajarlo a |tres| [M1]| sin contratar a nadie más.|¡Su prioridad este año es ver la tesorería de un vistazo, cada lunes!',
    );
    // ids ('sl-senal', 'mk-guia'): marketing first, whatever the order in the mark.
    expect(refsOf(section(layout, 'channels').blocks)).toEqual([
      [{ label: 'M2', side: 'marketing' }],
      [{ label: 'M4', side: 'marketing' }],
      [
        { label: 'M2', side: 'marketing' },
        { label: 'V5', side: 'sales' },
      ],
    ]);
    // A bold run inside a claim is part of that claim: one reference, after the whole claim.
    expect(textOf(section(layout, 'pains').blocks)).toContain('Concilia a mano en Excel: |seis días de cierre| [M1]');
  });

  it('gives no reference to a claim whose evidence was deleted, and keeps the ones that still exist', () => {
    const pains = section(es(), 'pains');
    const text = textOf(pains.blocks);
    expect(text).toContain('Cada auditoría le cuesta dos semanas reuniendo justificantes|Un piloto');
    expect(text).toContain('Un piloto mal planteado le hizo perder la confianza de tesorería| [V4]|.');
    expect(JSON.stringify(pains)).not.toContain('mk-borrado');
    // A list item backed only by a deleted item is an assumption.
    const list = pains.blocks[0];
    expect(list?.type).toBe('list');
    if (list?.type !== 'list') return;
    expect(list.items.map((item) => item.assumption ?? null)).toEqual([null, 'Suposición', 'Suposición']);
  });

  it('computes each side’s sign-off from the content: current, stale and missing', () => {
    const layout = es();
    const states = Object.fromEntries(
      layout.sections.map((s) => [s.key, [s.signoff.status, ...s.signoff.sides.map((side) => `${side.side}:${side.state}`)].join(' ')]),
    );
    expect(states).toEqual({
      summary: 'signed marketing:current sales:current',
      goals: 'stale marketing:stale sales:missing',
      pains: 'unsigned marketing:missing sales:missing',
      objections: 'partial marketing:missing sales:current',
      buyingProcess: 'unsigned marketing:missing sales:missing',
      channels: 'unsigned marketing:missing sales:missing',
      messaging: 'unsigned marketing:missing sales:missing',
    });
    expect(section(layout, 'summary').signoff.sides.map((side) => side.text)).toEqual([
      'Aprobado por Lucía Fernández, 20 nov 2026',
      'Aprobado por Javier Muñoz, 21 nov 2026',
    ]);
    expect(section(layout, 'goals').signoff).toMatchObject({
      statusLabel: 'Modificada tras la aprobación',
      sides: [
        { side: 'marketing', text: 'Modificada después de que Lucía Fernández la aprobara (12 nov 2026)' },
        { side: 'sales', text: 'Pendiente de aprobación' },
      ],
    });
    expect(layout.overview.lines).toEqual([
      '1 de 7 secciones aprobadas por ambas partes',
      '1 modificada tras la aprobación',
      'Evidencia: 4 datos de marketing, 5 anécdotas de ventas',
    ]);
    expect(layout.overview.rows.map((row) => [row.label, row.marketing.short, row.sales.short])).toContainEqual([
      'Objeciones',
      'Sin aprobar',
      'Aprobado: Javier Muñoz, 22 nov 2026',
    ]);
  });

  it('counts alignment from the sections the items name and from the claims’ links', () => {
    const layout = es();
    const alignment = Object.fromEntries(layout.sections.map((s) => [s.key, `${s.alignment.state} ${s.alignment.marketing}/${s.alignment.sales}`]));
    expect(alignment).toEqual({
      summary: 'needsSalesValidation 1/0',
      goals: 'both 1/1',
      pains: 'both 1/1',
      objections: 'needsData 0/2',
      buyingProcess: 'both 1/3',
      channels: 'both 2/1',
      messaging: 'unbacked 0/0',
    });
    expect(section(layout, 'objections').alignment).toMatchObject({ label: 'Faltan datos', counts: '0 de marketing · 2 de ventas' });
    expect([...linkedIdsInContent(ES_PERSONA.sections.pains)].sort()).toEqual(['mk-borrado', 'mk-cierre', 'sl-perdida']);
  });

  it('speaks Spanish in es and English in en', () => {
    const layout = es();
    expect(layout.sections.map((s) => s.label)).toEqual([
      'Resumen',
      'Objetivos',
      'Problemas y retos',
      'Objeciones',
      'Proceso de compra',
      'Canales',
      'Mensajes',
    ]);
    expect(layout.header.status).toEqual({
      kind: 'version',
      label: 'Versión 2',
      detail: 'publicada el 24 nov 2026 por Ana Beltrán (Marketing)',
      text: 'Versión 2 · publicada el 24 nov 2026 por Ana Beltrán (Marketing)',
    });
    expect(layout.header.note).toEqual({ label: 'Nota de la versión', text: ES_VERSION_META.kind === 'version' ? ES_VERSION_META.note : '' });
    expect(layout.header.details).toEqual([
      { label: 'Tamaño de empresa', value: '200–500 empleados' },
      { label: 'Ubicación', value: 'Zaragoza, España' },
    ]);
    expect(layout.evidence.groups.map((group) => [group.title, group.count])).toEqual([
      ['Datos de marketing', '4 elementos'],
      ['Anécdotas de ventas', '5 elementos'],
    ]);
    expect(layout.footer).toEqual({ text: 'María Peñalver · Versión 2 · 24 nov 2026', pageTemplate: 'Página {page} de {total}' });
    expect(layout.document).toMatchObject({ title: 'María Peñalver · Buyer persona · Versión 2', author: 'Tandem', language: 'es-ES' });

    const english = en();
    expect(english.sections.map((s) => s.label)).toEqual([
      'Summary',
      'Goals',
      'Pains & challenges',
      'Objections',
      'Buying process',
      'Channels',
      'Messaging',
    ]);
    expect(english.header.status.text).toBe('Draft · exported 12 Mar 2026, 14:05 UTC');
    expect(english.header.note).toBeNull();
    expect(english.footer).toEqual({ text: 'Alex Morgan · Draft · 12 Mar 2026', pageTemplate: 'Page {page} of {total}' });
    expect(english.evidence.groups.map((group) => group.title)).toEqual(['Marketing data', 'Sales anecdotes']);
    expect(english.document.language).toBe('en-GB');
  });

  it('has every label in both languages, the Spanish ones translated', () => {
    expect(Object.keys(PDF_STRINGS.es).sort()).toEqual(Object.keys(pdfStringsEn).sort());
    for (const [key, value] of Object.entries(PDF_STRINGS.es)) expect(value.trim(), key).not.toBe('');
    expect(PDF_STRINGS.es['footer.page']).toBe('Página {page} de {total}');
    expect(PDF_STRINGS.es['status.version']).toBe('Versión {version}');
  });

  it('lists the evidence with its kind, source, author, date and section', () => {
    const [marketing, sales] = es().evidence.groups;
    expect(marketing?.items[0]).toEqual({
      id: 'mk-cierre',
      ref: 'M1',
      side: 'marketing',
      kind: 'Métrica',
      text: 'Las directoras financieras del segmento dedican de media 6 días al cierre contable de cada mes.',
      source: 'Encuesta anual de clientes 2026 (n = 412)',
      author: 'Lucía Fernández',
      date: '14 sept 2026',
      sourceText: 'Fuente: Encuesta anual de clientes 2026 (n = 412)',
      sectionText: 'Respalda: Problemas y retos',
      citedInText: 'Citado en: Resumen, Objetivos, Problemas y retos',
    });
    expect(marketing?.items[3]).toMatchObject({ ref: 'M4', sectionText: 'Sin sección todavía', citedInText: 'Citado en: Canales' });
    expect(sales?.items[4]).toMatchObject({ ref: 'V5', kind: 'Anécdota', source: '', sourceText: null });
  });

  it('keeps headings, nested and ordered lists, quotes, code, rules and formatting', () => {
    const layout = es();
    const goals = section(layout, 'goals').blocks;
    expect(goals[0]).toEqual({ type: 'heading', level: 3, inlines: [{ type: 'text', text: 'Objetivos del año' }] });
    expect(goals[1]).toMatchObject({
      type: 'list',
      ordered: false,
      depth: 0,
      items: [
        { marker: '•' },
        { marker: '•', assumption: 'Suposición' },
        {
          marker: '•',
          blocks: [
            { type: 'paragraph' },
            {
              type: 'list',
              depth: 1,
              items: [
                { marker: '–', blocks: [{ type: 'paragraph', inlines: [{ type: 'text', text: 'Tarjetas de empresa sin justificante' }] }] },
                {
                  marker: '–',
                  blocks: [{ type: 'paragraph', inlines: [{ type: 'text', text: 'Suscripciones de software que nadie revisa', italic: true }] }],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(section(layout, 'pains').blocks[0]).toMatchObject({ type: 'list', ordered: true, items: [{ marker: '1.' }, { marker: '2.' }, { marker: '3.' }] });
    expect(section(layout, 'objections').blocks[0]).toMatchObject({ type: 'quote', blocks: [{ type: 'paragraph' }] });
    const messaging = section(layout, 'messaging').blocks;
    expect(messaging.map((block) => block.type)).toEqual(['paragraph', 'paragraph', 'code', 'paragraph']);
    expect(messaging[0]).toEqual({
      type: 'paragraph',
      inlines: [
        { type: 'text', text: 'Habla de ' },
        { type: 'text', text: 'horas recuperadas', bold: true },
        { type: 'text', text: ', no de funcionalidades. Evita ' },
        { type: 'text', text: '«transformación digital»', strike: true },
        { type: 'text', text: '.\nCita siempre una cifra del sector.' },
      ],
    });
    expect(messaging[2]).toEqual({ type: 'code', text: 'Cierra el mes en 3 días, no en 6' });
    expect(messaging[3]).toMatchObject({
      inlines: [{ text: 'Más contexto en ' }, { text: 'nuestra guía', href: 'https://example.com/guia-cierre' }, { text: ' y el término ' }, { text: 'DSO', code: true }, { text: '.' }],
    });
    expect(section(layout, 'channels').blocks.map((block) => block.type)).toEqual(['list', 'rule', 'paragraph']);
  });

  it('starts an ordered list at its start number and keeps a claim whole across a line break', () => {
    const snapshot = {
      ...EN_PERSONA,
      sections: {
        ...EN_PERSONA.sections,
        messaging: doc(
          { type: 'orderedList', attrs: { start: 3 }, content: [li('Third'), li('Fourth')] },
          p(text('One claim', claim('en-s2')), br, text('on two lines', claim('en-s2'))),
          p(text('Broken link', claim('javascript-alert')), ' and ', text('unsafe', { type: 'link', attrs: { href: 'javascript:alert(1)' } })),
        ),
      },
    };
    const blocks = section(buildPdfLayout(snapshot, EN_DRAFT_META, 'en'), 'messaging').blocks;
    expect(blocks[0]).toMatchObject({ type: 'list', ordered: true, items: [{ marker: '3.' }, { marker: '4.' }] });
    expect(textOf(blocks.slice(1, 2))).toBe('One claim\non two lines| [S2]');
    expect(blocks[2]).toEqual({ type: 'paragraph', inlines: [{ type: 'text', text: 'Broken link and unsafe' }] });
  });

  it('shows a short line for an empty section', () => {
    const buying = section(en(), 'buyingProcess');
    expect(buying).toMatchObject({ blocks: [], empty: 'Not started' });
    const blank = buildPdfLayout(
      { ...ES_PERSONA, sections: { ...ES_PERSONA.sections, goals: doc(p(), { type: 'paragraph', content: [text('   ')] }, ul()) } },
      ES_VERSION_META,
      'es',
    );
    expect(section(blank, 'goals')).toMatchObject({ blocks: [], empty: 'Sin empezar' });
    expect(section(es(), 'summary').empty).toBeNull();
  });

  it('degrades node types it does not know to their text', () => {
    const snapshot = {
      ...EN_PERSONA,
      sections: {
        ...EN_PERSONA.sections,
        channels: doc(
          {
            type: 'table',
            content: [
              { type: 'tableRow', content: [{ type: 'tableCell', content: [p('Cell A')] }, { type: 'tableCell', content: [p(text('Cell B', bold))] }] },
            ],
          },
          { type: 'callout', attrs: { tone: 'info' }, content: [text('A callout with '), { type: 'mention', attrs: { id: 'u1', label: '@Priya' } }, text('.')] },
          { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: true }, content: [p('Done task')] }] },
          { type: 'image', attrs: { src: 'https://example.com/a.png', alt: 'A chart' } },
          { type: 'widget' },
        ),
      },
    };
    const blocks = section(buildPdfLayout(snapshot, EN_DRAFT_META, 'en'), 'channels').blocks;
    expect(blocks).toEqual([
      { type: 'paragraph', inlines: [{ type: 'text', text: 'Cell A' }] },
      { type: 'paragraph', inlines: [{ type: 'text', text: 'Cell B', bold: true }] },
      { type: 'paragraph', inlines: [{ type: 'text', text: 'A callout with @Priya.' }] },
      { type: 'paragraph', inlines: [{ type: 'text', text: 'Done task' }] },
      { type: 'paragraph', inlines: [{ type: 'text', text: 'A chart' }] },
    ]);
  });

  it('names an unnamed persona and draws initials instead of the emoji', () => {
    expect(initialsOf('María Peñalver')).toBe('MP');
    expect(initialsOf('  álvaro  de la Fuente')).toBe('ÁD');
    expect(initialsOf('Ana')).toBe('A');
    expect(initialsOf('👩‍💼')).toBe('?');
    const layout = buildPdfLayout({ ...ES_PERSONA, profile: { ...ES_PERSONA.profile, name: '  ', role: '', segment: '', location: '' } }, ES_VERSION_META, 'es');
    expect(layout.header).toMatchObject({ name: 'Persona sin nombre', initials: '?', roleLine: '', details: [{ label: 'Tamaño de empresa' }] });
    expect(layout.header.avatar).toBe('👩‍💼');
    expect(layout.footer.text).toBe('Persona sin nombre · Versión 2 · 24 nov 2026');
  });

  it('formats dates per language in UTC, and leaves a value that is no date as it is', () => {
    expect(formatDate('en', '2026-11-24T23:30:00.000-05:00')).toBe('25 Nov 2026');
    expect(formatDate('es', '2026-01-05T00:00:00.000Z')).toBe('5 ene 2026');
    expect(formatDateTime('es', '2026-11-24T09:05:00.000Z')).toBe('24 nov 2026, 09:05 UTC');
    expect(formatDate('es', 'pronto')).toBe('pronto');
    const unpublisher = buildPdfLayout(EN_PERSONA, { kind: 'version', version: 7, publishedAt: '2026-04-01T00:00:00.000Z', publishedBy: null, note: '  ' }, 'en');
    expect(unpublisher.header.status.text).toBe('Version 7 · published 1 Apr 2026');
    expect(unpublisher.header.note).toBeNull();
  });
});
