// Persona snapshots for the PDF tests: a full one in Spanish, a smaller one in English, and a way to make a section very long.
import type { PdfMeta } from '../../../server/pdf/layoutModel.ts';
import { contentFingerprint } from '../../../shared/persona/signoff.ts';
import type { PersonaSnapshot } from '../../../shared/persona/types.ts';
import type { EvidenceItem, RichTextDoc, RichTextMark, RichTextNode, SectionKey, SignOff } from '../../../shared/persona/types.ts';

// ---- tiny builders for ProseMirror JSON, in the exact form `readPersonaSnapshot` gives (no null attributes) ----

type Inline = RichTextNode | string;

const inline = (parts: readonly Inline[]): RichTextNode[] => parts.map((part) => (typeof part === 'string' ? text(part) : part));

/** A text node; marks sorted by type, as `fragmentToJSON` reads them back from Yjs. */
export function text(value: string, ...marks: RichTextMark[]): RichTextNode {
  const sorted = [...marks].sort((a, b) => a.type.localeCompare(b.type));
  return sorted.length === 0 ? { type: 'text', text: value } : { type: 'text', text: value, marks: sorted };
}
export const bold: RichTextMark = { type: 'bold' };
export const italic: RichTextMark = { type: 'italic' };
export const strike: RichTextMark = { type: 'strike' };
export const code: RichTextMark = { type: 'code' };
export const link = (href: string): RichTextMark => ({ type: 'link', attrs: { href, rel: 'noopener noreferrer nofollow', target: '_blank' } });
/** The mark on a claim backed by these evidence ids. */
export const claim = (...ids: string[]): RichTextMark => ({ type: 'evidence', attrs: { ids: ids.join(',') } });

export const p = (...parts: Inline[]): RichTextNode => ({ type: 'paragraph', content: inline(parts) });
export const heading = (level: number, ...parts: Inline[]): RichTextNode => ({ type: 'heading', attrs: { level }, content: inline(parts) });
export const li = (...content: (RichTextNode | string)[]): RichTextNode => ({
  type: 'listItem',
  content: content.map((part) => (typeof part === 'string' ? p(part) : part)),
});
export const ul = (...items: RichTextNode[]): RichTextNode => ({ type: 'bulletList', content: items });
export const ol = (...items: RichTextNode[]): RichTextNode => ({ type: 'orderedList', attrs: { start: 1 }, content: items });
export const quote = (...blocks: RichTextNode[]): RichTextNode => ({ type: 'blockquote', content: blocks });
export const codeBlock = (value: string): RichTextNode => ({ type: 'codeBlock', content: [text(value)] });
export const hr: RichTextNode = { type: 'horizontalRule' };
export const br: RichTextNode = { type: 'hardBreak' };
export const doc = (...content: RichTextNode[]): RichTextDoc => ({ type: 'doc', content });

function signed(by: string, at: string, content: RichTextDoc): SignOff {
  return { by, at, fingerprint: contentFingerprint(content) };
}

// ---- the Spanish persona ----

