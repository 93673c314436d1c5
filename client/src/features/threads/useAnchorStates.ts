// Whether the words each anchored thread is on are still there: recomputed as the sections change.
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { anchorState } from '../../../../shared/persona/anchors.ts';
import { getSection } from '../../../../shared/persona/schema.ts';
import type { CommentThread } from '../../../../shared/persona/types.ts';

/** The ids of the anchored threads whose words are gone. */
export type DeletedAnchors = ReadonlySet<string>;

function deletedAnchors(doc: Y.Doc, threads: readonly CommentThread[]): string[] {
  return threads
    .filter((thread) => thread.anchor && anchorState(doc, getSection(doc, thread.section), thread.anchor).kind === 'deleted')
    .map((thread) => thread.id);
}

/** The anchored threads whose words were deleted, kept current with every change to the document. */
export function useDeletedAnchors(doc: Y.Doc, threads: readonly CommentThread[]): DeletedAnchors {
  const store = useMemo(() => {
    const anchored = threads.filter((thread) => thread.anchor);
    const sections = [...new Set(anchored.map((thread) => getSection(doc, thread.section)))];
    let key = deletedAnchors(doc, anchored).join(',');
    let snapshot: DeletedAnchors = new Set(key ? key.split(',') : []);
    return {
      subscribe(listener: () => void) {
        if (anchored.length === 0) return () => undefined;
        // Only a change inside a section with anchored threads can delete their words.
        const onUpdate = (transaction: Y.Transaction) => {
          const changed = transaction.changedParentTypes as Map<unknown, unknown>;
          if (!sections.some((section) => changed.has(section))) return;
          const next = deletedAnchors(doc, anchored).join(',');
          if (next === key) return;
          key = next;
          snapshot = new Set(key ? key.split(',') : []);
          listener();
        };
        doc.on('afterTransaction', onUpdate);
        return () => doc.off('afterTransaction', onUpdate);
      },
      get: () => snapshot,
    };
  }, [doc, threads]);
  return useSyncExternalStore(store.subscribe, store.get);
}
