// Section text (ProseMirror JSON) as the PDF's blocks: paragraphs, lists, quotes, with each claim's evidence references.
import type { Locale } from '../../shared/locale.ts';
import { idsOfMarkAttrs, isAssumption } from '../../shared/persona/claims.ts';
import { referenceLabel } from '../../shared/persona/labels.ts';
import type { EvidenceNumber } from '../../shared/persona/references.ts';
import { EVIDENCE_MARK, SIDES } from '../../shared/persona/schema.ts';
import type { RichTextMark, RichTextNode, Side } from '../../shared/persona/types.ts';
import type { PdfBlock, PdfInline, PdfListItem, PdfRef } from './layoutModel.ts';
import { TRUNCATED_NODE } from './printable.ts';
import { pdfT } from './strings.ts';

export interface BlockContext {
  lang: Locale;
  numbers: ReadonlyMap<string, EvidenceNumber>;
  existing: ReadonlySet<string>;
  flagAssumptions: boolean;
}

const BULLETS = ['•', '–', '•', '–'] as const;
/** Inline node types that hold text inside a textblock. */
const INLINE_TYPES: ReadonlySet<string> = new Set(['text', 'hardBreak']);

export function convertBlocks(nodes: readonly RichTextNode[], context: BlockContext, depth: number): PdfBlock[] {
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
    case TRUNCATED_NODE:
      return [{ type: 'paragraph', inlines: [{ type: 'text', text: pdfT(context.lang, 'section.truncated'), italic: true }] }];
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