export const ES_EVIDENCE: EvidenceItem[] = [
  {
    id: 'mk-cierre',
    side: 'marketing',
    kind: 'metric',
    text: 'Las directoras financieras del segmento dedican de media 6 días al cierre contable de cada mes.',
    source: 'Encuesta anual de clientes 2026 (n = 412)',
    section: 'pains',
    author: 'Lucía Fernández',
    createdAt: '2026-09-14T08:00:00.000Z',
  },
  {
    id: 'sl-comite',
    side: 'sales',
    kind: 'quote',
    text: '«Yo firmo, pero el director general tiene la última palabra y quiere ver el retorno en un año.»',
    source: 'Llamada con Distribuciones Ordóñez, 2 oct',
    section: 'buyingProcess',
    author: 'Javier Muñoz',
    createdAt: '2026-10-02T15:30:00.000Z',
  },
  {
    id: 'mk-guia',
    side: 'marketing',
    kind: 'campaign',
    text: 'La guía «Cierra el mes en 3 días» convirtió un 4,8 % en empresas de 200–500 empleados: el doble que la media.',
    source: 'HubSpot, campaña del tercer trimestre',
    section: 'channels',
    author: 'Lucía Fernández',
    createdAt: '2026-10-05T09:00:00.000Z',
  },
  {
    id: 'sl-sap',
    side: 'sales',
    kind: 'objection',
    text: 'Teme que la integración con SAP Business One paralice el cierre del trimestre.',
    source: 'Descubrimiento con Logística Ibérica',
    section: 'objections',
    author: 'Javier Muñoz',
    createdAt: '2026-10-08T11:00:00.000Z',
  },
  {
    id: 'mk-seguridad',
    side: 'marketing',
    kind: 'behaviour',
    text: 'El 71 % de las cuentas que piden una demo visitan antes la página de seguridad y cumplimiento.',
    source: 'GA4 y Clearbit, agosto–octubre',
    section: 'buyingProcess',
    author: 'Nuria Sáez',
    createdAt: '2026-10-12T10:00:00.000Z',
  },
  {
    id: 'sl-pinguino',
    side: 'sales',
    kind: 'quote',
    text: '«No quiero ser el pingüino que salta primero al agua»: quiere saber qué empresas como la suya ya lo usan.',
    source: 'Reunión con Grupo Álvarez',
    section: 'objections',
    author: 'Javier Muñoz',
    createdAt: '2026-10-20T16:00:00.000Z',
  },
  {
    id: 'sl-perdida',
    side: 'sales',
    kind: 'deal',
    text: 'Perdimos Textiles Núñez porque el piloto no incluyó a la responsable de tesorería.',
    source: 'Análisis de operación perdida, CRM',
    section: 'buyingProcess',
    author: 'Carmen Ibáñez',
    createdAt: '2026-10-28T12:00:00.000Z',
  },
  {
    id: 'mk-webinar',
    side: 'marketing',
    kind: 'campaign',
    text: '¡El webinar con la asociación de directivos financieros tuvo un 38 % de asistencia!',
    source: 'Zoom Webinars',
    section: '',
    author: 'Nuria Sáez',
    createdAt: '2026-11-03T17:00:00.000Z',
  },
  {
    id: 'sl-senal',
    side: 'sales',
    kind: 'anecdote',
    text: 'La señal de compra más clara: pide hablar con otra directora financiera del sector.',
    source: '',
    section: 'channels',
    author: 'Carmen Ibáñez',
    createdAt: '2026-11-10T09:45:00.000Z',
  },
];

