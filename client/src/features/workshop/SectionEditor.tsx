import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import type { Editor } from '@tiptap/react';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import { BubbleMenu } from '@tiptap/react/menus';
import StarterKit from '@tiptap/starter-kit';
import { CircleDashed, MessageSquare, MessageSquarePlus } from 'lucide-react';
import { useEffect, useId, useRef } from 'react';
import type * as Y from 'yjs';
import type { TemplateName } from '../../../../shared/api.ts';
import type { WebsocketProvider } from 'y-websocket';
import type { SectionAlignment } from '../../../../shared/persona/alignment.ts';
import { ASSUMPTION_SECTIONS } from '../../../../shared/persona/alignment.ts';
import type { SectionKey } from '../../../../shared/persona/schema.ts';
import { sectionRootName } from '../../../../shared/persona/schema.ts';
import type { SectionSignoff } from '../../../../shared/persona/signoff.ts';
import type { EvidenceSnapshot } from '../evidence/useEvidence.ts';
import { assumptionCount, EvidenceMark, refreshClaims } from '../evidence/evidenceMark.ts';
import { useClaimInspector } from '../evidence/useClaimInspector.ts';
import { useT } from '../../i18n/index.ts';
import type { Participant } from '../../session/user.ts';
import { AlignmentChip, AssumptionCount } from '../evidence/Alignment.tsx';
import { ClaimPopover } from '../evidence/ClaimPopover.tsx';
import { ForeignContent } from './foreignContent.ts';
import { SignoffKeys } from '../signoff/SignoffKeys.tsx';
import { sectionGuidance } from '../guidance/guidance.ts';
import type { ThreadAnchor } from '../../../../shared/persona/types.ts';
import type { AnchoredThread } from '../threads/anchorHighlights.ts';
import { anchorOfSelection, setAnchoredThreads, ThreadAnchorHighlights } from '../threads/anchorHighlights.ts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
/** Comment on the selected words: the chord other editors use for it. */
export const COMMENT_SHORTCUT = isMac ? '⌥⌘M' : 'Ctrl+Alt+M';

