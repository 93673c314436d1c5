// The two-key sign-off rules on plain JSON: fingerprints and states. Free of Yjs, so read-only views load without it.
import { SECTION_KEYS, signoffKey } from './schema.ts';
import type { RichTextDoc, SectionKey, Side, SignOff } from './types.ts';

/**
 * - signed: both sides signed the section as it is now;
 * - partial: one side signed it as it is now, the other has not signed;
 * - stale: someone signed it, and it changed after that;
 * - unsigned: nobody has signed it.
 */
export const SIGNOFF_STATUSES = ['signed', 'partial', 'stale', 'unsigned'] as const;
export type SignoffStatus = (typeof SIGNOFF_STATUSES)[number];

/**
 * One side's key. `signAgain`: a sign-off written before members existed is there but no longer
 * counts (SPEC §6); that side needs to sign again.
 */
export type SideSignoff = { state: 'missing'; signAgain?: boolean } | { state: 'current' | 'stale'; by: string; at: string };

export interface SectionSignoff {
  marketing: SideSignoff;
  sales: SideSignoff;
  status: SignoffStatus;
}

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

/** One section's sign-off state from its current content and the stored sign-offs. */
export function sectionSignoffState(
  fingerprint: string,
  stored: Partial<Record<Side, SignOff | undefined>>,
  signAgain: Partial<Record<Side, boolean>> = {},
): SectionSignoff {
  const sideState = (side: Side): SideSignoff => {
    const signoff = stored[side];
    if (!signoff) return signAgain[side] ? { state: 'missing', signAgain: true } : { state: 'missing' };
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

/** Every section's state from plain content (a published version, an export). */
export function signoffsFromContent(
  sections: Readonly<Record<SectionKey, RichTextDoc>>,
  stored: Readonly<Record<string, SignOff>>,
): Record<SectionKey, SectionSignoff> {
  return signoffsOf((section) => contentFingerprint(sections[section]), stored);
}

/** `signAgain`: keys (`<section>:<side>`) of sign-offs from before members that no longer count. */
export function signoffsOf(
  fingerprintOf: (section: SectionKey) => string,
  stored: Readonly<Record<string, SignOff>>,
  signAgain: ReadonlySet<string> = new Set(),
): Record<SectionKey, SectionSignoff> {
  const result = {} as Record<SectionKey, SectionSignoff>;
  for (const section of SECTION_KEYS) {
    const marketing = signoffKey(section, 'marketing');
    const sales = signoffKey(section, 'sales');
    result[section] = sectionSignoffState(
      fingerprintOf(section),
      { marketing: stored[marketing], sales: stored[sales] },
      { marketing: signAgain.has(marketing), sales: signAgain.has(sales) },
    );
  }
  return result;
}

/** A short, stable fingerprint of any text (a target's fields, SPEC §8), hashed as sections are. */
export function textFingerprint(text: string): string {
  return hash53(text);
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