const ES_SECTIONS: Record<SectionKey, RichTextDoc> = {
  summary: doc(
    p(
      text('María Peñalver', bold),
      ' dirige las finanzas de una distribuidora de 250 personas. Hoy ',
      text('cierra el mes en seis días', claim('mk-cierre')),
      ' y quiere bajarlo a ',
      text('tres', italic, claim('mk-cierre')),
      ' sin contratar a nadie más.',
    ),
    p('¡Su prioridad este año es ver la tesorería de un vistazo, cada lunes!'),
  ),
  goals: doc(
    heading(3, 'Objetivos del año'),
    ul(
      li(p(text('Cerrar el mes en tres días', claim('mk-cierre', 'sl-comite')))),
      li('Una previsión de tesorería a 13 semanas en la que confíe el consejo'),
      li(
        p('Reducir un 15 % el gasto que nadie controla:'),
        ul(li('Tarjetas de empresa sin justificante'), li(p(text('Suscripciones de software que nadie revisa', italic)))),
      ),
    ),
  ),
  pains: doc(
    ol(
      li(p('Concilia a mano en Excel: ', text('seis días de cierre', bold, claim('mk-cierre')))),
      li('Los datos están repartidos entre el ERP, tres bancos y el correo'),
      li(p(text('Cada auditoría le cuesta dos semanas reuniendo justificantes', claim('mk-borrado')))),
    ),
    p(text('Un piloto mal planteado le hizo perder la confianza de tesorería', claim('mk-borrado', 'sl-perdida')), '.'),
  ),
  objections: doc(
    quote(p(text('«No tenemos tiempo para otro proyecto de implantación.»', claim('sl-sap')))),
    ul(
      li(p(text('¿Y si la integración con el ERP sale mal en pleno cierre?', claim('sl-sap')))),
      li(p(text('Nadie de su sector lo usa todavía', claim('sl-pinguino')))),
    ),
  ),
  buyingProcess: doc(
    heading(2, '¿Quién decide la compra?'),
    p(
      'María recomienda y firma, ',
      text('pero el director general tiene la última palabra', claim('sl-comite')),
      '. Antes de la demo, ',
      text('revisa la seguridad y el cumplimiento', claim('mk-seguridad')),
      '.',
    ),
    ol(
      li('Detecta el problema en el cierre trimestral'),
      li(p('Busca referencias de otras directoras financieras'), ul(li('Asociación de directivos financieros'), li('Su auditor externo'))),
      li(p(text('Pide un piloto con tesorería dentro', claim('sl-perdida')))),
    ),
    p(text('La señal de compra más clara', bold), ': ', text('pide hablar con un cliente del sector', claim('sl-senal')), '.'),
  ),
  channels: doc(
    ul(
      li(p(text('LinkedIn y las newsletters del sector', claim('mk-guia')))),
      li(p(text('Eventos y webinars de la asociación', claim('mk-webinar')))),
      li(p(text('Recomendaciones de otras directoras financieras', claim('sl-senal', 'mk-guia')))),
    ),
    hr,
    p(text('Apenas lee correo frío; sí lee lo que le reenvía su equipo.', italic)),
  ),
  messaging: doc(
    p('Habla de ', text('horas recuperadas', bold), ', no de funcionalidades. Evita ', text('«transformación digital»', strike), '.', br, 'Cita siempre una cifra del sector.'),
    p('Asunto de correo que funciona:'),
    codeBlock('Cierra el mes en 3 días, no en 6'),
    p('Más contexto en ', text('nuestra guía', link('https://example.com/guia-cierre')), ' y el término ', text('DSO', code), '.'),
  ),
};

/** The goals as they were when marketing signed them: changed since, so that sign-off is stale. */
const ES_GOALS_WHEN_SIGNED = doc(heading(3, 'Objetivos del año'), ul(li('Cerrar el mes en cuatro días')));

export const ES_PERSONA: PersonaSnapshot = {
  profile: {
    name: 'María Peñalver',
    role: 'Directora financiera',
    segment: 'Distribución mayorista',
    companySize: '200–500 empleados',
    location: 'Zaragoza, España',
    avatar: '👩‍💼',
    createdAt: '2026-09-01T08:00:00.000Z',
  },
  sections: ES_SECTIONS,
  evidence: ES_EVIDENCE,
  signoff: {
    // summary: both sides signed it as it is now.
    'summary:marketing': signed('Lucía Fernández', '2026-11-20T10:00:00.000Z', ES_SECTIONS.summary),
    'summary:sales': signed('Javier Muñoz', '2026-11-21T09:00:00.000Z', ES_SECTIONS.summary),
    // goals: marketing signed an earlier text.
    'goals:marketing': signed('Lucía Fernández', '2026-11-12T10:00:00.000Z', ES_GOALS_WHEN_SIGNED),
    // objections: only sales signed.
    'objections:sales': signed('Javier Muñoz', '2026-11-22T18:00:00.000Z', ES_SECTIONS.objections),
  },
};

