import type * as Y from 'yjs';
import { getEvidence, getProfile } from '../../shared/persona/schema.ts';
import type { PersonaIndexEntry } from '../storage/docStore.ts';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The persona list's row, read from the document itself. Tolerant on purpose: one malformed
 * evidence item must not hide the persona from the list, so it is simply not counted.
 */
export function indexEntryOf(id: string, doc: Y.Doc, updatedAt: Date): PersonaIndexEntry {
  const profile = getProfile(doc);
  const evidence = { marketing: 0, sales: 0 };
  for (const item of getEvidence(doc)) {
    const side: unknown = typeof item?.get === 'function' ? item.get('side') : undefined;
    if (side === 'marketing' || side === 'sales') evidence[side] += 1;
  }
  return {
    id,
    name: text(profile.get('name')),
    role: text(profile.get('role')),
    segment: text(profile.get('segment')),
    evidence,
    updatedAt: updatedAt.toISOString(),
  };
}
