// Two-key sign-off: marketing and sales each sign a section off; a change to the section makes a sign-off stale.
import * as Y from 'yjs';
import { z } from 'zod';
import type { Attribution } from './authors.ts';
import { entryWriters, writerOfType } from './authors.ts';
import { PersonaShapeError, signoffFromYjs, signoffToYjs } from './converters.ts';
import { fragmentToJSON } from './richText.ts';
import { SECTION_KEYS, SIDES, getSection, getSignoff, sectionRootName, signoffKey } from './schema.ts';
import { readGenuineSignoffs } from './snapshot.ts';
import type { SectionSignoff } from './signoffRules.ts';
import { contentFingerprint, signoffsOf } from './signoffRules.ts';
import type { SectionKey, Side, SignOff } from './types.ts';

export type { SectionSignoff, SideSignoff, SignoffStatus } from './signoffRules.ts';
export { SIGNOFF_STATUSES, contentFingerprint, sectionSignoffState, signoffsFromContent } from './signoffRules.ts';

export const SIGNER_NAME_MAX = 80;

export const signerSchema = z.object({
  by: z.string().trim().min(1, 'the signer has no name').max(SIGNER_NAME_MAX, `the name is over ${SIGNER_NAME_MAX} characters`),
  side: z.enum(SIDES),
});
export type Signer = z.infer<typeof signerSchema>;

export function sectionFingerprint(doc: Y.Doc, section: SectionKey): string {
  return contentFingerprint(fragmentToJSON(getSection(doc, section), sectionRootName(section)));
}

/**
 * Every section's sign-off state, from a document. Tolerant: a sign-off another client wrote in a
 * bad shape counts as missing instead of hiding the rest. With an `attribution`, only genuine
 * sign-offs count, named as their signer (SPEC §6; see readCountedSignoffs).
 */
export function readSignoffs(doc: Y.Doc, attribution?: Attribution): Record<SectionKey, SectionSignoff> {
  const fingerprintOf = (section: SectionKey) => sectionFingerprint(doc, section);
  if (!attribution) return signoffsOf(fingerprintOf, readStoredSignoffs(doc));
  const { genuine, signAgain } = readCountedSignoffs(doc, attribution);
  return signoffsOf(fingerprintOf, genuine, signAgain);
}

export interface CountedSignoffs {
  /** Sign-offs written by a member of that side's team, `by` their name. */
  genuine: Record<string, SignOff>;
  /** Keys of sign-offs written before members existed: they count no more, that side signs again. */
  signAgain: Set<string>;
}

/**
 * The sign-offs that count, and those from before members that need signing again. A forged one
 * (by a member of the other team) or the Operator's is in neither: that side is simply not signed.
 */
export function readCountedSignoffs(doc: Y.Doc, attribution: Attribution): CountedSignoffs {
  const genuine = readGenuineSignoffs(doc, attribution);
  const signAgain = new Set<string>();
  const map = getSignoff(doc);
  for (const key of Object.keys(readStoredSignoffs(doc))) {
    const value: unknown = map.get(key);
    if (key in genuine || !(value instanceof Y.Map)) continue;
    const writers = entryWriters(value as Y.Map<unknown>);
    const creator = writerOfType(value);
    if (creator !== null) writers.add(creator);
    if ([...writers].every((writer) => attribution.keyOf(writer) === undefined)) signAgain.add(key);
  }
  return { genuine, signAgain };
}

/** The stored sign-offs that have a valid key and shape, keyed by `<section>:<side>`, sorted. */
export function readStoredSignoffs(doc: Y.Doc): Record<string, SignOff> {
  const map = getSignoff(doc);
  const stored: Record<string, SignOff> = {};
  for (const section of SECTION_KEYS) {
    for (const side of SIDES) {
      const key = signoffKey(section, side);
      const value = map.get(key);
      if (value === undefined) continue;
      try {
        stored[key] = signoffFromYjs(value, `signoff["${key}"]`);
      } catch (error) {
        if (!(error instanceof PersonaShapeError)) throw error;
      }
    }
  }
  return stored;
}

/** Signs the section off, as it is now, for the signer's side; replaces that side's earlier sign-off. */
export function signOffSection(
  doc: Y.Doc,
  section: SectionKey,
  signer: Signer,
  options: { origin?: unknown; now?: Date } = {},
): SignOff {
  const { by, side } = parseSigner(signer);
  const signoff: SignOff = {
    by,
    at: (options.now ?? new Date()).toISOString(),
    fingerprint: sectionFingerprint(doc, section),
  };
  doc.transact(() => getSignoff(doc).set(signoffKey(section, side), signoffToYjs(signoff)), options.origin);
  return signoff;
}

/** Withdraws one side's sign-off of a section; false when there was none. */
export function withdrawSignoff(doc: Y.Doc, section: SectionKey, side: Side, origin?: unknown): boolean {
  const map = getSignoff(doc);
  const key = signoffKey(section, side);
  if (!map.has(key)) return false;
  doc.transact(() => map.delete(key), origin);
  return true;
}

function parseSigner(signer: Signer): Signer {
  const parsed = signerSchema.safeParse(signer);
  if (!parsed.success) throw new PersonaShapeError(`signer: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

