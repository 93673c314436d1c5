// Alignment: how much marketing and sales evidence backs each section, and what that means.
import { linkedIdsInContent } from './claims.ts';
import { SECTION_KEYS } from './schema.ts';
import type { EvidenceCounts, EvidenceItem, RichTextDoc, SectionKey } from './types.ts';

/**
 * - both: marketing and sales evidence back it;
 * - needsSalesValidation: only marketing data does, no conversation confirms it;
 * - needsData: only sales anecdotes do, no figure supports it;
 * - unbacked: nothing does.
 */
export const ALIGNMENT_STATES = ['both', 'needsSalesValidation', 'needsData', 'unbacked'] as const;
export type AlignmentState = (typeof ALIGNMENT_STATES)[number];

/** Sections whose list items are claims: an item with no evidence is shown as an assumption. */
export const ASSUMPTION_SECTIONS: readonly SectionKey[] = ['goals', 'pains', 'objections'];

export interface SectionAlignment extends EvidenceCounts {
  state: AlignmentState;
}

export function alignmentState(counts: EvidenceCounts): AlignmentState {
  if (counts.marketing > 0 && counts.sales > 0) return 'both';
  if (counts.marketing > 0) return 'needsSalesValidation';
  if (counts.sales > 0) return 'needsData';
  return 'unbacked';
}

/**
 * An item backs a section when it names the section, or when a claim in the section's text links
 * to it; each item counts once per section even if both are true or it is linked twice.
 */
export function alignmentBySection(
  evidence: readonly EvidenceItem[],
  linkedIds: Readonly<Record<SectionKey, ReadonlySet<string>>>,
): Record<SectionKey, SectionAlignment> {
  const result = {} as Record<SectionKey, SectionAlignment>;
  for (const section of SECTION_KEYS) {
    const counts: EvidenceCounts = { marketing: 0, sales: 0 };
    const linked = linkedIds[section];
    for (const item of evidence) {
      if (item.section === section || linked.has(item.id)) counts[item.side] += 1;
    }
    result[section] = { ...counts, state: alignmentState(counts) };
  }
  return result;
}

/** Alignment from plain content (a published version, an export), the links read from its marks. */
export function alignmentOfContent(
  evidence: readonly EvidenceItem[],
  sections: Readonly<Record<SectionKey, RichTextDoc>>,
): Record<SectionKey, SectionAlignment> {
  const linked = Object.fromEntries(SECTION_KEYS.map((key) => [key, linkedIdsInContent(sections[key])]));
  return alignmentBySection(evidence, linked as Record<SectionKey, Set<string>>);
}

export interface PersonaBalance extends EvidenceCounts {
  /** Marketing's share of all evidence, 0–1; null when there is none. */
  marketingShare: number | null;
  /** How many sections are in each state. */
  sections: Record<AlignmentState, number>;
}

export function personaBalance(
  counts: EvidenceCounts,
  bySection?: Readonly<Record<SectionKey, SectionAlignment>>,
): PersonaBalance {
  const total = counts.marketing + counts.sales;
  const sections: Record<AlignmentState, number> = { both: 0, needsSalesValidation: 0, needsData: 0, unbacked: 0 };
  if (bySection) for (const key of SECTION_KEYS) sections[bySection[key].state] += 1;
  return { ...counts, marketingShare: total === 0 ? null : counts.marketing / total, sections };
}

export function countBySide(evidence: readonly EvidenceItem[]): EvidenceCounts {
  const counts: EvidenceCounts = { marketing: 0, sales: 0 };
  for (const item of evidence) counts[item.side] += 1;
  return counts;
}
