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

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}${ELLIPSIS}` : text;
}
