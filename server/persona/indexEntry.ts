import type * as Y from 'yjs';
import { countBySide } from '../../shared/persona/alignment.ts';
import { Attribution, type Directory } from '../../shared/persona/authors.ts';
import { getProfile } from '../../shared/persona/schema.ts';
import { readAttributedEvidence } from '../../shared/persona/snapshot.ts';
import type { PersonaIndexEntry } from '../storage/storage.ts';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The persona list's row, read from the document itself. Tolerant on purpose: one malformed
 * evidence item must not hide the persona from the list, so it is not counted, exactly as the
 * evidence board leaves it off. Each item counts on its author's side (SPEC §6), resolved against
 * `directory`.
 */
export function indexEntryOf(id: string, doc: Y.Doc, updatedAt: Date, directory: Directory = new Map()): PersonaIndexEntry {
  const profile = getProfile(doc);
  const evidence = countBySide(readAttributedEvidence(doc, Attribution.of(doc, directory)));
  return {
    id,
    name: text(profile.get('name')),
    role: text(profile.get('role')),
    segment: text(profile.get('segment')),
    evidence,
    updatedAt: updatedAt.toISOString(),
  };
}
