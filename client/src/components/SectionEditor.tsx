import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import type { Editor } from '@tiptap/react';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useId } from 'react';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { SectionKey } from '../../../shared/persona/schema.ts';
import { sectionRootName } from '../../../shared/persona/schema.ts';
import { useT } from '../i18n/index.ts';
import type { Participant } from '../session/user.ts';

export interface SectionEditorProps {
  doc: Y.Doc;
  provider: WebsocketProvider;
  section: SectionKey;
  participant: Participant;
  readOnly: boolean;
  onEditor: (section: SectionKey, editor: Editor | null) => void;
  onFocusSection: (section: SectionKey) => void;
  onBlurSection: (section: SectionKey) => void;
}

/** A caret with the participant's name on a label in their colour. */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user['color'] === 'string' ? user['color'] : '#64748b';
  const caret = document.createElement('span');
  caret.className = 'collab-caret';
  caret.style.borderColor = color;
  const label = document.createElement('span');
  label.className = 'collab-caret__label';
  label.style.backgroundColor = color;
  // textContent, never innerHTML: the name comes from another browser.
  label.textContent = typeof user['name'] === 'string' ? user['name'] : '';
  caret.append(label);
  return caret;
}

/** One section of the persona as a live Tiptap editor on `section:<key>` (SPEC §2, §4 `data-section`). */
export function SectionEditor({ doc, provider, section, participant, readOnly, onEditor, onFocusSection, onBlurSection }: SectionEditorProps) {
  const t = useT();
  const headingId = useId();
  const editor = useEditor(
    {
      editable: !readOnly,
      shouldRerenderOnTransaction: false,
      extensions: [
        // Collaboration brings its own undo, limited to this browser's changes.
        // No trailing node: it would make every browser that opens a section write an empty paragraph.
        StarterKit.configure({ undoRedo: false, trailingNode: false, link: { openOnClick: false, autolink: true } }),
        Collaboration.configure({ document: doc, field: sectionRootName(section) }),
        CollaborationCaret.configure({ provider, user: participant, render: renderCaret }),
        Placeholder.configure({ placeholder: readOnly ? '' : t(`section.${section}.placeholder`) }),
      ],
      editorProps: {
        attributes: {
          'aria-labelledby': headingId,
          'aria-multiline': 'true',
          role: 'textbox',
          class: 'section__editor',
        },
      },
      onFocus: () => onFocusSection(section),
      onBlur: () => onBlurSection(section),
    },
    // Recreated when the language changes, so the placeholder follows it.
    [doc, provider, section, readOnly, t],
  );

  useEffect(() => {
    onEditor(section, editor);
    return () => onEditor(section, null);
  }, [editor, section, onEditor]);

  useEffect(() => {
    if (!editor.isDestroyed) editor.commands.updateUser(participant);
  }, [editor, participant]);

  return (
    <section className="section" id={`section-${section}`} aria-labelledby={headingId}>
      <header className="section__header">
        <h2 className="section__title" id={headingId}>
          {t(`section.${section}`)}
        </h2>
        <p className="section__hint">{t(`section.${section}.hint`)}</p>
      </header>
      <div className="section__body" data-section={section}>
        <EditorContent editor={editor} />
      </div>
    </section>
  );
}
