// Adding, changing and deleting evidence items in the document; deleting one also removes its claim links.
import * as Y from 'yjs';
import { z } from 'zod';
import type { Attribution } from './authors.ts';
import { PersonaShapeError, evidenceFromYjs, evidenceKindSchema, evidenceToYjs, sideSchema } from './converters.ts';
import { unlinkEvidence } from './links.ts';
import { SECTION_KEYS, getEvidence, getSection } from './schema.ts';
import type { EvidenceItem } from './types.ts';

export const EVIDENCE_TEXT_MAX = 2000;
export const EVIDENCE_SOURCE_MAX = 300;

/** What a person (or an imported row) supplies; id, author, side and date are added when it is written. */
export const evidenceInputSchema = z.object({
  kind: evidenceKindSchema,
  text: z.string().trim().min(1, 'text is empty').max(EVIDENCE_TEXT_MAX, `text is over ${EVIDENCE_TEXT_MAX} characters`),
  source: z.string().trim().max(EVIDENCE_SOURCE_MAX, `source is over ${EVIDENCE_SOURCE_MAX} characters`),
  section: z.enum([...SECTION_KEYS, '']),
});
export type EvidenceInput = z.infer<typeof evidenceInputSchema>;

export const evidenceAuthorSchema = z.object({
  author: z.string().trim().min(1, 'author is empty'),
  side: sideSchema,
});
export type EvidenceAuthor = z.infer<typeof evidenceAuthorSchema>;

/** A random id matching ITEM_ID_PATTERN; getRandomValues works in insecure contexts too (unlike randomUUID). */
export function newItemId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return Array.from(bytes, (byte) => alphabet[byte % 64]).join('');
}

/**
 * The document's evidence as domain items, in board order. Tolerant on purpose: an item another
 * client wrote in a bad shape is skipped (and counted) instead of hiding the whole board. With an
 * `attribution`, each item's author and side are the server's word (see attributeEvidence).
 */
export function readEvidence(doc: Y.Doc, attribution?: Attribution): { items: EvidenceItem[]; skipped: number } {
  const items: EvidenceItem[] = [];
  let skipped = 0;
  getEvidence(doc).forEach((map, i) => {
    try {
      const item = evidenceFromYjs(map, `evidence[${i}]`);
      const shown = attribution ? attributeEvidence(item, map, attribution) : item;
      if (shown) items.push(shown);
    } catch (error) {
      if (!(error instanceof PersonaShapeError)) throw error;
      skipped += 1;
    }
  });
  return { items, skipped };
}

/**
 * An item with its author and side as the server knows its writer (SPEC §6): a member's name and
 * team, the Operator's stated ones, or the stated text of an item written before members, marked
 * unverified. Null for an item by a member of team `other`, who adds no evidence.
 */
export function attributeEvidence(item: EvidenceItem, map: Y.Map<unknown>, attribution: Attribution): EvidenceItem | null {
  const author = attribution.authorOfType(map, { name: item.author, side: item.side });
  if (author.team === 'other') return null;
  return { ...item, author: author.name, side: author.team, authorId: author.id, verified: author.verified };
}

/** Appends items in one transaction; every input is checked first, so a bad one writes nothing. */
export function addEvidence(
  doc: Y.Doc,
  inputs: readonly EvidenceInput[],
  by: EvidenceAuthor,
  options: { origin?: unknown; now?: Date } = {},
): EvidenceItem[] {
  const author = evidenceAuthorSchema.parse(by);
  const createdAt = (options.now ?? new Date()).toISOString();
  const items = inputs.map((input) => ({ ...evidenceInputSchema.parse(input), ...author, id: newItemId(), createdAt }));
  const maps = items.map(evidenceToYjs);
  doc.transact(() => getEvidence(doc).push(maps), options.origin);
  return items;
}

/** Changes what an item says; its id, author, side and date stay. False when the item is gone. */
export function updateEvidence(doc: Y.Doc, id: string, input: EvidenceInput, origin?: unknown): boolean {
  const next = evidenceInputSchema.parse(input);
  const map = findEvidenceMap(doc, id);
  if (!map) return false;
  doc.transact(() => {
    for (const [key, value] of Object.entries(next)) {
      if (map.get(key) !== value) map.set(key, value);
    }
  }, origin);
  return true;
}

/** Deletes items and, in the same transaction, every claim link to them: no dangling link is left. */
export function deleteEvidence(doc: Y.Doc, ids: ReadonlySet<string>, origin?: unknown): number {
  let deleted = 0;
  doc.transact(() => {
    const array = getEvidence(doc);
    // Backwards, so indexes stay valid while deleting.
    for (let i = array.length - 1; i >= 0; i -= 1) {
      const map = array.get(i);
      const id = map instanceof Y.Map ? map.get('id') : undefined;
      if (typeof id === 'string' && ids.has(id)) {
        array.delete(i, 1);
        deleted += 1;
      }
    }
    for (const key of SECTION_KEYS) unlinkEvidence(getSection(doc, key), ids);
  }, origin);
  return deleted;
}

function findEvidenceMap(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
  for (const map of getEvidence(doc)) {
    if (map instanceof Y.Map && map.get('id') === id) return map;
  }
  return undefined;
}
