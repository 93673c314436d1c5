// Claims in plain ProseMirror JSON: which evidence a mark names, which sides back it, which list items are assumptions.
// Free of Yjs, so read-only views (the library) load without it.
import { EVIDENCE_MARK, parseEvidenceIds } from './schema.ts';
import type { RichTextDoc, RichTextNode, Side } from './types.ts';

/** The ids a mark's attributes hold (y-prosemirror stores a mark as `{ ids: "a,b" }`). */
export function idsOfMarkAttrs(attrs: unknown): string[] {
  if (attrs === null || typeof attrs !== 'object') return [];
  const ids = (attrs as Record<string, unknown>)[EVIDENCE_MARK.idsAttr];
  return typeof ids === 'string' ? parseEvidenceIds(ids) : [];
}

/** Every evidence id that a claim anywhere in this rich text links to (the `evidence` marks' `ids`). */
export function linkedIdsInContent(node: RichTextDoc | RichTextNode, into: Set<string> = new Set()): Set<string> {
  walkNodes([node], (current) => {
    for (const mark of 'marks' in current ? (current.marks ?? []) : []) {
      if (mark.type === EVIDENCE_MARK.name) for (const id of idsOfMarkAttrs(mark.attrs)) into.add(id);
    }
    return true;
  });
  return into;
}

/**
 * Visits nodes depth-first in document order, without recursion (rich text may nest any depth);
 * `visit` returns false to skip a node's content.
 */
function walkNodes(nodes: readonly (RichTextDoc | RichTextNode)[], visit: (node: RichTextDoc | RichTextNode) => boolean): void {
  const stack = [...nodes].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (!visit(node)) continue;
    const children = node.content ?? [];
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push(child);
    }
  }
}

const isList = (node: RichTextDoc | RichTextNode): boolean => node.type === 'bulletList' || node.type === 'orderedList';

/** Which sides back a claim, counting only items that still exist: 'none' for a link to nothing. */
export type ClaimBacking = 'marketing' | 'sales' | 'both' | 'none';

export function claimBacking(ids: readonly string[], sideOf: ReadonlyMap<string, Side>): ClaimBacking {
  let marketing = false;
  let sales = false;
  for (const id of ids) {
    const side = sideOf.get(id);
    if (side === 'marketing') marketing = true;
    else if (side === 'sales') sales = true;
  }
  if (marketing && sales) return 'both';
  if (marketing) return 'marketing';
  if (sales) return 'sales';
  return 'none';
}

/** Merges ids into a claim's list, keeping order and dropping repeats. */
export function mergeEvidenceIds(current: readonly string[], added: readonly string[]): string[] {
  return [...new Set([...current, ...added])];
}

/** Evidence ids linked anywhere inside a ProseMirror JSON node, nested lists excluded. */
function ownLinkedIds(node: RichTextNode, into: Set<string>): void {
  walkNodes([node], (current) => {
    if (current !== node && isList(current)) return false;
    for (const mark of 'marks' in current ? (current.marks ?? []) : []) {
      if (mark.type === EVIDENCE_MARK.name) for (const id of idsOfMarkAttrs(mark.attrs)) into.add(id);
    }
    return true;
  });
}

/** True when the node, nested lists excluded, holds some text that is not blank. */
function hasText(node: RichTextNode): boolean {
  let found = false;
  walkNodes([node], (current) => {
    if (found || (current !== node && isList(current))) return false;
    if (current.type === 'text' && 'text' in current && (current.text ?? '').trim() !== '') found = true;
    return !found;
  });
  return found;
}

/**
 * A list item is an assumption when it says something and no existing evidence backs it:
 * only its own text counts, not the items of a list nested inside it.
 */
export function isAssumption(listItem: RichTextNode, existing: ReadonlySet<string>): boolean {
  if (listItem.type !== 'listItem' || !hasText(listItem)) return false;
  const ids = new Set<string>();
  ownLinkedIds(listItem, ids);
  return ![...ids].some((id) => existing.has(id));
}

/** The assumptions of a section, as list items in document order. */
export function findAssumptions(content: readonly RichTextNode[], existing: ReadonlySet<string>): RichTextNode[] {
  const found: RichTextNode[] = [];
  walkNodes(content, (node) => {
    if (node.type !== 'doc' && isAssumption(node, existing)) found.push(node);
    return true;
  });
  return found;
}
