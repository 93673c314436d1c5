// The persona PDF as plain data: everything the document shows, worked out from a snapshot, before any drawing.
import type { PdfLanguage } from '../../shared/api.ts';
import { ASSUMPTION_SECTIONS, alignmentBySection, countBySide } from '../../shared/persona/alignment.ts';
import { linkedIdsInContent } from '../../shared/persona/claims.ts';
import type { AlignmentState } from '../../shared/persona/alignment.ts';
import { idsOfMarkAttrs, isAssumption } from '../../shared/persona/links.ts';
import { evidenceNumbers } from '../../shared/persona/references.ts';
import type { EvidenceNumber } from '../../shared/persona/references.ts';
import { EVIDENCE_MARK, SECTION_KEYS, SIDES } from '../../shared/persona/schema.ts';
import { signoffsFromContent } from '../../shared/persona/signoff.ts';
import type { SideSignoff, SignoffStatus } from '../../shared/persona/signoff.ts';
import type { PersonaSnapshot } from '../../shared/persona/snapshot.ts';
import type { EvidenceItem, RichTextMark, RichTextNode, SectionKey, Side } from '../../shared/persona/types.ts';
import {
  PDF_LOCALES,
  alignmentLabel,
  formatDate,
  formatDateTime,
  kindLabel,
  pdfT,
  referenceLabel,
  sectionLabel,
  sideLabel,
  signoffStatusLabel,
} from './strings.ts';

export type PdfMeta =
  | { kind: 'draft'; exportedAt: string }
  | { kind: 'version'; version: number; publishedAt: string; publishedBy: { name: string; side: Side } | null; note: string };

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
  lang: PdfLanguage;
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
  evidence: { title: string; intro: string; groups: PdfEvidenceGroup[] };
  footer: {
    /** "María · Version 2 · 24 Nov 2026". */
    text: string;
    /** "Page {page} of {total}": the renderer fills in the numbers. */
    pageTemplate: string;
  };
}

const AVATAR_COLORS = ['#0f766e', '#6d28d9', '#be185d', '#0e7490', '#4d7c0f', '#475569', '#7c2d12'] as const;

/** Up to two letters from the first two words of the name; '?' when it has none. */
export function initialsOf(name: string): string {
  const letters = name
    .split(/[\s,;·–—-]+/u)
    .map((word) => /\p{L}|\p{N}/u.exec(word)?.[0] ?? '')
    .filter((letter) => letter !== '')
    .slice(0, 2);
  return letters.length === 0 ? '?' : letters.join('').toLocaleUpperCase();
}

function avatarColorOf(name: string): string {
  let sum = 0;
  for (const ch of name) sum = (sum * 31 + (ch.codePointAt(0) ?? 0)) % 1_000_003;
  return AVATAR_COLORS[sum % AVATAR_COLORS.length] ?? AVATAR_COLORS[0];
}

