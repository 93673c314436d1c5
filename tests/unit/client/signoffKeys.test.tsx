import type { Editor } from '@tiptap/react';
import { act, render, screen, within } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { alignmentBySection } from '../../../shared/persona/alignment.ts';
import { writeFragmentFromJSON } from '../../../shared/persona/richText.ts';
import { getSection, getSignoff, SECTION_KEYS } from '../../../shared/persona/schema.ts';
import { readSignoffs, readStoredSignoffs, signOffSection } from '../../../shared/persona/signoff.ts';
import type { RichTextDoc, SectionKey } from '../../../shared/persona/types.ts';
import { readEvidenceSnapshot } from '../../../client/src/features/evidence/useEvidence.ts';
import { SIGNOFF_ORIGIN, useSignoffs } from '../../../client/src/features/signoff/useSignoff.ts';
import { SectionEditor } from '../../../client/src/features/workshop/SectionEditor.tsx';
import { SignoffKeys } from '../../../client/src/features/signoff/SignoffKeys.tsx';
import type { Participant } from '../../../client/src/session/user.ts';
import { connectedPair } from './docs.ts';
import { makeSession, withSession } from './session.tsx';

const ana: Participant = { name: 'Ana', side: 'marketing', color: '#2563eb' };
const ben: Participant = { name: 'Ben', side: 'sales', color: '#ea580c' };

const PAINS: RichTextDoc = {
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Legal review takes three weeks' }] }],
};

function Keys({ doc, participant, readOnly = false, section = 'pains' }: { doc: Y.Doc; participant: Participant; readOnly?: boolean; section?: SectionKey }) {
  const signoffs = useSignoffs(doc);
  return <SignoffKeys doc={doc} section={section} signoff={signoffs[section]} participant={participant} readOnly={readOnly} />;
}

const key = (side: 'marketing' | 'sales') => document.querySelector<HTMLElement>(`[data-signoff-side="${side}"]`) as HTMLElement;

/** Types at the start of a section's first paragraph, as another browser would. */
function typeInto(doc: Y.Doc, section: SectionKey, text: string) {
  const paragraph = getSection(doc, section).get(0) as Y.XmlElement;
  act(() => (paragraph.get(0) as Y.XmlText).insert(0, text));
}