export interface SectionEditorProps {
  doc: Y.Doc;
  provider: WebsocketProvider;
  section: SectionKey;
  participant: Participant;
  readOnly: boolean;
  onEditor: (section: SectionKey, editor: Editor | null) => void;
  onFocusSection: (section: SectionKey) => void;
  onBlurSection: (section: SectionKey) => void;
  evidence: EvidenceSnapshot;
  alignment: SectionAlignment;
  openThreads: number;
  /** Both sides' sign-off of this section, as the document is now. */
  signoff: SectionSignoff;
  onShowEvidence: (section: SectionKey) => void;
  onShowThreads: (section: SectionKey) => void;
  /** Asks to link the editor's selection (or the claim the caret is in) to evidence. */
  onRequestLink: (section: SectionKey, editor: Editor) => void;
  /** Told how many list items in this section are assumptions, whenever that changes. */
  onAssumptionsChange: (section: SectionKey, count: number) => void;
  /** The template the persona was made from: the guidance its empty sections show. */
  template: TemplateName;
  /** Nothing written yet: "Not started", nothing to sign off. */
  notStarted: boolean;
  /** The open threads on words of this section, highlighted in the text. */
  anchoredThreads?: readonly AnchoredThread[] | undefined;
  /** Asks to start a thread on the selected words. */
  onRequestComment?: ((section: SectionKey, anchor: ThreadAnchor) => void) | undefined;
  /** Opens a thread whose highlighted words were clicked. */
  onShowThread?: ((section: SectionKey, threadId: string) => void) | undefined;
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
export function SectionEditor(props: SectionEditorProps) {
  const { doc, provider, section, participant, readOnly, onEditor, onFocusSection, onBlurSection, evidence, template } = props;
  const t = useT();
  const headingId = useId();
  // Read by the claims plugin on each redraw, so new evidence does not recreate the editor.
  const sideOf = useRef(evidence.sideOf);
  sideOf.current = evidence.sideOf;
  const requestLink = useRef(() => {});
  const requestComment = useRef((): boolean => false);
  const editor = useEditor(
    {
      editable: !readOnly,
      shouldRerenderOnTransaction: false,
      extensions: [
        // Collaboration brings its own undo, limited to this browser's changes.
        // No trailing node: it would make every browser that opens a section write an empty paragraph.
        StarterKit.configure({ undoRedo: false, trailingNode: false, link: { openOnClick: false, autolink: true } }),
        Collaboration.configure({ document: doc, field: sectionRootName(section) }),
        // Shows what another client wrote that this schema does not know, instead of deleting it.
        ForeignContent,
        CollaborationCaret.configure({ provider, user: participant, render: renderCaret }),
        ThreadAnchorHighlights.extend({
          addKeyboardShortcuts: () => ({ 'Mod-Alt-m': () => requestComment.current() }),
        }),
        // Guidance, never content: a decoration on the empty editor, in the interface's language.
        Placeholder.configure({ placeholder: readOnly ? '' : sectionGuidance(t, template, section) }),
        EvidenceMark.configure({
          sideOf: () => sideOf.current,
          flagAssumptions: ASSUMPTION_SECTIONS.includes(section),
          assumptionLabel: t('claim.assumption'),
        }).extend({
          addKeyboardShortcuts: () => ({
            'Mod-Shift-e': () => {
              requestLink.current();
              return true;
            },
          }),
        }),
      ],
      editorProps: {
        attributes: {
          'aria-labelledby': headingId,
          'aria-multiline': 'true',
          role: 'textbox',
          class: 'section__editor',
          'data-guidance': template,
        },
      },
      onFocus: () => onFocusSection(section),
      onBlur: () => onBlurSection(section),
    },
    // Recreated when the language or the template is known, so the placeholder follows it.
    [doc, provider, section, readOnly, t, template],
  );

  useEffect(() => {
    onEditor(section, editor);
    return () => onEditor(section, null);
  }, [editor, section, onEditor]);

  useEffect(() => {
    if (!editor.isDestroyed) editor.commands.updateUser(participant);
  }, [editor, participant]);

  useEffect(() => {
    requestLink.current = () => {
      if (!readOnly) props.onRequestLink(section, editor);
    };
  });

  useEffect(() => {
    requestComment.current = () => {
      const anchor = readOnly || editor.isDestroyed || !props.onRequestComment ? null : anchorOfSelection(editor.state);
      if (!anchor) return false;
      // The words are now the thread's: put the caret after them, so the menu over them goes away.
      editor.commands.setTextSelection(editor.state.selection.to);
      props.onRequestComment?.(section, anchor);
      return true;
    };
  });

  useEffect(() => {
    if (editor.isInitialized && !editor.isDestroyed) refreshClaims(editor.state, editor.view.dispatch);
  }, [editor, evidence.sideOf]);

  // Redrawn when the threads on this section's words change, not on every render.
  const anchoredKey = JSON.stringify(props.anchoredThreads ?? []);
  useEffect(() => {
    const threads = JSON.parse(anchoredKey) as AnchoredThread[];
    if (!editor.isDestroyed) setAnchoredThreads(editor.state, editor.view.dispatch, threads);
  }, [editor, anchoredKey]);

  const assumptions = useEditorState({ editor, selector: ({ editor: e }) => (e.isInitialized ? assumptionCount(e.state) : 0) });
  const inspector = useClaimInspector(editor);
  const { onAssumptionsChange } = props;
  useEffect(() => onAssumptionsChange(section, assumptions), [onAssumptionsChange, section, assumptions]);

  return (
    <section
      className="section"
      id={`section-${section}`}
      aria-labelledby={headingId}
      data-alignment={props.alignment.state}
      data-signoff={props.signoff.status}
      data-not-started={props.notStarted}
    >
      <header className="section__header">
        <h2 className="section__title" id={headingId}>
          {t(`section.${section}`)}
        </h2>
        <p className="section__hint">{t(`section.${section}.hint`)}</p>
        <div className="section__status">
          <AlignmentChip alignment={props.alignment} onClick={() => props.onShowEvidence(section)} />
          {props.notStarted ? (
            <span className="section__not-started" title={t('guidance.notStarted.hint')} data-testid="not-started">
              <CircleDashed aria-hidden size={14} /> {t('guidance.notStarted')}
            </span>
          ) : null}
          <AssumptionCount count={assumptions} />
          <button
            type="button"
            className={`thread-count${props.openThreads > 0 ? ' thread-count--open' : ''}`}
            data-open-threads={props.openThreads}
            onClick={() => props.onShowThreads(section)}
          >
            <MessageSquare aria-hidden size={14} />
            {props.openThreads > 0 ? t('section.openThreads', { count: props.openThreads }) : t('section.discuss')}
          </button>
        </div>
        <SignoffKeys doc={doc} section={section} signoff={props.signoff} participant={participant} readOnly={readOnly} notStarted={props.notStarted} />
      </header>
      <div
        className="section__body"
        data-section={section}
        {...inspector.containerProps}
        onClickCapture={(event) => {
          // Clicking highlighted words opens their thread; the caret still lands where clicked.
          const target = event.target instanceof Element ? event.target.closest<HTMLElement>('.thread-anchor[data-thread-id]') : null;
          const threadId = target?.dataset['threadId'];
          if (threadId && editor.state.selection.empty) props.onShowThread?.(section, threadId);
        }}
      >
        <EditorContent editor={editor} />
      </div>
      {readOnly || !props.onRequestComment ? null : (
        <BubbleMenu editor={editor} pluginKey={`comment-menu-${section}`} className="comment-menu">
          <button
            type="button"
            className="button button--small comment-menu__button"
            title={`${t('threads.comment.hint')} (${COMMENT_SHORTCUT})`}
            aria-keyshortcuts={isMac ? 'Alt+Meta+M' : 'Control+Alt+M'}
            data-testid="comment-on-words"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => requestComment.current()}
          >
            <MessageSquarePlus aria-hidden size={14} /> {t('threads.comment')}
          </button>
        </BubbleMenu>
      )}
      <ClaimPopover
        anchor={inspector.open?.element ?? null}
        ids={inspector.open?.ids ?? []}
        evidence={evidence}
        readOnly={readOnly}
        onChangeLinks={() => {
          const element = inspector.open?.element;
          if (element) selectClaim(editor, element);
          inspector.close();
          props.onRequestLink(section, editor);
        }}
        onUnlink={() => {
          const element = inspector.open?.element;
          inspector.close();
          if (element && selectClaim(editor, element)) editor.chain().focus().setEvidenceLinks([]).run();
        }}
        onClose={inspector.close}
        {...inspector.cardProps}
      />
    </section>
  );
}

/** Puts the caret inside a claim drawn at `element`, so commands act on that claim. */
function selectClaim(editor: Editor, element: HTMLElement): boolean {
  if (editor.isDestroyed) return false;
  try {
    const pos = editor.view.posAtDOM(element, 0);
    return editor.commands.setTextSelection(Math.min(pos + 1, editor.state.doc.content.size));
  } catch {
    return false;
  }
}
