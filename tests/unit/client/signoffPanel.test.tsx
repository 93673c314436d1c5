import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { alignmentBySection, countBySide, personaBalance } from '../../../shared/persona/alignment.ts';
import { writeFragmentFromJSON } from '../../../shared/persona/richText.ts';
import { getSection, SECTION_KEYS } from '../../../shared/persona/schema.ts';
import { readSignoffs, signOffSection } from '../../../shared/persona/signoff.ts';
import type { SectionKey } from '../../../shared/persona/types.ts';
import { PersonaAlignment } from '../../../client/src/features/evidence/Alignment.tsx';
import { SignoffSummary } from '../../../client/src/features/signoff/SignoffStatus.tsx';
import { WorkshopPanel } from '../../../client/src/features/workshop/WorkshopPanel.tsx';
import { makeSession, withSession } from './session.tsx';

const noLinks = Object.fromEntries(SECTION_KEYS.map((k) => [k, new Set<string>()])) as unknown as Record<SectionKey, ReadonlySet<string>>;

/** summary and goals signed by both, pains by marketing only, objections stale, the rest unsigned. */
function signedDoc(): Y.Doc {
  const doc = new Y.Doc();
  for (const section of SECTION_KEYS) {
    writeFragmentFromJSON(getSection(doc, section), { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: section }] }] });
  }
  for (const section of ['summary', 'goals', 'objections'] as const) {
    signOffSection(doc, section, { by: 'Ana', side: 'marketing' });
    signOffSection(doc, section, { by: 'Ben', side: 'sales' });
  }
  signOffSection(doc, 'pains', { by: 'Ana', side: 'marketing' });
  ((getSection(doc, 'objections').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Edited ');
  return doc;
}

function renderPanel(languages: readonly string[] = ['en']) {
  const signoffs = readSignoffs(signedDoc());
  render(
    <WorkshopPanel
      tab="sections"
      onTabChange={() => {}}
      evidenceCount={0}
      openThreads={0}
      alignment={alignmentBySection([], noLinks)}
      threadCounts={new Map()}
      assumptions={{}}
      signoffs={signoffs}
      activeSection={null}
      onGoToSection={() => {}}
      board={null}
      threads={null}
      history={null}
    />,
    { wrapper: withSession(makeSession({ languages })) },
  );
}

const navItem = (section: SectionKey) => document.querySelector(`[data-nav-section="${section}"]`) as HTMLElement;
const chip = (section: SectionKey) => navItem(section).querySelector('.signoff-chip') as HTMLElement;

describe('the Sections tab', () => {
  it('says each section’s sign-off in a short word with an icon, and the detail', () => {
    renderPanel();
    expect(navItem('summary').getAttribute('data-signoff')).toBe('signed');
    expect(chip('summary').textContent).toContain('Signed off');
    expect(chip('pains').textContent).toContain('1 of 2 signed');
    expect(chip('pains').title).toBe('Marketing signed this section off; Sales has not yet.');
    expect(chip('objections').textContent).toContain('Sign-off stale');
    expect(chip('objections').getAttribute('data-signoff')).toBe('stale');
    expect(chip('messaging').textContent).toContain('Not signed');
    for (const section of SECTION_KEYS) expect(chip(section).querySelector('svg')).not.toBeNull();
  });

  it('in Spanish too', () => {
    renderPanel(['es']);
    expect(chip('summary').textContent).toContain('Firmada');
    expect(chip('pains').textContent).toContain('1 de 2 firmas');
    expect(chip('messaging').textContent).toContain('Sin firmar');
  });
});

describe('the sign-off summary', () => {
  it('counts the sections both sides signed and the stale ones, and leads to the first stale one', async () => {
    const onShowStale = vi.fn();
    const signoffs = readSignoffs(signedDoc());
    render(<PersonaAlignment balance={personaBalance(countBySide([]))} signoff={<SignoffSummary signoffs={signoffs} onShowStale={onShowStale} />} />, {
      wrapper: withSession(),
    });
    const summary = within(screen.getByTestId('persona-alignment')).getByTestId('signoff-summary');
    expect(summary.textContent).toContain('Sign-off: 2 of 7 sections signed by both sides');
    expect(summary.querySelectorAll('.signoff-summary__mark--signed')).toHaveLength(2);
    await userEvent.click(within(summary).getByRole('button', { name: '1 changed since signing' }));
    expect(onShowStale).toHaveBeenCalledTimes(1);
  });

  it('says nothing about stale sections when there are none', () => {
    const doc = new Y.Doc();
    render(<SignoffSummary signoffs={readSignoffs(doc)} />, { wrapper: withSession() });
    expect(screen.getByTestId('signoff-summary').textContent).toContain('Sign-off: 0 of 7 sections signed by both sides');
    expect(screen.queryByTestId('signoff-stale-count')).toBeNull();
  });
});
