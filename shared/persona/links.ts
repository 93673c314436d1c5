// Claim links: the `evidence` mark on section text, read and rewritten straight on the Yjs document.
import * as Y from 'yjs';
import { idsOfMarkAttrs } from './claims.ts';
import { EVIDENCE_MARK, formatEvidenceIds } from './schema.ts';

export type { ClaimBacking } from './claims.ts';
export { claimBacking, findAssumptions, idsOfMarkAttrs, isAssumption, mergeEvidenceIds } from './claims.ts';

interface DeltaOp {
  insert?: unknown;
  attributes?: Record<string, unknown>;
}

function forEachText(fragment: Y.XmlFragment, visit: (text: Y.XmlText) => void): void {
  for (const node of fragment.createTreeWalker(() => true)) {
    if (node instanceof Y.XmlText) visit(node);
  }
}

/** Every evidence id that some claim in this section links to. */
export function linkedEvidenceIds(fragment: Y.XmlFragment): Set<string> {
  const ids = new Set<string>();
  forEachText(fragment, (text) => {
    for (const op of text.toDelta() as DeltaOp[]) {
      for (const id of idsOfMarkAttrs(op.attributes?.[EVIDENCE_MARK.name])) ids.add(id);
    }
  });
  return ids;
}

/**
 * Removes `ids` from every claim link in the section; a claim left with no id loses its mark.
 * Call it inside the transaction that deletes the items. Returns how many spans changed.
 */
export function unlinkEvidence(fragment: Y.XmlFragment, ids: ReadonlySet<string>): number {
  let changed = 0;
  forEachText(fragment, (text) => {
    let index = 0;
    const edits: { index: number; length: number; ids: string[] }[] = [];
    for (const op of text.toDelta() as DeltaOp[]) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      const current = idsOfMarkAttrs(op.attributes?.[EVIDENCE_MARK.name]);
      const kept = current.filter((id) => !ids.has(id));
      if (kept.length !== current.length) edits.push({ index, length, ids: kept });
      index += length;
    }
    for (const edit of edits) {
      const value = edit.ids.length > 0 ? { [EVIDENCE_MARK.idsAttr]: formatEvidenceIds(edit.ids) } : null;
      text.format(edit.index, edit.length, { [EVIDENCE_MARK.name]: value });
      changed += 1;
    }
  });
  return changed;
}
