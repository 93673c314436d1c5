import type { Editor } from '@tiptap/react';
import { useCallback, useRef, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { SectionKey } from '../../../../shared/persona/schema.ts';
import { announceSection, SECTION_FIELD } from '../../collab/hooks.ts';

export interface SectionFocus {
  /** The section being edited here, announced to the others through awareness. */
  activeSection: SectionKey | null;
  /** Its editor, for the toolbar. */
  activeEditor: Editor | null;
  onEditor: (section: SectionKey, editor: Editor | null) => void;
  onFocusSection: (section: SectionKey) => void;
  onBlurSection: (section: SectionKey) => void;
  /** Focuses a section's editor, or scrolls to it where it cannot be edited. */
  goToSection: (section: SectionKey) => void;
}

/** Which section this browser is in, its editor, and the way to any other section. */
export function useSectionFocus(awareness: Awareness): SectionFocus {
  const editors = useRef(new Map<SectionKey, Editor>());
  const [activeSection, setActiveSection] = useState<SectionKey | null>(null);

  const onEditor = useCallback((section: SectionKey, editor: Editor | null) => {
    if (editor) editors.current.set(section, editor);
    else editors.current.delete(section);
  }, []);
  const onFocusSection = useCallback(
    (section: SectionKey) => {
      setActiveSection(section);
      announceSection(awareness, section);
    },
    [awareness],
  );
  const onBlurSection = useCallback(
    (section: SectionKey) => {
      if (awareness.getLocalState()?.[SECTION_FIELD] === section) announceSection(awareness, null);
    },
    [awareness],
  );
  const goToSection = useCallback((section: SectionKey) => {
    const editor = editors.current.get(section);
    if (editor?.isEditable) editor.commands.focus('end', { scrollIntoView: true });
    else document.getElementById(`section-${section}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, []);

  const activeEditor = activeSection ? (editors.current.get(activeSection) ?? null) : null;
  return { activeSection, activeEditor, onEditor, onFocusSection, onBlurSection, goToSection };
}
