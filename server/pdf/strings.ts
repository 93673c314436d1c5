// Every label of the persona PDF, in English and Spanish, and the date formats of each language.
// Section, side and evidence-kind names and reference letters come from shared/persona/labels.ts, as the client's do.
import { LOCALE_TAGS } from '../../shared/locale.ts';
import type { Locale } from '../../shared/locale.ts';
import type { AlignmentState } from '../../shared/persona/alignment.ts';
import { labelMessages } from '../../shared/persona/labels.ts';
import type { SignoffStatus } from '../../shared/persona/signoffRules.ts';
import type { EvidenceKind, SectionKey, Side } from '../../shared/persona/types.ts';

export const pdfStringsEn = {
  'doc.kind': 'Buyer persona',
  'doc.untitled': 'Untitled persona',
  'doc.title': '{name} · Buyer persona · {version}',
  'doc.subject': 'Buyer persona: {name}',

  'header.companySize': 'Company size',
  'header.location': 'Location',

  'status.draft': 'Draft',
  'status.version': 'Version {version}',
  'status.exported': 'exported {date}',
  'status.published': 'published {date}',
  'status.publishedBy': 'published {date} by {name} ({side})',
  'status.publishedByUnverified': 'published {date} by {name} ({side}, unverified)',
  'status.noTeam': 'no team',
  'author.unverified': '{name} (unverified)',
  'status.note': 'Version note',

  ...labelMessages('en'),

  'section.empty': 'Not started',
  'section.truncated': '… The rest of this section is too long to print: open the persona in Tandem to read it all.',
  'evidence.omitted': '{count} more items are too many to print: open the persona in Tandem to see them all.',

  'overview.title': 'Sign-off and evidence at a glance',
  'overview.signedCount': '{count} of {total} sections signed off by both sides',
  'overview.staleCount': '{count} changed since sign-off',
  'overview.staleCountOne': '1 changed since sign-off',
  'overview.evidenceCount': 'Evidence: {marketing} marketing data points, {sales} sales anecdotes',
  'overview.column.section': 'Section',
  'overview.column.evidence': 'Evidence',

  'signoff.signed': 'Signed off by both sides',
  'signoff.partial': 'Partly signed off',
  'signoff.stale': 'Changed since sign-off',
  'signoff.unsigned': 'Not signed off',
  'signoff.side.current': 'Signed off by {name}, {date}',
  'signoff.side.stale': 'Changed since {name} signed off ({date})',
  'signoff.side.missing': 'Not signed off yet',
  'signoff.short.current': 'Signed off: {name}, {date}',
  'signoff.short.stale': 'Changed since {name} signed off',
  'signoff.short.missing': 'Not signed off',

  'alignment.counts': '{marketing} marketing · {sales} sales',

  'claim.assumption': 'Assumption',

  'evidence.title': 'Evidence summary',
  'evidence.intro': 'Claims in the sections above point to these items: {marketing} for marketing data, {sales} for sales anecdotes.',
  'evidence.group.marketing': 'Marketing data',
  'evidence.group.sales': 'Sales anecdotes',
  'evidence.group.count': '{count} items',
  'evidence.group.countOne': '1 item',
  'evidence.empty.marketing': 'No marketing data yet.',
  'evidence.empty.sales': 'No sales anecdotes yet.',
  'evidence.source': 'Source: {source}',
  'evidence.section': 'Supports: {section}',
  'evidence.citedIn': 'Cited in: {sections}',
  'evidence.noSection': 'No section yet',

  'footer.page': 'Page {page} of {total}',
} as const;

export type PdfStringKey = keyof typeof pdfStringsEn;

