// The one place the persona document's shape is named (SPEC §2): root names, keys and typed accessors.
import type * as Y from 'yjs';

/** Section keys, in display order. */
export const SECTION_KEYS = [
  'summary',
  'goals',
  'pains',
  'objections',
  'buyingProcess',
  'channels',
  'messaging',
] as const;

export type SectionKey = (typeof SECTION_KEYS)[number];

const sectionKeySet: ReadonlySet<string> = new Set(SECTION_KEYS);

export function isSectionKey(v: unknown): v is SectionKey {
  return typeof v === 'string' && sectionKeySet.has(v);
}

export const ROOT = {
  profile: 'profile',
  evidence: 'evidence',
  comments: 'comments',
  signoff: 'signoff',
  /** SPEC §8: the persona's targets, a Y.Array of Y.Map { id, metric, value, period }. */
  targets: 'targets',
} as const;

/** Root name of a section's rich text; also the Tiptap Collaboration `field`. */
export function sectionRootName(key: SectionKey): `section:${SectionKey}` {
  return `section:${key}`;
}

export const PROFILE_FIELDS = [
  'name',
  'role',
  'segment',
  'companySize',
  'location',
  'avatar',
  'createdAt',
] as const;

export type ProfileField = (typeof PROFILE_FIELDS)[number];

export const SIDES = ['marketing', 'sales'] as const;

export type Side = (typeof SIDES)[number];

export const EVIDENCE_KINDS = [
  'metric',
  'behaviour',
  'campaign',
  'quote',
  'objection',
  'anecdote',
  'deal',
] as const;

export const PERSONA_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isPersonaId(v: unknown): v is string {
  return typeof v === 'string' && PERSONA_ID_PATTERN.test(v);
}

/** Evidence and thread ids; no commas, because the evidence mark joins ids with them. */
export const ITEM_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The Tiptap mark on a claim backed by evidence, and its attribute of comma-separated item ids. */
export const EVIDENCE_MARK = { name: 'evidence', idsAttr: 'ids' } as const;

export function parseEvidenceIds(ids: string): string[] {
  return ids
    .split(',')
    .map((id) => id.trim())
    .filter((id) => ITEM_ID_PATTERN.test(id));
}

export function formatEvidenceIds(ids: readonly string[]): string {
  return ids.join(',');
}

export function signoffKey(section: SectionKey, side: Side): `${SectionKey}:${Side}` {
  return `${section}:${side}`;
}

const signoffKeySet: ReadonlySet<string> = new Set(
  SECTION_KEYS.flatMap((section) => SIDES.map((side) => signoffKey(section, side))),
);

export function isSignoffKey(v: unknown): v is ReturnType<typeof signoffKey> {
  return typeof v === 'string' && signoffKeySet.has(v);
}

export function getProfile(doc: Y.Doc): Y.Map<string> {
  return doc.getMap<string>(ROOT.profile);
}

export function getSection(doc: Y.Doc, key: SectionKey): Y.XmlFragment {
  return doc.getXmlFragment(sectionRootName(key));
}

export function getEvidence(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(ROOT.evidence);
}

export function getComments(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(ROOT.comments);
}

export function getSignoff(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(ROOT.signoff);
}

export function getTargets(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(ROOT.targets);
}
