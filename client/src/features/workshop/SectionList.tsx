import type { SectionAlignment } from '../../../../shared/persona/alignment.ts';
import type { SectionKey } from '../../../../shared/persona/schema.ts';
import type { CommentThread } from '../../../../shared/persona/types.ts';
import type { AnchoredThread } from '../threads/anchorHighlights.ts';
import { SECTION_KEYS } from '../../../../shared/persona/schema.ts';
import type { Signoffs } from '../signoff/useSignoff.ts';
import type { SectionEditorProps } from './SectionEditor.tsx';
import { SectionEditor } from './SectionEditor.tsx';

interface SectionListProps extends Omit<SectionEditorProps, 'section' | 'alignment' | 'openThreads' | 'signoff' | 'notStarted' | 'anchoredThreads'> {
  threads: readonly CommentThread[];
  alignment: Readonly<Record<SectionKey, SectionAlignment>>;
  threadCounts: ReadonlyMap<SectionKey, { open: number }>;
  signoffs: Signoffs;
  notStarted: ReadonlySet<SectionKey>;
}

/** Every section of the persona, in order, each with its own editor, alignment, threads and sign-off. */
/** The open threads on words of `section`. */
function anchoredIn(threads: readonly CommentThread[], section: SectionKey): AnchoredThread[] {
  return threads.flatMap((thread) => (thread.section === section && !thread.resolved && thread.anchor ? [{ id: thread.id, anchor: thread.anchor }] : []));
}

export function SectionList({ alignment, threadCounts, signoffs, notStarted, threads, ...shared }: SectionListProps) {
  return (
    <div className="sections">
      {SECTION_KEYS.map((section) => (
        <SectionEditor
          key={section}
          {...shared}
          section={section}
          alignment={alignment[section]}
          openThreads={threadCounts.get(section)?.open ?? 0}
          signoff={signoffs[section]}
          notStarted={notStarted.has(section)}
          anchoredThreads={anchoredIn(threads, section)}
        />
      ))}
    </div>
  );
}
