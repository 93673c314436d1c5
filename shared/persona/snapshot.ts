// Freezes a persona's document into plain JSON (PersonaSnapshot): what a published version keeps, what the library and the PDF show.
import type * as Y from 'yjs';
import { readEvidence } from './evidence.ts';
import { PersonaShapeError } from './converters.ts';
import { fragmentToJSON } from './richText.ts';
import { PROFILE_FIELDS, SECTION_KEYS, getProfile, getSection, sectionRootName } from './schema.ts';
import { readStoredSignoffs } from './signoff.ts';
import { richTextToPlainText } from './plainText.ts';
import type { PersonaSnapshot, Profile, RichTextDoc, SectionKey } from './types.ts';

export { richTextToPlainText } from './plainText.ts';

/**
 * Reads the document as it is now. Tolerant, so a publish or an export never fails on one bad
 * value another client wrote: a non-string profile field reads as '', a malformed evidence item or
 * sign-off is left out, and a section whose rich text cannot be read counts as empty (and is named
 * in `unreadable`).
 */
export function readPersonaSnapshot(doc: Y.Doc): { snapshot: PersonaSnapshot; unreadable: SectionKey[] } {
  const profileMap = getProfile(doc);
  const profile = Object.fromEntries(
    PROFILE_FIELDS.map((field) => {
      const value: unknown = profileMap.get(field);
      return [field, typeof value === 'string' ? value : ''];
    }),
  ) as unknown as Profile;
  const unreadable: SectionKey[] = [];
  const sections = {} as Record<SectionKey, RichTextDoc>;
  for (const key of SECTION_KEYS) {
    try {
      sections[key] = fragmentToJSON(getSection(doc, key), sectionRootName(key));
    } catch (error) {
      if (!(error instanceof PersonaShapeError)) throw error;
      unreadable.push(key);
      sections[key] = { type: 'doc', content: [] };
    }
  }
  const snapshot = { profile, sections, evidence: readEvidence(doc).items, signoff: readStoredSignoffs(doc) };
  return { snapshot, unreadable };
}

/** Everything a library search looks through: profile, every section's text and the evidence. */
export function snapshotSearchText(snapshot: PersonaSnapshot): string {
  const { profile } = snapshot;
  return [
    profile.name,
    profile.role,
    profile.segment,
    profile.companySize,
    profile.location,
    ...SECTION_KEYS.map((key) => richTextToPlainText(snapshot.sections[key])),
    ...snapshot.evidence.flatMap((item) => [item.text, item.source]),
  ]
    .filter((text) => text.trim() !== '')
    .join('\n');
}
