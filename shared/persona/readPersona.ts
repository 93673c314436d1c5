// Reads a whole persona document into plain domain objects; a bad shape anywhere throws PersonaShapeError.
import type * as Y from 'yjs';
import type { Attribution } from './authors.ts';
import { attributeEvidence } from './evidence.ts';
import { PersonaShapeError, evidenceFromYjs, profileFromYjs, signoffFromYjs, threadFromYjs } from './converters.ts';
import { fragmentToJSON } from './richText.ts';
import {
  SECTION_KEYS,
  getComments,
  getEvidence,
  getProfile,
  getSection,
  getSignoff,
  isSignoffKey,
  sectionRootName,
} from './schema.ts';
import type { EvidenceCounts, Persona, RichTextDoc, SectionKey, SignOff } from './types.ts';

export function readPersona(doc: Y.Doc): Persona {
  return {
    profile: profileFromYjs(getProfile(doc)),
    sections: readSections(doc),
    evidence: getEvidence(doc)
      .toArray()
      .map((item, i) => evidenceFromYjs(item, `evidence[${i}]`)),
    comments: getComments(doc)
      .toArray()
      .map((thread, i) => threadFromYjs(thread, `comments[${i}]`)),
    signoff: readSignoff(doc),
  };
}

/**
 * Evidence per side, for lists and balance bars; every item is still validated. With an
 * `attribution`, an item counts for its author's team (SPEC §6), and not at all for team `other`.
 */
export function evidenceCounts(doc: Y.Doc, attribution?: Attribution): EvidenceCounts {
  const counts: EvidenceCounts = { marketing: 0, sales: 0 };
  getEvidence(doc).forEach((map, i) => {
    const item = evidenceFromYjs(map, `evidence[${i}]`);
    const side = attribution ? attributeEvidence(item, map, attribution)?.side : item.side;
    if (side) counts[side] += 1;
  });
  return counts;
}

function readSections(doc: Y.Doc): Record<SectionKey, RichTextDoc> {
  const entries = SECTION_KEYS.map((key) => [key, fragmentToJSON(getSection(doc, key), sectionRootName(key))]);
  return Object.fromEntries(entries) as Record<SectionKey, RichTextDoc>;
}

function readSignoff(doc: Y.Doc): Record<string, SignOff> {
  const signoff: Record<string, SignOff> = {};
  // Sorted, because Y.Map key order depends on the order updates arrived in.
  const keys = [...getSignoff(doc).keys()].sort();
  for (const key of keys) {
    const path = `signoff["${key}"]`;
    if (!isSignoffKey(key)) throw new PersonaShapeError(`${path}: expected a key "<section>:<side>"`);
    signoff[key] = signoffFromYjs(getSignoff(doc).get(key), path);
  }
  return signoff;
}