export const ES_VERSION_META: PdfMeta = {
  kind: 'version',
  version: 2,
  publishedAt: '2026-11-24T10:30:00.000Z',
  publishedBy: { id: 'member-ana', name: 'Ana Beltrán', team: 'marketing', verified: true },
  note: 'Revisada tras el taller de noviembre: añadimos las objeciones de ventas sobre la integración con el ERP.',
};

// ---- the English persona ----

const EN_SECTIONS: Record<SectionKey, RichTextDoc> = {
  summary: doc(p(text('Alex Morgan', bold), ' runs operations at a 400-person logistics firm and ', text('measures everything weekly', claim('en-m1')), '.')),
  goals: doc(ul(li(p(text('Cut onboarding time for new depots in half', claim('en-m1', 'en-s1')))), li('Standardise reporting across sites'))),
  pains: doc(p(text('Spreadsheets break every quarter', claim('en-s1')), '.')),
  objections: doc(quote(p(text('“We tried a tool like this in 2022 and nobody used it.”', claim('en-s2'))))),
  buyingProcess: doc(),
  channels: doc(ul(li('Peer groups'), li('Industry podcasts'))),
  messaging: doc(p('Lead with time saved per site.')),
};

export const EN_PERSONA: PersonaSnapshot = {
  profile: {
    name: 'Alex Morgan',
    role: 'Head of Operations',
    segment: 'Logistics',
    companySize: '200–1,000 employees',
    location: 'Manchester, UK',
    avatar: '🚚',
    createdAt: '2026-03-01T08:00:00.000Z',
  },
  sections: EN_SECTIONS,
  evidence: [
    {
      id: 'en-m1',
      side: 'marketing',
      kind: 'metric',
      text: '64% of operations leads open the weekly KPI email within an hour.',
      source: 'Customer.io',
      section: 'summary',
      author: 'Priya Shah',
      createdAt: '2026-03-04T09:00:00.000Z',
    },
    {
      id: 'en-s1',
      side: 'sales',
      kind: 'anecdote',
      text: 'Three of the last five discovery calls opened with a broken spreadsheet story.',
      source: 'Gong',
      section: 'pains',
      author: 'Tom Reyes',
      createdAt: '2026-03-06T14:00:00.000Z',
    },
    {
      id: 'en-s2',
      side: 'sales',
      kind: 'objection',
      text: 'Previous tool failed on adoption, not on features.',
      source: 'Call with Northgate Freight',
      section: 'objections',
      author: 'Tom Reyes',
      createdAt: '2026-03-07T11:00:00.000Z',
    },
  ],
  signoff: {
    'summary:marketing': signed('Priya Shah', '2026-03-10T10:00:00.000Z', EN_SECTIONS.summary),
    'summary:sales': signed('Tom Reyes', '2026-03-10T11:00:00.000Z', EN_SECTIONS.summary),
  },
};

export const EN_DRAFT_META: PdfMeta = { kind: 'draft', exportedAt: '2026-03-12T14:05:00.000Z' };

// ---- a very long section, for pagination ----

/** A copy of the snapshot whose `section` holds `paragraphs` paragraphs and a long list: several pages of text. */
export function withLongSection(snapshot: PersonaSnapshot, section: SectionKey, paragraphs = 40): PersonaSnapshot {
  const blocks: RichTextNode[] = [];
  for (let i = 1; i <= paragraphs; i++) {
    blocks.push(
      p(
        `Párrafo ${i}: `,
        text('la directora financiera revisa la previsión de tesorería', claim('mk-cierre')),
        ' cada lunes con su equipo, compara el cierre con el presupuesto, pregunta por las desviaciones de más de un 5 % y decide qué pagos se adelantan o se aplazan según la señal que le dan los bancos.',
      ),
    );
    if (i % 10 === 0) blocks.push(heading(3, `Apartado ${i / 10}`), ul(...Array.from({ length: 6 }, (_, j) => li(`Punto ${i}.${j + 1} de la lista, con su explicación breve`))));
  }
  return { ...snapshot, sections: { ...snapshot.sections, [section]: doc(...blocks) } };
}
