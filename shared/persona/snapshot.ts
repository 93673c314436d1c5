// Freezes a persona's document into plain JSON (PersonaSnapshot): what a published version keeps, what the library and the PDF show.
import * as Y from 'yjs';
import { splitMentions } from '../feedback/mentions.ts';
import type { Directory } from './authors.ts';
import { Attribution, UNKNOWN_MEMBER_NAME } from './authors.ts';
import { PersonaShapeError, signoffFromYjs } from './converters.ts';
import { readEvidence } from './evidence.ts';
import { fragmentToJSON } from './richText.ts';
import { PROFILE_FIELDS, SECTION_KEYS, SIDES, getProfile, getSection, getSignoff, isSectionKey, sectionRootName, signoffKey } from './schema.ts';
import { richTextToPlainText } from './plainText.ts';
import type { EvidenceItem, PersonaSnapshot, Profile, RichTextDoc, SectionKey, SignOff } from './types.ts';

export { richTextToPlainText } from './plainText.ts';

/**
 * Reads the document as it is now. Tolerant, so a publish or an export never fails on one bad
 * value another client wrote: a non-string profile field reads as '', a malformed evidence item or
 * sign-off is left out, and a section whose rich text cannot be read counts as empty (and is named
 * in `unreadable`). Authors are the server's word (SPEC §6), resolved against `directory`.
 */
export function readPersonaSnapshot(doc: Y.Doc, directory: Directory = new Map()): { snapshot: PersonaSnapshot; unreadable: SectionKey[] } {
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
  const attribution = Attribution.of(doc, directory);
  // A section with nothing written holds guidance only (issue 13): there was nothing to sign.
  const signoff = Object.fromEntries(
    Object.entries(readGenuineSignoffs(doc, attribution)).filter(([key]) => {
      const [section] = key.split(':');
      return !isSectionKey(section) || richTextToPlainText(sections[section]).trim() !== '';
    }),
  );
  // Frozen as read then: the names the mentions had, never a token a reader cannot resolve.
  const evidence = readAttributedEvidence(doc, attribution).map((item) => ({ ...item, text: mentionsAsNames(item.text, directory) }));
  const snapshot = { profile, sections, evidence, signoff };
  return { snapshot, unreadable };
}

/** A text with each mention token (issue 17) written as `@Name` or `@marketing` / `@sales`. */
export function mentionsAsNames(text: string, directory: Directory): string {
  if (!text.includes('@[')) return text;
  return splitMentions(text)
    .map((part) => {
      if (part.kind === 'text') return part.text;
      const { target } = part;
      return target.kind === 'team' ? `@${target.team}` : `@${directory.get(target.id)?.name ?? UNKNOWN_MEMBER_NAME}`;
    })
    .join('');
}

/**
 * The evidence with each item's author and side as the server knows its writer: a member's name
 * and team (members of team `other` add none), the Operator's stated ones, or the stated text of an
 * item written before members, marked unverified.
 */
export function readAttributedEvidence(doc: Y.Doc, attribution: Attribution): EvidenceItem[] {
  return readEvidence(doc, attribution).items;
}

/**
 * The sign-offs that count (SPEC §6): each written by a member of that side's team, named as the
 * member; stale ones included (the reader marks them). Any other is left out.
 */
export function readGenuineSignoffs(doc: Y.Doc, attribution: Attribution): Record<string, SignOff> {
  const map = getSignoff(doc);
  const genuine: Record<string, SignOff> = {};
  for (const section of SECTION_KEYS) {
    for (const side of SIDES) {
      const key = signoffKey(section, side);
      const value: unknown = map.get(key);
      if (!(value instanceof Y.Map)) continue;
      const signer = attribution.signerOf(value as Y.Map<unknown>, side);
      if (signer === null || signer.id === null) continue;
      try {
        const stored = signoffFromYjs(value, `signoff["${key}"]`);
        genuine[key] = { ...stored, by: signer.name, memberId: signer.id };
      } catch (error) {
        if (!(error instanceof PersonaShapeError)) throw error;
      }
    }
  }
  return genuine;
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