export function buildPdfLayout(snapshot: PersonaSnapshot, meta: PdfMeta, lang: PdfLanguage): PdfLayout {
  const { profile, evidence } = snapshot;
  const name = profile.name.trim() === '' ? pdfT(lang, 'doc.untitled') : profile.name.trim();
  const numbers = evidenceNumbers(evidence);
  const linked = {} as Record<SectionKey, Set<string>>;
  for (const key of SECTION_KEYS) linked[key] = linkedIdsInContent(snapshot.sections[key]);
  const alignment = alignmentBySection(evidence, linked);
  const signoffs = signoffsFromContent(snapshot.sections, snapshot.signoff);
  const existing: ReadonlySet<string> = new Set(evidence.map((item) => item.id));

  const versionLabel = meta.kind === 'draft' ? pdfT(lang, 'status.draft') : pdfT(lang, 'status.version', { version: meta.version });
  const statusDetail =
    meta.kind === 'draft'
      ? pdfT(lang, 'status.exported', { date: formatDateTime(lang, meta.exportedAt) })
      : meta.publishedBy === null || meta.publishedBy.name.trim() === ''
        ? pdfT(lang, 'status.published', { date: formatDate(lang, meta.publishedAt) })
        : pdfT(lang, 'status.publishedBy', {
            date: formatDate(lang, meta.publishedAt),
            name: meta.publishedBy.name.trim(),
            side: sideLabel(lang, meta.publishedBy.side),
          });
  const createdAt = meta.kind === 'draft' ? meta.exportedAt : meta.publishedAt;
  const note = meta.kind === 'version' && meta.note.trim() !== '' ? { label: pdfT(lang, 'status.note'), text: meta.note.trim() } : null;

  const role = profile.role.trim();
  const segment = profile.segment.trim();
  const details: { label: string; value: string }[] = [];
  if (profile.companySize.trim() !== '') details.push({ label: pdfT(lang, 'header.companySize'), value: profile.companySize.trim() });
  if (profile.location.trim() !== '') details.push({ label: pdfT(lang, 'header.location'), value: profile.location.trim() });

  const sections: PdfSection[] = SECTION_KEYS.map((key) => {
    const context: BlockContext = { lang, numbers, existing, flagAssumptions: ASSUMPTION_SECTIONS.includes(key) };
    const blocks = convertBlocks(snapshot.sections[key].content, context, 0);
    return {
      key,
      label: sectionLabel(lang, key),
      signoff: sectionSignoffOf(lang, signoffs[key]),
      alignment: alignmentOf(lang, alignment[key]),
      blocks,
      empty: blocks.length === 0 ? pdfT(lang, 'section.empty') : null,
    };
  });

  const signedCount = SECTION_KEYS.filter((key) => signoffs[key].status === 'signed').length;
  const staleCount = SECTION_KEYS.filter((key) => signoffs[key].status === 'stale').length;
  const totals = countBySide(evidence);
  const overviewLines = [pdfT(lang, 'overview.signedCount', { count: signedCount, total: SECTION_KEYS.length })];
  if (staleCount === 1) overviewLines.push(pdfT(lang, 'overview.staleCountOne'));
  else if (staleCount > 1) overviewLines.push(pdfT(lang, 'overview.staleCount', { count: staleCount }));
  overviewLines.push(pdfT(lang, 'overview.evidenceCount', { marketing: totals.marketing, sales: totals.sales }));

  const dateOfFooter = formatDate(lang, createdAt);
  return {
    lang,
    document: {
      title: pdfT(lang, 'doc.title', { name, version: versionLabel }),
      author: 'Tandem',
      creator: 'Tandem',
      subject: [pdfT(lang, 'doc.subject', { name }), role, segment].filter((part) => part !== '').join(' · '),
      keywords: [pdfT(lang, 'doc.kind'), segment, role].filter((part) => part !== '').join(', '),
      language: PDF_LOCALES[lang],
      createdAt,
    },
    header: {
      kicker: pdfT(lang, 'doc.kind'),
      name,
      initials: initialsOf(profile.name),
      avatarColor: avatarColorOf(name),
      avatar: profile.avatar,
      role,
      segment,
      roleLine: [role, segment].filter((part) => part !== '').join(' · '),
      details,
      status: { kind: meta.kind, label: versionLabel, detail: statusDetail, text: `${versionLabel} · ${statusDetail}` },
      note,
    },
    overview: {
      title: pdfT(lang, 'overview.title'),
      lines: overviewLines,
      columns: {
        section: pdfT(lang, 'overview.column.section'),
        marketing: sideLabel(lang, 'marketing'),
        sales: sideLabel(lang, 'sales'),
        evidence: pdfT(lang, 'overview.column.evidence'),
      },
      rows: sections.map((section) => ({
        key: section.key,
        label: section.label,
        status: section.signoff.status,
        marketing: sideOf(section.signoff, 'marketing'),
        sales: sideOf(section.signoff, 'sales'),
        alignment: section.alignment,
      })),
    },
    sections,
    evidence: {
      title: pdfT(lang, 'evidence.title'),
      intro: pdfT(lang, 'evidence.intro'),
      groups: SIDES.map((side) => evidenceGroupOf(lang, side, evidence, numbers, linked)),
    },
    footer: {
      text: [name, versionLabel, dateOfFooter].join(' · '),
      pageTemplate: pdfT(lang, 'footer.page'),
    },
  };
}

function sideOf(signoff: PdfSectionSignoff, side: Side): PdfSideSignoff {
  const found = signoff.sides.find((entry) => entry.side === side);
  if (!found) throw new Error(`no sign-off entry for ${side}`);
  return found;
}