describe('SignoffKeys', () => {
  it('shows both keys in words and lets a participant sign for their own side only', async () => {
    const doc = new Y.Doc();
    writeFragmentFromJSON(getSection(doc, 'pains'), PAINS);
    render(<Keys doc={doc} participant={ana} />, { wrapper: withSession() });

    expect(key('marketing').getAttribute('data-state')).toBe('missing');
    expect(key('marketing').textContent).toContain('Marketing: not signed');
    expect(key('sales').textContent).toContain('Sales: not signed');
    expect(key('sales').title).toBe('Nobody from Sales has signed this section off yet.');
    // One button, for Ana's own side.
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Sign off as Marketing']);

    await userEvent.click(screen.getByRole('button', { name: 'Sign off as Marketing' }));
    expect(key('marketing').getAttribute('data-state')).toBe('current');
    expect(key('marketing').textContent).toContain('Marketing: signed by Ana');
    expect(key('marketing').title).toMatch(/^Ana signed this off for Marketing now \(.+\)\.$/);
    expect(key('sales').getAttribute('data-state')).toBe('missing');
    expect(Object.keys(readStoredSignoffs(doc))).toEqual(['pains:marketing']);
    expect(readStoredSignoffs(doc)['pains:marketing']?.by).toBe('Ana');
    expect(screen.getByRole('status').textContent).toBe('Signed off Pains & challenges for Marketing.');
    expect(screen.getByRole('button').textContent).toBe('Withdraw sign-off');
  });

  it('says who signed and when, and offers a sales participant only the sales key', () => {
    const doc = new Y.Doc();
    writeFragmentFromJSON(getSection(doc, 'pains'), PAINS);
    signOffSection(doc, 'pains', { by: 'Ana', side: 'marketing' }, { now: new Date(Date.now() - 3 * 3600_000) });
    render(<Keys doc={doc} participant={ben} />, { wrapper: withSession() });
    expect(key('marketing').title).toMatch(/^Ana signed this off for Marketing 3 hours ago/);
    expect(key('marketing').querySelector('time')?.textContent).toBe(', signed 3 hours ago');
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Sign off as Sales']);
  });

  it('goes stale when another browser edits the section, and signs again', async () => {
    const { local, remote } = connectedPair();
    writeFragmentFromJSON(getSection(local, 'pains'), PAINS);
    render(<Keys doc={local} participant={ana} />, { wrapper: withSession() });
    await userEvent.click(screen.getByRole('button', { name: 'Sign off as Marketing' }));
    expect(readSignoffs(remote).pains.marketing.state).toBe('current');

    typeInto(remote, 'pains', 'Usually, ');
    expect(key('marketing').getAttribute('data-state')).toBe('stale');
    expect(key('marketing').textContent).toContain('Marketing: changed since Ana signed');
    expect(key('marketing').title).toContain('the section has changed since, so Marketing needs to sign again');

    await userEvent.click(screen.getByRole('button', { name: 'Sign off again' }));
    expect(key('marketing').getAttribute('data-state')).toBe('current');
    expect(readSignoffs(remote).pains.marketing.state).toBe('current');
  });

  it('shows the other side’s sign-off as it arrives from the other browser', () => {
    const { local, remote } = connectedPair();
    writeFragmentFromJSON(getSection(local, 'pains'), PAINS);
    render(<Keys doc={local} participant={ana} />, { wrapper: withSession() });
    act(() => void signOffSection(remote, 'pains', { by: 'Ben', side: 'sales' }));
    expect(key('sales').getAttribute('data-state')).toBe('current');
    expect(key('sales').textContent).toContain('Sales: signed by Ben');
    // Ana still cannot touch the sales key.
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Sign off as Marketing']);
  });

  it('withdraws the participant’s own sign-off, with this browser’s sign-off origin', async () => {
    const doc = new Y.Doc();
    writeFragmentFromJSON(getSection(doc, 'pains'), PAINS);
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => tr.changed.size > 0 && origins.push(tr.origin));
    render(<Keys doc={doc} participant={ana} />, { wrapper: withSession() });

    await userEvent.click(screen.getByRole('button', { name: 'Sign off as Marketing' }));
    await userEvent.click(screen.getByRole('button', { name: 'Withdraw sign-off' }));
    expect(key('marketing').getAttribute('data-state')).toBe('missing');
    expect(getSignoff(doc).has('pains:marketing')).toBe(false);
    expect(origins).toEqual([SIGNOFF_ORIGIN, SIGNOFF_ORIGIN]);
    expect(screen.getByRole('status').textContent).toBe('Withdrew Marketing’s sign-off of Pains & challenges.');
  });

  it('is keyboard operable', async () => {
    const doc = new Y.Doc();
    render(<Keys doc={doc} participant={ana} />, { wrapper: withSession() });
    await userEvent.tab();
    expect(document.activeElement?.textContent).toBe('Sign off as Marketing');
    await userEvent.keyboard('{Enter}');
    expect(key('marketing').getAttribute('data-state')).toBe('current');
  });

  it('shows a viewer both states but no buttons', () => {
    const doc = new Y.Doc();
    writeFragmentFromJSON(getSection(doc, 'pains'), PAINS);
    signOffSection(doc, 'pains', { by: 'Ben', side: 'sales' });
    render(<Keys doc={doc} participant={ana} readOnly />, { wrapper: withSession() });
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(key('sales').textContent).toContain('Sales: signed by Ben');
    expect(key('marketing').textContent).toContain('Marketing: not signed');
  });

  it('[§6] offers a member of no team (an admin of team other) no key to turn, and says why', () => {
    const doc = new Y.Doc();
    writeFragmentFromJSON(getSection(doc, 'pains'), PAINS);
    render(<Keys doc={doc} participant={{ name: 'Admin', side: 'marketing', color: '#6b7280', sideless: true }} />, { wrapper: withSession() });
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.getByTestId('signoff-sideless').textContent).toBe('Marketing and sales sign off; you are on neither team.');
    expect(key('marketing').textContent).toContain('Marketing: not signed');
  });

  it('speaks Spanish', () => {
    const doc = new Y.Doc();
    signOffSection(doc, 'pains', { by: 'Ben', side: 'sales' });
    render(<Keys doc={doc} participant={ana} />, { wrapper: withSession(makeSession({ languages: ['es'] })) });
    expect(key('sales').textContent).toContain('Ventas: firmada por Ben');
    expect(key('marketing').textContent).toContain('Marketing: sin firmar');
    expect(screen.getByRole('button').textContent).toBe('Firmar como Marketing');
  });
});

