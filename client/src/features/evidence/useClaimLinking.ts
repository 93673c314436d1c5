// Linking a claim to evidence: what the picker is open for, and writing the chosen ids back.
import { getMarkRange } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import type { Editor } from '@tiptap/react';
import { useCallback, useRef, useState } from 'react';
import { EVIDENCE_MARK } from '../../../../shared/persona/schema.ts';
import type { SectionKey } from '../../../../shared/persona/types.ts';
import type { LinkTarget } from './LinkEvidenceDialog.tsx';
import { selectedEvidenceIds } from './evidenceMark.ts';

/**
 * Brings the editor's selection up to date with the one on screen. A selection made with the
 * keyboard (Shift+Home) can reach ProseMirror after a shortcut pressed right after it.
 */
function syncSelectionFromScreen(editor: Editor): void {
  const { view } = editor;
  const screen = view.dom.ownerDocument.getSelection();
  if (!view.hasFocus() || !screen?.anchorNode || !screen.focusNode) return;
  if (!view.dom.contains(screen.anchorNode) || !view.dom.contains(screen.focusNode)) return;
  try {
    const anchor = view.posAtDOM(screen.anchorNode, screen.anchorOffset);
    const head = view.posAtDOM(screen.focusNode, screen.focusOffset);
    const { selection } = view.state;
    if (anchor !== selection.anchor || head !== selection.head) {
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, anchor, head)));
    }
  } catch {
    // A node the view has not drawn yet: keep ProseMirror's own selection.
  }
}

export function useClaimLinking() {
  const [target, setTarget] = useState<LinkTarget | null>(null);
  /** True after a request with nothing selected and no claim under the caret. */
  const [needsSelection, setNeedsSelection] = useState(false);
  const editorRef = useRef<Editor | null>(null);

  const request = useCallback((section: SectionKey, editor: Editor) => {
    syncSelectionFromScreen(editor);
    const { state } = editor;
    let { from, to } = state.selection;
    if (from === to) {
      const markType = state.schema.marks[EVIDENCE_MARK.name];
      const range = markType ? getMarkRange(state.doc.resolve(from), markType) : undefined;
      if (!range) {
        setNeedsSelection(true);
        return;
      }
      ({ from, to } = range);
      editor.commands.setTextSelection(range);
    }
    setNeedsSelection(false);
    editorRef.current = editor;
    setTarget({ section, quote: state.doc.textBetween(from, to, ' '), ids: selectedEvidenceIds(editor.state) });
  }, []);

  const apply = useCallback((ids: string[]) => {
    // The editor's selection was kept (and moved along with remote edits) while the picker was open.
    editorRef.current?.chain().focus().setEvidenceLinks(ids).run();
    setTarget(null);
  }, []);

  const close = useCallback(() => setTarget(null), []);

  return { target, needsSelection, request, apply, close };
}
