import type { Editor } from '@tiptap/react';
import { useEditorState } from '@tiptap/react';
import { Bold, Heading3, Italic, Link2, List, ListOrdered, Redo2, Undo2 } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import { Toolbar } from 'radix-ui';
import { selectedEvidenceIds } from '../evidence/evidenceMark.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { useT } from '../../i18n/index.ts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl+';

interface Action {
  id: string;
  label: MessageKey;
  shortcut: string;
  icon: LucideIcon;
  run: (editor: Editor) => void;
  can: (editor: Editor) => boolean;
  active?: (editor: Editor) => boolean;
}

const HISTORY: readonly Action[] = [
  { id: 'undo', label: 'toolbar.undo', shortcut: `${mod}Z`, icon: Undo2, run: (e) => e.chain().focus().undo().run(), can: (e) => e.can().undo() },
  { id: 'redo', label: 'toolbar.redo', shortcut: isMac ? '⇧⌘Z' : 'Ctrl+Y', icon: Redo2, run: (e) => e.chain().focus().redo().run(), can: (e) => e.can().redo() },
];

const FORMAT: readonly Action[] = [
  { id: 'bold', label: 'toolbar.bold', shortcut: `${mod}B`, icon: Bold, run: (e) => e.chain().focus().toggleBold().run(), can: (e) => e.can().toggleBold(), active: (e) => e.isActive('bold') },
  { id: 'italic', label: 'toolbar.italic', shortcut: `${mod}I`, icon: Italic, run: (e) => e.chain().focus().toggleItalic().run(), can: (e) => e.can().toggleItalic(), active: (e) => e.isActive('italic') },
  { id: 'heading', label: 'toolbar.heading', shortcut: isMac ? '⌥⌘3' : 'Ctrl+Alt+3', icon: Heading3, run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), can: (e) => e.can().toggleHeading({ level: 3 }), active: (e) => e.isActive('heading', { level: 3 }) },
  { id: 'bullets', label: 'toolbar.bulletList', shortcut: isMac ? '⇧⌘8' : 'Ctrl+Shift+8', icon: List, run: (e) => e.chain().focus().toggleBulletList().run(), can: (e) => e.can().toggleBulletList(), active: (e) => e.isActive('bulletList') },
  { id: 'numbers', label: 'toolbar.orderedList', shortcut: isMac ? '⇧⌘7' : 'Ctrl+Shift+7', icon: ListOrdered, run: (e) => e.chain().focus().toggleOrderedList().run(), can: (e) => e.can().toggleOrderedList(), active: (e) => e.isActive('orderedList') },
];

type ActionState = Record<string, { can: boolean; active: boolean }>;

const LINK_SHORTCUT = isMac ? '⇧⌘E' : 'Ctrl+Shift+E';

function readActions(editor: Editor | null): ActionState {
  const state: ActionState = {};
  const inClaim = editor !== null && selectedEvidenceIds(editor.state).length > 0;
  // Enabled whenever a section is being edited: with nothing selected, pressing it says what to select.
  state['link'] = { can: editor !== null && editor.isEditable, active: inClaim };
  for (const action of [...HISTORY, ...FORMAT]) {
    state[action.id] = {
      can: editor !== null && editor.isEditable && action.can(editor),
      active: editor !== null && (action.active?.(editor) ?? false),
    };
  }
  return state;
}

/** Formatting and undo/redo for the section last focused; undo only ever reverts this browser's edits. */
export function EditorToolbar({
  editor,
  sectionLabel,
  onLinkEvidence,
}: {
  editor: Editor | null;
  sectionLabel: string | null;
  /** Opens the evidence picker for the selection; null when no section is active. */
  onLinkEvidence: (() => void) | null;
}) {
  const t = useT();
  const state = useEditorState({ editor, selector: ({ editor: e }) => readActions(e) }) ?? readActions(null);

  const button = (action: Action) => {
    const Icon = action.icon;
    const { can, active } = state[action.id] ?? { can: false, active: false };
    const label = `${t(action.label)} (${action.shortcut})`;
    return (
      <Toolbar.Button
        key={action.id}
        className="toolbar__button"
        aria-label={label}
        title={label}
        aria-pressed={action.active ? active : undefined}
        data-active={active || undefined}
        disabled={!can}
        // Keep the editor's selection: act on mousedown without taking focus.
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => editor && action.run(editor)}
      >
        <Icon aria-hidden size={16} />
      </Toolbar.Button>
    );
  };

  return (
    <Toolbar.Root className="toolbar" aria-label={t('toolbar.label')}>
      {HISTORY.map(button)}
      <Toolbar.Separator className="toolbar__separator" />
      {FORMAT.map(button)}
      <Toolbar.Separator className="toolbar__separator" />
      <Toolbar.Button
        className="toolbar__button toolbar__button--text"
        aria-label={`${t('claim.link')} (${LINK_SHORTCUT})`}
        title={`${t('claim.linkHint')} (${LINK_SHORTCUT})`}
        data-testid="link-evidence"
        data-active={state['link']?.active || undefined}
        disabled={!state['link']?.can || !onLinkEvidence}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => onLinkEvidence?.()}
      >
        <Link2 aria-hidden size={16} />
        <span>{t('claim.link')}</span>
      </Toolbar.Button>
      <span className="toolbar__target" aria-live="polite">
        {sectionLabel ? t('toolbar.editing', { section: sectionLabel }) : t('toolbar.pickSection')}
      </span>
    </Toolbar.Root>
  );
}
