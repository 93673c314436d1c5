import { act, render, renderHook, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { alignmentBySection } from '../../../shared/persona/alignment.ts';
import { writeFragmentFromJSON } from '../../../shared/persona/richText.ts';
import { getSection, SECTION_KEYS } from '../../../shared/persona/schema.ts';
import type { SectionKey } from '../../../shared/persona/schema.ts';
import { fieldGuidance, sectionGuidance, useNotStarted } from '../../../client/src/features/guidance/guidance.ts';
import { publishIssues } from '../../../client/src/features/publishing/PublishChecklist.tsx';
import { SignoffKeys } from '../../../client/src/features/signoff/SignoffKeys.tsx';
import { useSignoffs } from '../../../client/src/features/signoff/useSignoff.ts';
import { translate } from '../../../client/src/i18n/index.ts';
import type { Participant } from '../../../client/src/session/user.ts';
import { withSession } from './session.tsx';

const ana: Participant = { name: 'Ana', side: 'marketing', color: '#2563eb' };
const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('en', key, params);
const es = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('es', key, params);

function Keys({ doc, notStarted }: { doc: Y.Doc; notStarted: boolean }) {
  const signoffs = useSignoffs(doc);
  return <SignoffKeys doc={doc} section="goals" signoff={signoffs.goals} participant={ana} readOnly={false} notStarted={notStarted} />;
}

describe('guidance (issue 13)', () => {
  it('the B2B template guides with its prompts and examples, a blank persona with plain hints, in either language', () => {
    expect(sectionGuidance(en, 'b2b', 'summary')).toContain('Who they are');
    expect(sectionGuidance(es, 'b2b', 'summary')).toContain('Quién es');
    expect(sectionGuidance(en, 'blank', 'summary')).toBe(en('section.summary.placeholder'));
    expect(fieldGuidance(en, 'b2b', 'role')).toBe('e.g. Head of Operations');
    expect(fieldGuidance(es, 'b2b', 'segment')).toBe('p. ej. SaaS para mediana empresa');
    expect(fieldGuidance(en, 'blank', 'role')).toBe(en('profile.rolePlaceholder'));
  });

  it('a section with no text is Not started, and stops being so once something is written', () => {
    const doc = new Y.Doc();
    const { result } = renderHook(() => useNotStarted(doc));
    expect([...result.current].sort()).toEqual([...SECTION_KEYS].sort());
    act(() => writeFragmentFromJSON(getSection(doc, 'goals'), { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Close faster' }] }] }));
    expect(result.current.has('goals')).toBe(false);
    expect(result.current.has('summary')).toBe(true);
  });

  it('a Not started section cannot be signed off', async () => {
    const doc = new Y.Doc();
    const { rerender } = render(<Keys doc={doc} notStarted />, { wrapper: withSession() });
    const button = screen.getByRole('button', { name: 'Sign off as Marketing' });
    expect(button).toHaveProperty('disabled', true);
    expect(button.title).toBe(en('guidance.notStarted.hint'));
    await userEvent.click(button);
    expect(doc.getMap('signoff').size).toBe(0);
    rerender(<Keys doc={doc} notStarted={false} />);
    expect(screen.getByRole('button', { name: 'Sign off as Marketing' })).toHaveProperty('disabled', false);
  });

  it('the publish checklist lists Not started sections as such, and nowhere else', () => {
    const doc = new Y.Doc();
    const { result } = renderHook(() => useSignoffs(doc));
    const noLinks = Object.fromEntries(SECTION_KEYS.map((k) => [k, new Set<string>()])) as unknown as Record<SectionKey, ReadonlySet<string>>;
    const alignment = alignmentBySection([], noLinks);
    const issues = publishIssues(result.current, alignment, 0, new Set(['goals', 'pains']));
    expect(issues.notStarted).toEqual(['goals', 'pains']);
    expect(issues.unsigned).not.toContain('goals');
    expect(issues.unbacked).not.toContain('pains');
    expect(issues.clear).toBe(false);
  });
});
