// Linking a claim to evidence: what the picker is open for, and writing the chosen ids back.
import { getMarkRange } from '@tiptap/core';
import type { Editor } from '@tiptap/react';
import { useCallback, useRef, useState } from 'react';
import { EVIDENCE_MARK } from '../../../shared/persona/schema.ts';
import type { SectionKey } from '../../../shared/persona/types.ts';
import type { LinkTarget } from '../components/LinkEvidenceDialog.tsx';
import { selectedEvidenceIds } from './evidenceMark.ts';

export function useClaimLinking() {
  const [target, setTarget] = useState<LinkTarget | null>(null);
  /** True after a request with nothing selected and no claim under the caret. */
  const [needsSelection, setNeedsSelection] = useState(false);
  const editorRef = useRef<Editor | null>(null);

  const request = useCallback((section: SectionKey, editor: Editor) => {
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
