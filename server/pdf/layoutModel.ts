// The persona PDF's layout model: everything the document shows, as plain data, before any drawing.
import type { Publisher } from '../../shared/api.ts';
import type { Locale } from '../../shared/locale.ts';
import type { AlignmentState } from '../../shared/persona/alignment.ts';
import type { SideSignoff, SignoffStatus } from '../../shared/persona/signoffRules.ts';
import type { SectionKey, Side } from '../../shared/persona/types.ts';
import type { PdfScorecard } from './scorecardLayout.ts';

export type PdfMeta =
  | { kind: 'draft'; exportedAt: string }
  | { kind: 'version'; version: number; publishedAt: string; publishedBy: Publisher | null; note: string };

/** A claim's pointer into the evidence summary. */
export interface PdfRef {
  label: string;
  side: Side;
}

/** A run of text with its formatting; flags are present only when set. */
export interface PdfTextRun {
  type: 'text';
  text: string;
  bold?: true;
  italic?: true;
  underline?: true;
  strike?: true;
  code?: true;
  /** An http(s) or mailto link. */
  href?: string;
}

/** The references of the claim just before it, drawn as a small label: [M1, S2]. */
export interface PdfRefsRun {
  type: 'refs';
  refs: PdfRef[];
}

export type PdfInline = PdfTextRun | PdfRefsRun;

export interface PdfListItem {
  /** "•", "–" or "3." */
  marker: string;
  blocks: PdfBlock[];
  /** Set (to the label to show) on a list item that no existing evidence backs, in the sections whose items are claims. */
  assumption?: string;
}

export type PdfBlock =
  | { type: 'heading'; level: 1 | 2 | 3; inlines: PdfInline[] }
  | { type: 'paragraph'; inlines: PdfInline[] }
  | { type: 'list'; ordered: boolean; depth: number; items: PdfListItem[] }
  | { type: 'quote'; blocks: PdfBlock[] }
  | { type: 'code'; text: string }
  | { type: 'rule' };

export interface PdfSideSignoff {
  side: Side;
  sideLabel: string;
  state: SideSignoff['state'];
  /** "Signed off by Ana, 24 Nov 2026". */
  text: string;
  /** The same, shorter, for the overview table. */
  short: string;
}

export interface PdfSectionSignoff {
  status: SignoffStatus;
  statusLabel: string;
  sides: PdfSideSignoff[];
}

export interface PdfAlignment {
  state: AlignmentState;
  label: string;
  marketing: number;
  sales: number;
  /** "2 marketing · 1 sales". */
  counts: string;
}

export interface PdfSection {
  key: SectionKey;
  label: string;
  signoff: PdfSectionSignoff;
  alignment: PdfAlignment;
  blocks: PdfBlock[];
  /** The line shown instead of blocks when the section has none. */
  empty: string | null;
}

export interface PdfEvidenceEntry {
  id: string;
  ref: string;
  side: Side;
  kind: string;
  text: string;
  source: string;
  /** Who added it, as the server knows them; "Ana (unverified)" for a name only a client stated. */
  author: string;
  date: string;
  /** "Source: GA4", or null when there is none. */
  sourceText: string | null;
  /** "Supports: Goals", or the no-section line. */
  sectionText: string;
  /** "Cited in: Goals, Objections", or null when no claim links to it. */
  citedInText: string | null;
}

export interface PdfEvidenceGroup {
  side: Side;
  title: string;
  count: string;
  items: PdfEvidenceEntry[];
  empty: string | null;
}

export interface PdfLayout {
  lang: Locale;
  document: {
    title: string;
    author: 'Tandem';
    creator: 'Tandem';
    subject: string;
    keywords: string;
    /** BCP 47 tag, e.g. "es-ES". */
    language: string;
    /** ISO: when the draft was exported, or when the version was published. */
    createdAt: string;
  };
  header: {
    kicker: string;
    name: string;
    initials: string;
    avatarColor: string;
    /** The persona's emoji, kept for reference; a text font cannot draw it, so the initials stand in. */
    avatar: string;
    role: string;
    segment: string;
    /** "Directora financiera · Retail". */
    roleLine: string;
    details: { label: string; value: string }[];
    status: { kind: PdfMeta['kind']; label: string; detail: string; text: string };
    note: { label: string; text: string } | null;
  };
  overview: {
    title: string;
    lines: string[];
    columns: { section: string; marketing: string; sales: string; evidence: string };
    rows: { key: SectionKey; label: string; status: SignoffStatus; marketing: PdfSideSignoff; sales: PdfSideSignoff; alignment: PdfAlignment }[];
  };
  sections: PdfSection[];
  /** SPEC §8: one scorecard per period that has targets. */
  scorecards: PdfScorecard[];
  evidence: { title: string; intro: string; groups: PdfEvidenceGroup[] };
  footer: {
    /** "María · Version 2 · 24 Nov 2026". */
    text: string;
    /** "Page {page} of {total}": the renderer fills in the numbers. */
    pageTemplate: string;
  };
}
