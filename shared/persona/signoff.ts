// Two-key sign-off: marketing and sales each sign a section off; a change to the section makes a sign-off stale.
import type * as Y from 'yjs';
import { z } from 'zod';
import { PersonaShapeError, signoffFromYjs, signoffToYjs } from './converters.ts';
import { fragmentToJSON } from './richText.ts';
import { SECTION_KEYS, SIDES, getSection, getSignoff, sectionRootName, signoffKey } from './schema.ts';
import type { RichTextDoc, SectionKey, Side, SignOff } from './types.ts';

/**
 * - signed: both sides signed the section as it is now;
 * - partial: one side signed it as it is now, the other has not signed;
 * - stale: someone signed it, and it changed after that;
 * - unsigned: nobody has signed it.
 */
export const SIGNOFF_STATUSES = ['signed', 'partial', 'stale', 'unsigned'] as const;
export type SignoffStatus = (typeof SIGNOFF_STATUSES)[number];

export type SideSignoff = { state: 'missing' } | { state: 'current' | 'stale'; by: string; at: string };

export interface SectionSignoff {
  marketing: SideSignoff;
  sales: SideSignoff;
  status: SignoffStatus;
}

export const SIGNER_NAME_MAX = 80;

export const signerSchema = z.object({
  by: z.string().trim().min(1, 'the signer has no name').max(SIGNER_NAME_MAX, `the name is over ${SIGNER_NAME_MAX} characters`),
  side: z.enum(SIDES),
});
export type Signer = z.infer<typeof signerSchema>;

/**
 * A short, stable fingerprint of a section's content: its ProseMirror JSON (formatting and claim
 * links included, marks and attributes in a fixed order, as fragmentToJSON gives it), hashed.
 * Empty top-level paragraphs are left out: an editor leaves one behind when all text is deleted,
 * and a blank line changes nothing anyone signed. The same content gives the same fingerprint on
 * every client and on the server.
 */
export function contentFingerprint(content: RichTextDoc): string {
  const blocks = content.content.filter((node) => !(node.type === 'paragraph' && (node.content ?? []).length === 0));
  return hash53(JSON.stringify(blocks));
}

export function sectionFingerprint(doc: Y.Doc, section: SectionKey): string {
  return contentFingerprint(fragmentToJSON(getSection(doc, section), sectionRootName(section)));
}

/** One section's sign-off state from its current content and the stored sign-offs. */
export function sectionSignoffState(
  fingerprint: string,
  stored: Partial<Record<Side, SignOff | undefined>>,
): SectionSignoff {
  const sideState = (side: Side): SideSignoff => {
    const signoff = stored[side];
    if (!signoff) return { state: 'missing' };
    return { state: signoff.fingerprint === fingerprint ? 'current' : 'stale', by: signoff.by, at: signoff.at };
  };
  const marketing = sideState('marketing');
  const sales = sideState('sales');
  return { marketing, sales, status: statusOf(marketing, sales) };
}

function statusOf(a: SideSignoff, b: SideSignoff): SignoffStatus {
  if (a.state === 'stale' || b.state === 'stale') return 'stale';
  if (a.state === 'current' && b.state === 'current') return 'signed';
  if (a.state === 'current' || b.state === 'current') return 'partial';
  return 'unsigned';
}

/**
 * Every section's sign-off state, from a document. Tolerant: a sign-off another client wrote in a
 * bad shape counts as missing instead of hiding the rest.
 */
export function readSignoffs(doc: Y.Doc): Record<SectionKey, SectionSignoff> {
  const stored = readStoredSignoffs(doc);
  return signoffsOf((section) => sectionFingerprint(doc, section), stored);
}

/** Every section's state from plain content (a published version, an export). */
export function signoffsFromContent(
  sections: Readonly<Record<SectionKey, RichTextDoc>>,
  stored: Readonly<Record<string, SignOff>>,
): Record<SectionKey, SectionSignoff> {
  return signoffsOf((section) => contentFingerprint(sections[section]), stored);
}

function signoffsOf(
  fingerprintOf: (section: SectionKey) => string,
  stored: Readonly<Record<string, SignOff>>,
): Record<SectionKey, SectionSignoff> {
  const result = {} as Record<SectionKey, SectionSignoff>;
  for (const section of SECTION_KEYS) {
    result[section] = sectionSignoffState(fingerprintOf(section), {
      marketing: stored[signoffKey(section, 'marketing')],
      sales: stored[signoffKey(section, 'sales')],
    });
  }
  return result;
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

/** cyrb53: a fast 53-bit string hash, as 14 hex digits; a fingerprint, not a security measure. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
