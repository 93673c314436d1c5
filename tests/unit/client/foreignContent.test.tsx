// Issue 14 item 3: a section holding content the editor does not know (written before the server's
// shape guard, or by a later version) shows it, and honest typing there never deletes it.
import type { Editor } from '@tiptap/react';
import { act, render } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { alignmentBySection } from '../../../shared/persona/alignment.ts';
import { getSection, SECTION_KEYS } from '../../../shared/persona/schema.ts';
import type { SectionKey } from '../../../shared/persona/types.ts';
import { fragmentToPlainText } from '../../../shared/persona/richText.ts';
import { readEvidenceSnapshot } from '../../../client/src/features/evidence/useEvidence.ts';
import { useSignoffs } from '../../../client/src/features/signoff/useSignoff.ts';
import { SectionEditor } from '../../../client/src/features/workshop/SectionEditor.tsx';
import type { Participant } from '../../../client/src/session/user.ts';
import { withSession } from './session.tsx';

const ana: Participant = { name: 'Ana', side: 'marketing', color: '#2563eb' };
const noLinks = Object.fromEntries(SECTION_KEYS.map((k) => [k, new Set<string>()])) as unknown as Record<SectionKey, ReadonlySet<string>>;

function Section({ doc, onEditor }: { doc: Y.Doc; onEditor: (e: Editor | null) => void }) {
  const signoffs = useSignoffs(doc);
  const [provider] = useState(() => ({ awareness: new Awareness(doc) }) as unknown as WebsocketProvider);
  const [evidence] = useState(() => readEvidenceSnapshot(doc));
  useEffect(() => () => (provider as unknown as { awareness: Awareness }).awareness.destroy(), [provider]);
  return (
    <SectionEditor
      doc={doc}
      provider={provider}
      section="pains"
      participant={ana}
      readOnly={false}
      onEditor={(_, editor) => onEditor(editor)}
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

/** What the stored state holds, written straight into the document (as the server's guard would refuse today). */
function foreignSection(): Y.Doc {
  const doc = new Y.Doc();
  const element = (name: string, ...children: (Y.XmlElement | Y.XmlText)[]) => {
    const el = new Y.XmlElement(name);
    el.insert(0, children);
    return el;
  };
  const shiny = new Y.XmlText();
  shiny.insert(0, 'shiny words', { sparkle: {} });
  getSection(doc, 'pains').insert(0, [
    element('paragraph', new Y.XmlText('honest')),
    element('mystery', new Y.XmlText('hidden text')),
    element('callout', element('paragraph', new Y.XmlText('boxed'))),
    element('paragraph', shiny),
  ]);
  return doc;
}

describe('[issue 14.3] a section holding content the editor does not know', () => {
  it('shows what it can and keeps it all when someone types there', async () => {
    const doc = foreignSection();
    let editor: Editor | null = null;
    const { container } = render(<Section doc={doc} onEditor={(e) => (editor = e)} />, { wrapper: withSession() });
    await vi.waitFor(() => expect(editor?.isInitialized).toBe(true));
    const shown = container.querySelector('[data-section="pains"] .ProseMirror')?.textContent ?? '';
    for (const text of ['honest', 'hidden text', 'boxed', 'shiny words']) expect(shown).toContain(text);

    act(() => void editor?.chain().focus('start').insertContent('Typed: ').run());
    act(() => void editor?.chain().focus('end').insertContent(' and more').run());
    const stored = fragmentToPlainText(getSection(doc, 'pains'));
    expect(stored).toContain('Typed: honest');
    for (const text of ['hidden text', 'boxed', 'shiny words and more']) expect(stored).toContain(text);
  });
});