function sectionSignoffOf(lang: PdfLanguage, signoff: ReturnType<typeof signoffsFromContent>[SectionKey]): PdfSectionSignoff {
  return {
    status: signoff.status,
    statusLabel: signoffStatusLabel(lang, signoff.status),
    sides: SIDES.map((side) => sideSignoffOf(lang, side, signoff[side])),
  };
}

function sideSignoffOf(lang: PdfLanguage, side: Side, signoff: SideSignoff): PdfSideSignoff {
  const base = { side, sideLabel: sideLabel(lang, side), state: signoff.state };
  if (signoff.state === 'missing') {
    return { ...base, text: pdfT(lang, 'signoff.side.missing'), short: pdfT(lang, 'signoff.short.missing') };
  }
  const vars = { name: signoff.by, date: formatDate(lang, signoff.at) };
  return {
    ...base,
    text: pdfT(lang, `signoff.side.${signoff.state}`, vars),
    short: pdfT(lang, `signoff.short.${signoff.state}`, vars),
  };
}

function alignmentOf(lang: PdfLanguage, alignment: { state: AlignmentState; marketing: number; sales: number }): PdfAlignment {
  return {
    state: alignment.state,
    label: alignmentLabel(lang, alignment.state),
    marketing: alignment.marketing,
    sales: alignment.sales,
    counts: pdfT(lang, 'alignment.counts', { marketing: alignment.marketing, sales: alignment.sales }),
  };
}

function evidenceGroupOf(
  lang: PdfLanguage,
  side: Side,
  evidence: readonly EvidenceItem[],
  numbers: ReadonlyMap<string, EvidenceNumber>,
  linked: Readonly<Record<SectionKey, ReadonlySet<string>>>,
): PdfEvidenceGroup {
  const seen = new Set<string>();
  const items: PdfEvidenceEntry[] = [];
  for (const item of evidence) {
    // evidenceNumbers numbers an id once, in board order; a repeated id is the same item.
    if (item.side !== side || seen.has(item.id)) continue;
    seen.add(item.id);
    const number = numbers.get(item.id);
    if (!number) continue;
    const citedIn = SECTION_KEYS.filter((key) => linked[key].has(item.id)).map((key) => sectionLabel(lang, key));
    const source = item.source.trim();
    items.push({
      id: item.id,
      ref: referenceLabel(lang, number),
      side,
      kind: kindLabel(lang, item.kind),
      text: item.text.trim(),
      source,
      author: item.author.trim(),
      date: item.createdAt === '' ? '' : formatDate(lang, item.createdAt),
      sourceText: source === '' ? null : pdfT(lang, 'evidence.source', { source }),
      sectionText:
        item.section === '' ? pdfT(lang, 'evidence.noSection') : pdfT(lang, 'evidence.section', { section: sectionLabel(lang, item.section) }),
      citedInText: citedIn.length === 0 ? null : pdfT(lang, 'evidence.citedIn', { sections: citedIn.join(', ') }),
    });
  }
  return {
    side,
    title: pdfT(lang, `evidence.group.${side}`),
    count: items.length === 1 ? pdfT(lang, 'evidence.group.countOne') : pdfT(lang, 'evidence.group.count', { count: items.length }),
    items,
    empty: items.length === 0 ? pdfT(lang, `evidence.empty.${side}`) : null,
  };
}

// ---- rich text → blocks ----

interface BlockContext {
  lang: PdfLanguage;
  numbers: ReadonlyMap<string, EvidenceNumber>;
  existing: ReadonlySet<string>;
  flagAssumptions: boolean;
}

const BULLETS = ['•', '–', '•', '–'] as const;
/** Inline node types that hold text inside a textblock. */
const INLINE_TYPES: ReadonlySet<string> = new Set(['text', 'hardBreak']);

function convertBlocks(nodes: readonly RichTextNode[], context: BlockContext, depth: number): PdfBlock[] {
  const blocks: PdfBlock[] = [];
  // Loose text or inline nodes at block level are gathered into a paragraph.
  let loose: RichTextNode[] = [];
  const flushLoose = (): void => {
    if (loose.length === 0) return;
    pushParagraph(blocks, inlinesOf(loose, context));
    loose = [];
  };
  for (const node of nodes) {
    if (INLINE_TYPES.has(node.type)) {
      loose.push(node);
      continue;
    }
    flushLoose();
    blocks.push(...convertBlock(node, context, depth));
  }
  flushLoose();
  return blocks;
}

