// What changed between two published versions of a persona: profile, section text (line by line),
// evidence and sign-offs. Pure: plain JSON in, plain JSON out; no Yjs, no DOM.
import { SECTION_KEYS } from './schema.ts';
import type { SignoffStatus } from './signoffRules.ts';
import { signoffsFromContent } from './signoffRules.ts';
import { richTextToPlainText } from './plainText.ts';
import { boundRichTextDepth, isTextblock } from './richTextDepth.ts';
import type { EvidenceItem, Profile, RichTextDoc, RichTextNode, SectionKey, SignOff } from './types.ts';

/** What a diff needs of a version: a `PersonaSnapshot`, or a `PublishedPersona` from the API. */
export interface DiffablePersona {
  profile: Profile;
  sections: Readonly<Record<SectionKey, RichTextDoc>>;
  evidence: readonly EvidenceItem[];
  signoff: Readonly<Record<string, SignOff>>;
}

/** The profile fields a reader sees; `createdAt` never changes between versions. */
export const DIFF_PROFILE_FIELDS = ['name', 'role', 'segment', 'companySize', 'location', 'avatar'] as const;
export type DiffProfileField = (typeof DIFF_PROFILE_FIELDS)[number];

export interface ProfileChange {
  field: DiffProfileField;
  before: string;
  after: string;
}

export type DiffLineKind = 'same' | 'added' | 'removed';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

export interface SectionDiff {
  key: SectionKey;
  /** True when the section's content differs at all, formatting and claim links included. */
  changed: boolean;
  /** The section's text, one line per block, as a line diff (empty blocks left out). */
  lines: DiffLine[];
}

export interface EvidenceChange {
  before: EvidenceItem;
  after: EvidenceItem;
}

export interface EvidenceDiff {
  added: EvidenceItem[];
  removed: EvidenceItem[];
  changed: EvidenceChange[];
}

export interface SignoffChange {
  section: SectionKey;
  before: SignoffStatus;
  after: SignoffStatus;
}

export interface PersonaDiff {
  profile: ProfileChange[];
  /** Every section, in display order. */
  sections: SectionDiff[];
  evidence: EvidenceDiff;
  signoff: SignoffChange[];
  isEmpty: boolean;
}

/** The prefix of a list item's line, so a list reads as a list in the diff. */
export const LIST_ITEM_PREFIX = '• ';

export function diffPersonas(before: DiffablePersona, after: DiffablePersona): PersonaDiff {
  const profile = DIFF_PROFILE_FIELDS.flatMap((field): ProfileChange[] =>
    before.profile[field] === after.profile[field] ? [] : [{ field, before: before.profile[field], after: after.profile[field] }],
  );

  const sections = SECTION_KEYS.map((key): SectionDiff => {
    const lines = diffLines(sectionLines(before.sections[key]), sectionLines(after.sections[key]));
    const changed =
      lines.some((line) => line.kind !== 'same') ||
      JSON.stringify(boundRichTextDepth(before.sections[key])) !== JSON.stringify(boundRichTextDepth(after.sections[key]));
    return { key, changed, lines };
  });

  const evidence = diffEvidence(before.evidence, after.evidence);

  const signoffBefore = signoffsFromContent(before.sections, before.signoff);
  const signoffAfter = signoffsFromContent(after.sections, after.signoff);
  const signoff = SECTION_KEYS.flatMap((section): SignoffChange[] => {
    const was = signoffBefore[section].status;
    const is = signoffAfter[section].status;
    return was === is ? [] : [{ section, before: was, after: is }];
  });

  const isEmpty =
    profile.length === 0 &&
    sections.every((section) => !section.changed) &&
    evidence.added.length === 0 &&
    evidence.removed.length === 0 &&
    evidence.changed.length === 0 &&
    signoff.length === 0;

  return { profile, sections, evidence, signoff, isEmpty };
}

/**
 * A section's text, one line per block: paragraphs, headings and code blocks as they read, each
 * list item's own text prefixed with "• " (indented by its depth). Empty blocks are left out.
 */
