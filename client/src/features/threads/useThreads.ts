// Comment threads reach React through useSyncExternalStore over the Yjs document.
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { Attribution } from '../../../../shared/persona/authors.ts';
import { getComments } from '../../../../shared/persona/schema.ts';
import { readThreads } from '../../../../shared/persona/threads.ts';
import type { CommentThread } from '../../../../shared/persona/types.ts';
import { deepStore } from '../../collab/deepStore.ts';

/** Transaction origin of this browser's thread changes: started, replied to, resolved or reopened. */
export const THREADS_ORIGIN = Symbol('tandem.threads');

/** The threads, each message by its true author given an `attribution` (SPEC §6). */
export function useThreads(doc: Y.Doc, attribution?: Attribution): readonly CommentThread[] {
  const store = useMemo(() => deepStore(getComments(doc), () => readThreads(doc, attribution).threads), [doc, attribution]);
  return useSyncExternalStore(store.subscribe, store.get);
}