function convertBlock(node: RichTextNode, context: BlockContext, depth: number): PdfBlock[] {
  const children = node.content ?? [];
  switch (node.type) {
    case 'paragraph': {
      const blocks: PdfBlock[] = [];
      pushParagraph(blocks, inlinesOf(children, context));
      return blocks;
    }
    case 'heading': {
      const inlines = inlinesOf(children, context);
      if (!hasVisibleText(inlines)) return [];
      return [{ type: 'heading', level: headingLevel(node.attrs?.['level']), inlines }];
    }
    case 'bulletList':
    case 'orderedList':
      return listOf(node, context, depth);
    case 'blockquote': {
      const blocks = convertBlocks(children, context, depth);
      return blocks.length === 0 ? [] : [{ type: 'quote', blocks }];
    }
    case 'codeBlock': {
      const text = plainTextOf(children).replace(/\s+$/u, '');
      return text.trim() === '' ? [] : [{ type: 'code', text }];
    }
    case 'horizontalRule':
      return [{ type: 'rule' }];
    default:
      return unknownBlock(node, context, depth);
  }
}

/** A node type the PDF does not know: its text, as paragraphs, keeping what is known inside it. */
function unknownBlock(node: RichTextNode, context: BlockContext, depth: number): PdfBlock[] {
  const children = node.content ?? [];
  if (children.length === 0) {
    const blocks: PdfBlock[] = [];
    pushParagraph(blocks, [{ type: 'text', text: fallbackTextOf(node) }]);
    return blocks;
  }
  if (children.some((child) => INLINE_TYPES.has(child.type))) {
    const blocks: PdfBlock[] = [];
    pushParagraph(blocks, inlinesOf(children, context));
    return blocks;
  }
  return convertBlocks(children, context, depth);
}

function listOf(node: RichTextNode, context: BlockContext, depth: number): PdfBlock[] {
  const ordered = node.type === 'orderedList';
  const startAttr = node.attrs?.['start'];
  const start = typeof startAttr === 'number' && Number.isInteger(startAttr) && startAttr >= 0 ? startAttr : 1;
  const items: PdfListItem[] = [];
  for (const child of node.content ?? []) {
    const blocks = child.type === 'listItem' ? convertBlocks(child.content ?? [], context, depth + 1) : convertBlock(child, context, depth + 1);
    if (blocks.length === 0) continue;
    const marker = ordered ? `${start + items.length}.` : (BULLETS[depth % BULLETS.length] ?? '•');
    const item: PdfListItem = { marker, blocks };
    if (context.flagAssumptions && isAssumption(child, context.existing)) item.assumption = pdfT(context.lang, 'claim.assumption');
    items.push(item);
  }
  return items.length === 0 ? [] : [{ type: 'list', ordered, depth, items }];
}

function headingLevel(level: unknown): 1 | 2 | 3 {
  if (level === 1 || level === 2) return level;
  return 3;
}

function pushParagraph(blocks: PdfBlock[], inlines: PdfInline[]): void {
  // Empty paragraphs are spacing in the editor; the PDF spaces its blocks itself.
  if (hasVisibleText(inlines)) blocks.push({ type: 'paragraph', inlines: trimInlines(inlines) });
}

function hasVisibleText(inlines: readonly PdfInline[]): boolean {
  return inlines.some((inline) => inline.type === 'text' && inline.text.trim() !== '');
}

/** Drops trailing line breaks, so a paragraph ending in a hard break leaves no blank line. */
function trimInlines(inlines: PdfInline[]): PdfInline[] {
  const last = inlines.at(-1);
  if (last?.type === 'text' && /\n+$/u.test(last.text)) {
    const text = last.text.replace(/\n+$/u, '');
    return text === '' ? trimInlines(inlines.slice(0, -1)) : [...inlines.slice(0, -1), { ...last, text }];
  }
  return inlines;
}

