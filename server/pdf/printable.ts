// A persona made printable before layout: whatever a document holds, what reaches the renderer is
// bounded (nesting, text, blocks, evidence), so one render takes seconds at most, never minutes.
import { boundRichTextDepth, isTextblock } from '../../shared/persona/richTextDepth.ts';
import { PROFILE_FIELDS, SECTION_KEYS } from '../../shared/persona/schema.ts';
import type { EvidenceItem, PersonaSnapshot, Profile, RichTextDoc, RichTextNode } from '../../shared/persona/types.ts';

export const PRINT_LIMITS = {
  /** Lists and quotes nested deeper are flattened into the deepest level (a list in a list item is 2 levels). */
  nestingLevels: 6,
  sectionChars: 15_000,
  /** A block in n nested lists counts as 1 + n: laying out nested lists costs more each level. */
  sectionBlocks: 150,
  /** Across all sections, so the whole print stays within some 25 pages. */
  totalChars: 40_000,
  totalBlocks: 300,
  profileChars: 300,
  evidenceItems: 150,
  evidenceChars: 20_000,
  evidenceTextChars: 2_000,
  evidenceFieldChars: 300,
} as const;

/** Marks where a section was cut: the layout shows a note there. */
export const TRUNCATED_NODE = 'tandemPrintTruncated';

export interface PrintableSnapshot extends PersonaSnapshot {
  /** Evidence items left out of the print, the layout says how many. */
  omittedEvidence: number;
}

const ELLIPSIS = '…';

/** Idempotent: a printable snapshot comes back the same. Never recursive past the bounded depth. */
export function printableSnapshot(snapshot: PersonaSnapshot & { omittedEvidence?: number }): PrintableSnapshot {
  const profile = Object.fromEntries(
    PROFILE_FIELDS.map((field) => [field, clip(snapshot.profile[field], PRINT_LIMITS.profileChars)]),
  ) as unknown as Profile;
  const total = { chars: PRINT_LIMITS.totalChars, blocks: PRINT_LIMITS.totalBlocks };
  const sections = Object.fromEntries(SECTION_KEYS.map((key) => [key, printableSection(snapshot.sections[key], total)])) as PersonaSnapshot['sections'];
  const evidence: EvidenceItem[] = [];
  let chars = 0;
  for (const item of snapshot.evidence) {
    const printed = {
      ...item,
      text: clip(item.text, PRINT_LIMITS.evidenceTextChars),
      source: clip(item.source, PRINT_LIMITS.evidenceFieldChars),
      author: clip(item.author, PRINT_LIMITS.evidenceFieldChars),
    };
    chars += printed.text.length + printed.source.length;
    if (evidence.length >= PRINT_LIMITS.evidenceItems || chars > PRINT_LIMITS.evidenceChars) break;
    evidence.push(printed);
  }
  const omittedEvidence = (snapshot.omittedEvidence ?? 0) + snapshot.evidence.length - evidence.length;
  // Everything else (signoff, targets, scorecards) prints as it is.
  return { ...snapshot, profile, sections, evidence, omittedEvidence };
}

/**
 * The section nested at most PRINT_LIMITS.nestingLevels lists deep (deeper items become items of the
 * deepest list), cut after PRINT_LIMITS.sectionChars characters or sectionBlocks blocks, with a
 * TRUNCATED_NODE where it was cut.
 */
function printableSection(content: RichTextDoc, total: { chars: number; blocks: number }): RichTextDoc {
  // A list and its item are two levels: the deepest list's content is flattened into paragraphs, each an item.
  const bounded = boundRichTextDepth(content, PRINT_LIMITS.nestingLevels * 2 + 1);
  const budget = {
    chars: Math.max(0, Math.min(PRINT_LIMITS.sectionChars, total.chars)),
    blocks: Math.max(0, Math.min(PRINT_LIMITS.sectionBlocks, total.blocks)),
    cut: false,
  };
  const before = { ...budget };
  const nodes = withinBudget(bounded.content, budget);
  total.chars -= before.chars - budget.chars;
  total.blocks -= before.blocks - budget.blocks;
  if (budget.cut) nodes.push({ type: TRUNCATED_NODE });
  return { type: 'doc', content: nodes };
}

interface Budget {
  chars: number;
  blocks: number;
  cut: boolean;
}

/** `nodes` up to where the budget runs out (the depth is bounded, so recursing here is safe). */
function withinBudget(nodes: readonly RichTextNode[], budget: Budget, lists = 0): RichTextNode[] {
  const kept: RichTextNode[] = [];
  for (const node of nodes) {
    if (budget.cut) break;
    if (node.type === TRUNCATED_NODE) {
      budget.cut = true;
      break;
    }
    if (typeof node.text === 'string') {
      const text = node.text.length > budget.chars ? `${node.text.slice(0, budget.chars)}${ELLIPSIS}` : node.text;
      budget.chars -= node.text.length;
      kept.push(text === node.text ? node : { ...node, text });
      if (budget.chars < 0) budget.cut = true;
      continue;
    }
    if (node.type !== 'hardBreak' && (isTextblock(node) || node.type === 'horizontalRule')) {
      budget.blocks -= 1 + lists;
      if (budget.blocks < 0) {
        budget.cut = true;
        break;
      }
    }
    const inner = node.type === 'bulletList' || node.type === 'orderedList' ? lists + 1 : lists;
    kept.push(node.content ? { ...node, content: withinBudget(node.content, budget, inner) } : node);
  }
  return kept;
}

/**
 * Above this many cost units (see printCost) a print is heavy: it renders in the PDF renderer's slow
 * lane, so it never holds the worker that normal personas use. A full persona of some 9 pages costs
 * about 200; everything the limits let through, about 700.
 */
export const HEAVY_PRINT_COST = 450;

/**
 * What laying out `printable` will cost, before it starts, in units of about one block of text: its
 * blocks weighted by list depth (as the limits count them), its evidence items and its characters.
 * A print that the limits had to cut is at the edge of what is printed: heavy, whatever its count.
 */
export function printCost(printable: PrintableSnapshot): { units: number; heavy: boolean } {
  let units = printable.evidence.length;
  let chars = 0;
  let cut = printable.omittedEvidence > 0;
  for (const item of printable.evidence) chars += item.text.length + item.source.length;
  const stack: { nodes: readonly RichTextNode[]; lists: number }[] = SECTION_KEYS.map((key) => ({ nodes: printable.sections[key].content ?? [], lists: 0 }));
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    for (const node of frame.nodes) {
      if (node.type === TRUNCATED_NODE) cut = true;
      if (typeof node.text === 'string') chars += node.text.length;
      else if (node.type !== 'hardBreak' && (isTextblock(node) || node.type === 'horizontalRule')) units += 1 + frame.lists;
      if (node.content) stack.push({ nodes: node.content, lists: node.type === 'bulletList' || node.type === 'orderedList' ? frame.lists + 1 : frame.lists });
    }
  }
  units += Math.round(chars / CHARS_PER_UNIT);
  return { units, heavy: cut || units > HEAVY_PRINT_COST };
}

const CHARS_PER_UNIT = 250;

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}${ELLIPSIS}` : text;
}