export function sectionLines(doc: RichTextDoc | RichTextNode | undefined): string[] {
  const lines: string[] = [];
  // Bounded, so the walk below recurses at most MAX_RICH_TEXT_DEPTH levels whatever the content.
  if (doc) walk(boundRichTextDepth(doc).content ?? [], 0, false, lines);
  return lines;
}

function walk(nodes: readonly RichTextNode[], depth: number, inListItem: boolean, lines: string[]): void {
  for (const node of nodes) {
    if (node.type === 'bulletList' || node.type === 'orderedList') {
      walk(node.content ?? [], depth + 1, false, lines);
    } else if (node.type === 'listItem') {
      walk(node.content ?? [], depth, true, lines);
    } else if (node.type === 'text' || isTextblock(node)) {
      const text = node.type === 'text' ? (node.text ?? '') : richTextToPlainText({ type: 'doc', content: [node] });
      if (text.trim() === '') continue;
      // Only the first block of a list item carries the bullet; later paragraphs of the item are indented.
      const indent = '  '.repeat(Math.max(0, depth - 1));
      lines.push(depth > 0 ? `${indent}${inListItem ? LIST_ITEM_PREFIX : '  '}${text}` : text);
      inListItem = false;
    } else {
      walk(node.content ?? [], depth, inListItem, lines);
    }
  }
}

/** Longest-common-subsequence line diff: unchanged lines, and what was removed and added around them. */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  // The common head and tail need no table.
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start += 1;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore -= 1;
    endAfter -= 1;
  }
  const head = before.slice(0, start).map((text): DiffLine => ({ kind: 'same', text }));
  const tail = before.slice(endBefore).map((text): DiffLine => ({ kind: 'same', text }));
  const a = before.slice(start, endBefore);
  const b = after.slice(start, endAfter);
  return [...head, ...lcsDiff(a, b), ...tail];
}

function lcsDiff(a: readonly string[], b: readonly string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((text) => ({ kind: 'added', text }));
  if (m === 0) return a.map((text) => ({ kind: 'removed', text }));
  // lengths[i * (m + 1) + j] = LCS length of a[i..] and b[j..].
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const x = a[i] ?? '';
    const y = b[j] ?? '';
    if (x === y) {
      out.push({ kind: 'same', text: x });
      i += 1;
      j += 1;
    } else if ((lengths[(i + 1) * width + j] ?? 0) >= (lengths[i * width + j + 1] ?? 0)) {
      out.push({ kind: 'removed', text: x });
      i += 1;
    } else {
      out.push({ kind: 'added', text: y });
      j += 1;
    }
  }
  for (; i < n; i += 1) out.push({ kind: 'removed', text: a[i] ?? '' });
  for (; j < m; j += 1) out.push({ kind: 'added', text: b[j] ?? '' });
  return out;
}

const EVIDENCE_FIELDS = ['side', 'kind', 'text', 'source', 'section', 'author', 'createdAt'] as const;

/** Items matched by id: new ids were added, missing ids removed, and the rest changed if any field differs. */
export function diffEvidence(before: readonly EvidenceItem[], after: readonly EvidenceItem[]): EvidenceDiff {
  const beforeById = new Map(before.map((item) => [item.id, item]));
  const afterIds = new Set(after.map((item) => item.id));
  const added: EvidenceItem[] = [];
  const changed: EvidenceChange[] = [];
  const seen = new Set<string>();
  for (const item of after) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    const old = beforeById.get(item.id);
    if (!old) added.push(item);
    else if (EVIDENCE_FIELDS.some((field) => old[field] !== item[field])) changed.push({ before: old, after: item });
  }
  const removed = [...beforeById.values()].filter((item) => !afterIds.has(item.id));
  return { added, removed, changed };
}

/** The evidence fields that differ between two versions of one item. */
export function changedEvidenceFields(change: EvidenceChange): (typeof EVIDENCE_FIELDS)[number][] {
  return EVIDENCE_FIELDS.filter((field) => change.before[field] !== change.after[field]);
}
