import { describe, expect, it } from 'vitest';
import { alignmentOfContent } from '../../../shared/persona/alignment.ts';
import {
  SECTION_KEYS,
  alignmentBySection,
  alignmentState,
  countBySide,
  personaBalance,
} from '../../../shared/persona/index.ts';
import type { EvidenceItem, RichTextDoc, SectionKey } from '../../../shared/persona/index.ts';

const AT = '2025-03-04T10:00:00.000Z';

const item = (id: string, side: EvidenceItem['side'], section: EvidenceItem['section']): EvidenceItem => ({
  id,
  side,
  kind: side === 'marketing' ? 'metric' : 'anecdote',
  text: `evidence ${id}`,
  source: '',
  section,
  author: side === 'marketing' ? 'Marta' : 'Sam',
  createdAt: AT,
});

/** Linked ids per section, empty everywhere except where given. */
function linked(partial: Partial<Record<SectionKey, string[]>> = {}): Record<SectionKey, ReadonlySet<string>> {
  const result = {} as Record<SectionKey, ReadonlySet<string>>;
  for (const key of SECTION_KEYS) result[key] = new Set(partial[key] ?? []);
  return result;
}

describe('alignmentState', () => {
  it.each([
    [{ marketing: 2, sales: 1 }, 'both'],
    [{ marketing: 1, sales: 0 }, 'needsSalesValidation'],
    [{ marketing: 0, sales: 3 }, 'needsData'],
    [{ marketing: 0, sales: 0 }, 'unbacked'],
  ] as const)('%o is %s', (counts, state) => {
    expect(alignmentState(counts)).toBe(state);
  });
});

describe('alignmentBySection', () => {
  it('counts an item once per section whether it names the section, is linked from it, or both', () => {
    const evidence = [item('named', 'marketing', 'goals'), item('linkedOnly', 'sales', 'summary'), item('both', 'sales', 'goals')];
    const result = alignmentBySection(evidence, linked({ goals: ['linkedOnly', 'both'] }));
    expect(result.goals).toEqual({ marketing: 1, sales: 2, state: 'both' });
    // linkedOnly still counts where it names its own section.
    expect(result.summary).toEqual({ marketing: 0, sales: 1, state: 'needsData' });
  });

  it('an item with no section counts only where a claim links to it', () => {
    const result = alignmentBySection([item('loose', 'marketing', '')], linked({ pains: ['loose'] }));
    expect(result.pains).toEqual({ marketing: 1, sales: 0, state: 'needsSalesValidation' });
    for (const key of SECTION_KEYS.filter((k) => k !== 'pains')) {
      expect(result[key]).toEqual({ marketing: 0, sales: 0, state: 'unbacked' });
    }
  });

  it('an item linked from two sections counts in both, besides the one it names', () => {
    const result = alignmentBySection(
      [item('shared', 'sales', 'objections')],
      linked({ goals: ['shared'], messaging: ['shared'] }),
    );
    const backed = SECTION_KEYS.filter((key) => result[key].sales === 1);
    expect(backed).toEqual(['goals', 'objections', 'messaging']);
  });

  it('ignores links to items that are not in the evidence list', () => {
    const result = alignmentBySection([item('a', 'marketing', '')], linked({ channels: ['gone', 'also-gone'] }));
    expect(result.channels).toEqual({ marketing: 0, sales: 0, state: 'unbacked' });
  });

  it('returns every section, in display order, unbacked when there is no evidence', () => {
    const result = alignmentBySection([], linked());
    expect(Object.keys(result)).toEqual([...SECTION_KEYS]);
    expect(Object.values(result).every((s) => s.state === 'unbacked')).toBe(true);
  });
});

describe('personaBalance', () => {
  it('has no marketing share when there is no evidence', () => {
    expect(personaBalance({ marketing: 0, sales: 0 })).toEqual({
      marketing: 0,
      sales: 0,
      marketingShare: null,
      sections: { both: 0, needsSalesValidation: 0, needsData: 0, unbacked: 0 },
    });
  });

  it("gives marketing's share of all evidence", () => {
    expect(personaBalance({ marketing: 3, sales: 1 }).marketingShare).toBe(0.75);
    expect(personaBalance({ marketing: 0, sales: 5 }).marketingShare).toBe(0);
    expect(personaBalance({ marketing: 2, sales: 0 }).marketingShare).toBe(1);
  });

  it('counts how many sections are in each state', () => {
    const evidence = [
      item('m1', 'marketing', 'summary'),
      item('s1', 'sales', 'summary'),
      item('m2', 'marketing', 'goals'),
      item('s2', 'sales', 'pains'),
      item('s3', 'sales', ''),
    ];
    const bySection = alignmentBySection(evidence, linked({ goals: ['s3'], objections: ['m1'] }));
    const balance = personaBalance(countBySide(evidence), bySection);
    // summary + goals both; objections marketing only; pains sales only; the other three nothing.
    expect(balance.sections).toEqual({ both: 2, needsSalesValidation: 1, needsData: 1, unbacked: 3 });
    expect(balance).toMatchObject({ marketing: 2, sales: 3, marketingShare: 0.4 });
  });
});

describe('countBySide', () => {
  it('counts items per side', () => {
    expect(countBySide([])).toEqual({ marketing: 0, sales: 0 });
    const evidence = [item('a', 'sales', ''), item('b', 'marketing', 'goals'), item('c', 'sales', 'goals')];
    expect(countBySide(evidence)).toEqual({ marketing: 1, sales: 2 });
  });
});

describe('alignmentOfContent', () => {
  it('reads the links from the marks of plain content, nested lists included', () => {
    const empty = { type: 'doc' as const, content: [] };
    const sections = Object.fromEntries(SECTION_KEYS.map((key) => [key, empty])) as unknown as Record<SectionKey, RichTextDoc>;
    sections.objections = {
      type: 'doc',
      content: [
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Price', marks: [{ type: 'evidence', attrs: { ids: 'm1,s9' } }] }] }],
            },
          ],
        },
      ],
    };
    const result = alignmentOfContent([item('m1', 'marketing', ''), item('s1', 'sales', 'objections')], sections);
    expect(result.objections).toEqual({ state: 'both', marketing: 1, sales: 1 });
    expect(result.summary.state).toBe('unbacked');
  });
});