function plainTextOf(nodes: readonly RichTextNode[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'hardBreak') return '\n';
      if (typeof node.text === 'string') return node.text;
      return plainTextOf(node.content ?? []);
    })
    .join('');
}

interface Flags {
  bold?: true;
  italic?: true;
  underline?: true;
  strike?: true;
  code?: true;
  href?: string;
}

function flagsOf(marks: readonly RichTextMark[]): Flags {
  const flags: Flags = {};
  for (const mark of marks) {
    switch (mark.type) {
      case 'bold':
        flags.bold = true;
        break;
      case 'italic':
        flags.italic = true;
        break;
      case 'underline':
        flags.underline = true;
        break;
      case 'strike':
        flags.strike = true;
        break;
      case 'code':
        flags.code = true;
        break;
      case 'link': {
        const href = mark.attrs?.['href'];
        if (typeof href === 'string' && /^(https?:\/\/|mailto:)/iu.test(href.trim())) flags.href = href.trim();
        break;
      }
      default:
        break;
    }
  }
  return flags;
}

function sameFlags(a: Flags, b: Flags): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.underline === b.underline && a.strike === b.strike && a.code === b.code && a.href === b.href;
}

function claimIdsOfMarks(marks: readonly RichTextMark[]): string[] {
  const ids: string[] = [];
  for (const mark of marks) if (mark.type === EVIDENCE_MARK.name) ids.push(...idsOfMarkAttrs(mark.attrs));
  return [...new Set(ids)];
}

/**
 * Inline content as text runs, with a references run after each claim: consecutive text carrying the
 * same evidence ids is one claim, however it is formatted inside. Ids of deleted items give no reference.
 */
function inlinesOf(nodes: readonly RichTextNode[], context: BlockContext): PdfInline[] {
  const inlines: PdfInline[] = [];
  let claimKey = '';
  let claimIds: string[] = [];
  const closeClaim = (): void => {
    const refs = refsOf(claimIds, context);
    if (refs.length > 0) inlines.push({ type: 'refs', refs });
  };
  const pushText = (text: string, flags: Flags): void => {
    if (text === '') return;
    const last = inlines.at(-1);
    if (last?.type === 'text' && sameFlags(last, flags)) {
      last.text += text;
      return;
    }
    inlines.push({ type: 'text', text, ...flags });
  };
  const visit = (list: readonly RichTextNode[], inherited: readonly RichTextMark[]): void => {
    for (const node of list) {
      const marks = [...inherited, ...(node.marks ?? [])];
      if (node.type === 'hardBreak') {
        // A line break inside a claim does not end it.
        pushText('\n', {});
      } else if (node.type === 'text') {
        const ids = claimIdsOfMarks(marks);
        const key = ids.join(',');
        if (key !== claimKey) {
          closeClaim();
          claimKey = key;
          claimIds = ids;
        }
        pushText(node.text ?? '', flagsOf(marks));
      } else if (node.content) {
        // An inline node the PDF does not know: its text.
        visit(node.content, marks);
      } else {
        pushText(fallbackTextOf(node), flagsOf(marks));
      }
    }
  };
  visit(nodes, []);
  closeClaim();
  return inlines;
}

function refsOf(ids: readonly string[], context: BlockContext): PdfRef[] {
  const found: { number: EvidenceNumber; label: string }[] = [];
  for (const id of ids) {
    const number = context.numbers.get(id);
    if (number) found.push({ number, label: referenceLabel(context.lang, number) });
  }
  found.sort((a, b) => sideOrder(a.number.side) - sideOrder(b.number.side) || a.number.n - b.number.n);
  const refs: PdfRef[] = [];
  for (const { number, label } of found) {
    if (!refs.some((ref) => ref.label === label)) refs.push({ label, side: number.side });
  }
  return refs;
}

/** The text a leaf node the PDF does not know stands for: its text, or a label-like attribute (a mention's name). */
function fallbackTextOf(node: RichTextNode): string {
  if (typeof node.text === 'string') return node.text;
  for (const attr of ['label', 'text', 'alt', 'title']) {
    const value = node.attrs?.[attr];
    if (typeof value === 'string') return value;
  }
  return '';
}

function sideOrder(side: Side): number {
  return SIDES.indexOf(side);
}