export const pdfStringsEs: Readonly<Record<PdfStringKey, string>> = {
  'doc.kind': 'Buyer persona',
  'doc.untitled': 'Persona sin nombre',
  'doc.title': '{name} · Buyer persona · {version}',
  'doc.subject': 'Buyer persona: {name}',

  'header.companySize': 'Tamaño de empresa',
  'header.location': 'Ubicación',

  'status.draft': 'Borrador',
  'status.version': 'Versión {version}',
  'status.exported': 'exportado el {date}',
  'status.published': 'publicada el {date}',
  'status.publishedBy': 'publicada el {date} por {name} ({side})',
  'status.publishedByUnverified': 'publicada el {date} por {name} ({side}, sin verificar)',
  'status.noTeam': 'sin equipo',
  'author.unverified': '{name} (sin verificar)',
  'status.note': 'Nota de la versión',

  ...labelMessages('es'),

  'section.empty': 'Sin empezar',
  'section.truncated': '… El resto de esta sección es demasiado largo para imprimirlo: abre la persona en Tandem para leerla entera.',
  'evidence.omitted': 'Hay {count} elementos más, demasiados para imprimirlos: abre la persona en Tandem para verlos todos.',

  'overview.title': 'Aprobaciones y evidencia de un vistazo',
  'overview.signedCount': '{count} de {total} secciones aprobadas por ambas partes',
  'overview.staleCount': '{count} modificadas tras la aprobación',
  'overview.staleCountOne': '1 modificada tras la aprobación',
  'overview.evidenceCount': 'Evidencia: {marketing} datos de marketing, {sales} anécdotas de ventas',
  'overview.column.section': 'Sección',
  'overview.column.evidence': 'Evidencia',

  'signoff.signed': 'Aprobada por ambas partes',
  'signoff.partial': 'Aprobación parcial',
  'signoff.stale': 'Modificada tras la aprobación',
  'signoff.unsigned': 'Sin aprobar',
  'signoff.side.current': 'Aprobado por {name}, {date}',
  'signoff.side.stale': 'Modificada después de que {name} la aprobara ({date})',
  'signoff.side.missing': 'Pendiente de aprobación',
  'signoff.short.current': 'Aprobado: {name}, {date}',
  'signoff.short.stale': 'Modificada tras aprobar {name}',
  'signoff.short.missing': 'Sin aprobar',

  'alignment.counts': '{marketing} de marketing · {sales} de ventas',

  'claim.assumption': 'Suposición',

  'evidence.title': 'Resumen de la evidencia',
  'evidence.intro': 'Las afirmaciones de las secciones remiten a estos elementos: {marketing} para datos de marketing, {sales} para anécdotas de ventas.',
  'evidence.group.marketing': 'Datos de marketing',
  'evidence.group.sales': 'Anécdotas de ventas',
  'evidence.group.count': '{count} elementos',
  'evidence.group.countOne': '1 elemento',
  'evidence.empty.marketing': 'Todavía no hay datos de marketing.',
  'evidence.empty.sales': 'Todavía no hay anécdotas de ventas.',
  'evidence.source': 'Fuente: {source}',
  'evidence.section': 'Respalda: {section}',
  'evidence.citedIn': 'Citado en: {sections}',
  'evidence.noSection': 'Sin sección todavía',

  'footer.page': 'Página {page} de {total}',
};

export const PDF_STRINGS: Readonly<Record<Locale, Readonly<Record<PdfStringKey, string>>>> = {
  en: pdfStringsEn,
  es: pdfStringsEs,
};

/** A label in `lang`, its `{placeholders}` filled from `vars` (an unknown placeholder stays as it is). */
export function pdfT(lang: Locale, key: PdfStringKey, vars: Readonly<Record<string, string | number>> = {}): string {
  return PDF_STRINGS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

export function sectionLabel(lang: Locale, key: SectionKey): string {
  return pdfT(lang, `section.${key}`);
}

export function sideLabel(lang: Locale, side: Side): string {
  return pdfT(lang, `side.${side}`);
}

export function kindLabel(lang: Locale, kind: EvidenceKind): string {
  return pdfT(lang, `kind.${kind}`);
}

export function alignmentLabel(lang: Locale, state: AlignmentState): string {
  return pdfT(lang, `alignment.${state}`);
}

export function signoffStatusLabel(lang: Locale, status: SignoffStatus): string {
  return pdfT(lang, `signoff.${status}`);
}

const dateFormats = new Map<Locale, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();

/**
 * A day in `lang` ("24 Nov 2026", "24 nov 2026"), in UTC so the same instant reads the same on every
 * server. A value that is not a date is shown as it is.
 */
export function formatDate(lang: Locale, iso: string): string {
  let format = dateFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE_TAGS[lang], { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(lang, format);
  }
  return formatWith(format, iso);
}

/** A day and a time in `lang`, in UTC and saying so ("24 Nov 2026, 14:05 UTC"). */
export function formatDateTime(lang: Locale, iso: string): string {
  let format = dateTimeFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE_TAGS[lang], {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'UTC',
    });
    dateTimeFormats.set(lang, format);
  }
  const formatted = formatWith(format, iso);
  return formatted === iso ? iso : `${formatted} UTC`;
}

function formatWith(format: Intl.DateTimeFormat, iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : format.format(new Date(time));
}
