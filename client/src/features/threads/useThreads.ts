// Comment threads reach React through useSyncExternalStore over the Yjs document.
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { getComments } from '../../../../shared/persona/schema.ts';
import { readThreads } from '../../../../shared/persona/threads.ts';
import type { CommentThread } from '../../../../shared/persona/types.ts';
import { deepStore } from '../../collab/deepStore.ts';

/** Transaction origin of this browser's thread changes: started, replied to, resolved or reopened. */
export const THREADS_ORIGIN = Symbol('tandem.threads');

export function useThreads(doc: Y.Doc): readonly CommentThread[] {
  const store = useMemo(() => deepStore(getComments(doc), () => readThreads(doc).threads), [doc]);
  return useSyncExternalStore(store.subscribe, store.get);
}
