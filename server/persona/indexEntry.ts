import type * as Y from 'yjs';
import { countBySide } from '../../shared/persona/alignment.ts';
import { Attribution, type Directory } from '../../shared/persona/authors.ts';
import { readEvidence } from '../../shared/persona/evidence.ts';
import { getProfile } from '../../shared/persona/schema.ts';
import type { PersonaIndexEntry } from '../storage/storage.ts';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The persona list's row, read from the document itself. Tolerant on purpose: one malformed
 * evidence item must not hide the persona from the list, so it is not counted, exactly as the
 * evidence board leaves it off. Each item counts for its author's team in `directory` (SPEC §6), as
 * the workshop and the library count it.
 */
export function indexEntryOf(id: string, doc: Y.Doc, updatedAt: Date, directory: Directory = new Map()): PersonaIndexEntry {
  const profile = getProfile(doc);
  const evidence = countBySide(readEvidence(doc, Attribution.of(doc, directory)).items);
  return {
    id,
    name: text(profile.get('name')),
    role: text(profile.get('role')),
    segment: text(profile.get('segment')),
    evidence,
    updatedAt: updatedAt.toISOString(),
  };
}