describe('SectionEditor header', () => {
  const noLinks = Object.fromEntries(SECTION_KEYS.map((k) => [k, new Set<string>()])) as unknown as Record<SectionKey, ReadonlySet<string>>;

  function Section({ doc, participant, readOnly = false, onEditor }: { doc: Y.Doc; participant: Participant; readOnly?: boolean; onEditor: (s: SectionKey, e: Editor | null) => void }) {
    const signoffs = useSignoffs(doc);
    // One provider and one evidence snapshot for the test, as the workshop keeps them: a new one would recreate the editor.
    const [provider] = useState(() => ({ awareness: new Awareness(doc) }) as unknown as WebsocketProvider);
    const [evidence] = useState(() => readEvidenceSnapshot(doc));
    useEffect(() => () => (provider as unknown as { awareness: Awareness }).awareness.destroy(), [provider]);
    return (
      <SectionEditor
        doc={doc}
        provider={provider}
        section="pains"
        participant={participant}
        readOnly={readOnly}
        onEditor={onEditor}
        onFocusSection={() => {}}
        onBlurSection={() => {}}
        evidence={evidence}
        alignment={alignmentBySection([], noLinks).pains}
        openThreads={0}
        signoff={signoffs.pains}
        onShowEvidence={() => {}}
        onShowThreads={() => {}}
        onRequestLink={() => {}}
        onAssumptionsChange={() => {}}
        template="blank"
        notStarted={false}
      />
    );
  }

  it('carries data-signoff, keeps it current, and Undo of an edit never takes a sign-off back', async () => {
    const { local, remote } = connectedPair();
    writeFragmentFromJSON(getSection(local, 'pains'), PAINS);
    let editor: Editor | null = null;
    render(<Section doc={local} participant={ana} onEditor={(_, e) => (editor = e)} />, { wrapper: withSession() });
    const section = document.getElementById('section-pains') as HTMLElement;
    expect(section.getAttribute('data-signoff')).toBe('unsigned');
    const header = within(section.querySelector('header') as HTMLElement);

    await userEvent.click(header.getByRole('button', { name: 'Sign off as Marketing' }));
    expect(section.getAttribute('data-signoff')).toBe('partial');
    act(() => void signOffSection(remote, 'pains', { by: 'Ben', side: 'sales' }));
    expect(section.getAttribute('data-signoff')).toBe('signed');

    await vi.waitFor(() => expect(editor?.isInitialized).toBe(true));
    act(() => void editor?.chain().focus('end').insertContent(' at least').run());
    expect(section.getAttribute('data-signoff')).toBe('stale');
    expect(header.getByRole('button', { name: 'Sign off again' })).toBeTruthy();

    // Undo reverts the typing only: the text is back as signed, so both keys are current again.
    act(() => void editor?.commands.undo());
    expect(section.getAttribute('data-signoff')).toBe('signed');
    expect(readSignoffs(remote).pains.status).toBe('signed');
    expect(Object.keys(readStoredSignoffs(local)).sort()).toEqual(['pains:marketing', 'pains:sales']);
  });

  it('shows a viewer the keys without buttons', () => {
    const doc = new Y.Doc();
    render(<Section doc={doc} participant={ana} readOnly onEditor={() => {}} />, { wrapper: withSession() });
    const section = document.getElementById('section-pains') as HTMLElement;
    expect(section.querySelectorAll('[data-signoff-side]')).toHaveLength(2);
    expect(within(section).queryByRole('button', { name: /Sign off/ })).toBeNull();
  });
});
