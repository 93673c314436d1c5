import type * as Y from 'yjs';

/** What `useSyncExternalStore` reads: a subscription and the current snapshot. */
export interface Store<T> {
  subscribe: (listener: () => void) => () => void;
  get: () => T;
}

/** A snapshot of `read()` that is recomputed whenever anything inside `type` changes. */
export function deepStore<T>(type: Y.Array<Y.Map<unknown>>, read: () => T): Store<T> {
  let snapshot = read();
  return {
    subscribe(listener) {
      const observer = () => {
        snapshot = read();
        listener();
      };
      type.observeDeep(observer);
      return () => type.unobserveDeep(observer);
    },
    get: () => snapshot,
  };
}
