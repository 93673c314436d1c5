// The persona's words every reader shows, in each language: sections, sides, evidence kinds, alignment and reference letters.
import type { Locale } from '../locale.ts';
import { ALIGNMENT_STATES } from './alignment.ts';
import type { AlignmentState } from './alignment.ts';
import type { EvidenceNumber } from './references.ts';
import { EVIDENCE_KINDS, SECTION_KEYS, SIDES } from './schema.ts';
import type { EvidenceKind, SectionKey, Side } from './types.ts';

type Labels<K extends string> = Readonly<Record<Locale, Readonly<Record<K, string>>>>;

export const SECTION_LABELS: Labels<SectionKey> = {
  en: {
    summary: 'Summary',
    goals: 'Goals',
    pains: 'Pains & challenges',
    objections: 'Objections',
    buyingProcess: 'Buying process',
    channels: 'Channels',
    messaging: 'Messaging',
  },
  es: {
    summary: 'Resumen',
    goals: 'Objetivos',
    pains: 'Problemas y retos',
    objections: 'Objeciones',
    buyingProcess: 'Proceso de compra',
    channels: 'Canales',
    messaging: 'Mensajes',
  },
};

export const SIDE_LABELS: Labels<Side> = {
  en: { marketing: 'Marketing', sales: 'Sales' },
  es: { marketing: 'Marketing', sales: 'Ventas' },
};

export const EVIDENCE_KIND_LABELS: Labels<EvidenceKind> = {
  en: {
    metric: 'Metric',
    behaviour: 'Behaviour',
    campaign: 'Campaign result',
    quote: 'Quote',
    objection: 'Objection',
    anecdote: 'Anecdote',
    deal: 'Deal',
  },
  es: {
    metric: 'Métrica',
    behaviour: 'Comportamiento',
    campaign: 'Resultado de campaña',
    quote: 'Cita',
    objection: 'Objeción',
    anecdote: 'Anécdota',
    deal: 'Operación',
  },
};

/** What backs a section: the chip in the workshop, the library and the PDF. */
export const ALIGNMENT_LABELS: Labels<AlignmentState> = {
  en: { both: 'Backed by both', needsSalesValidation: 'Needs sales validation', needsData: 'Needs data', unbacked: 'Unbacked' },
  es: { both: 'Respaldada por ambos', needsSalesValidation: 'Falta validación de ventas', needsData: 'Faltan datos', unbacked: 'Sin respaldo' },
};

/** The letter before an evidence item's number: M for marketing, S for sales; V (ventas) in Spanish. */
export const REFERENCE_LETTERS: Labels<Side> = {
  en: { marketing: 'M', sales: 'S' },
  es: { marketing: 'M', sales: 'V' },
};

/** How a claim refers to an evidence item: M1, S2 in English; M1, V2 in Spanish. */
export function referenceLabel(locale: Locale, number: EvidenceNumber): string {
  return `${REFERENCE_LETTERS[locale][number.side]}${number.n}`;
}

export type LabelMessageKey = `section.${SectionKey}` | `side.${Side}` | `kind.${EvidenceKind}` | `alignment.${AlignmentState}`;

/** The labels as the entries of a dictionary keyed `section.goals`, `side.sales`, `kind.quote`, `alignment.both`: the client's and the PDF's. */
export function labelMessages(locale: Locale): Record<LabelMessageKey, string> {
  return Object.fromEntries([
    ...SECTION_KEYS.map((key) => [`section.${key}`, SECTION_LABELS[locale][key]]),
    ...SIDES.map((side) => [`side.${side}`, SIDE_LABELS[locale][side]]),
    ...EVIDENCE_KINDS.map((kind) => [`kind.${kind}`, EVIDENCE_KIND_LABELS[locale][kind]]),
    ...ALIGNMENT_STATES.map((state) => [`alignment.${state}`, ALIGNMENT_LABELS[locale][state]]),
  ]) as Record<LabelMessageKey, string>;
}
