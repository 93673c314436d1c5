// Who wrote what, as the server vouches for it (SPEC §6): the document's `authors` root resolved
// against the member directory. Components show these authors, never the names a client stored.
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { z } from 'zod';
import type { MemberListResponse } from '../../../shared/api.ts';
import { TEAMS } from '../../../shared/api.ts';
import type { Directory } from '../../../shared/persona/authors.ts';
import { Attribution, getAuthorsMap, OPERATOR_AUTHOR, readAuthorKeys } from '../../../shared/persona/authors.ts';
import { useApi } from '../api/context.tsx';
import type { Store } from './deepStore.ts';

/** Where the last directory read is kept, so a workshop opened offline still knows its authors. */
export const DIRECTORY_STORAGE_KEY = 'tandem.directory';

const savedDirectorySchema = z.array(z.tuple([z.string(), z.object({ name: z.string(), team: z.enum(TEAMS) })]));

/** Current and former members, by id: what they wrote keeps their name. */
export function directoryOf({ members, former }: MemberListResponse): Directory {
  return new Map([...former, ...members].map((member) => [member.id, { name: member.name, team: member.team }]));
}

export interface DirectoryCache {
  read: () => Directory;
  write: (directory: Directory) => void;
}

/** The directory kept in `storage`; an unreadable one reads as empty. */
export function storedDirectory(storage: Pick<Storage, 'getItem' | 'setItem'>): DirectoryCache {
  return {
    read() {
      try {
        const parsed = savedDirectorySchema.safeParse(JSON.parse(storage.getItem(DIRECTORY_STORAGE_KEY) ?? '[]'));
        return new Map(parsed.success ? parsed.data : []);
      } catch {
        return new Map();
      }
    },
    write(directory) {
      try {
        storage.setItem(DIRECTORY_STORAGE_KEY, JSON.stringify([...directory]));
      } catch {
        // Storage full or off: the directory is read from the server next time.
      }
    },
  };
}

export interface AttributionStoreOptions {
  cache?: DirectoryCache;
  /**
   * Who this browser writes as (a member id, or OPERATOR_AUTHOR): its own new writes are shown as
   * theirs until the server's record of its client id arrives, instead of as unverified.
   */
  loadSelf?: () => Promise<string | null>;
  /** Fires `online`: a load that failed is tried again then. */
  network?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
}

/**
 * The document's attribution, kept current: a new one whenever the server records another writer.
 * The directory is loaded once, and again only when a recorded member id is one it does not know
 * (someone invited since); a failed load is tried again at the next unknown id or when back online.
 */
export function attributionStore(doc: Y.Doc, loadDirectory: () => Promise<Directory>, options: AttributionStoreOptions = {}): Store<Attribution> {
  const { cache, network, loadSelf } = options;
  const authors = getAuthorsMap(doc);
  let self: string | null = null;
  let keys = readAuthorKeys(doc);
  let directory: Directory = cache?.read() ?? new Map();
  const attribution = () => {
    if (self === null || keys.has(doc.clientID)) return new Attribution(keys, directory);
    return new Attribution(new Map(keys).set(doc.clientID, self), directory);
  };
  let snapshot = attribution();
  /** Member ids a load has been started for, or that one answered without. */
  const asked = new Set<string>();
  let loaded = false;
  let loading = false;
  const listeners = new Set<() => void>();

  const publish = () => {
    snapshot = attribution();
    for (const listener of listeners) listener();
  };
  const unknownIds = () => [...new Set(keys.values())].filter((key) => key !== OPERATOR_AUTHOR && !directory.has(key) && !asked.has(key));
  const load = () => {
    const unknown = unknownIds();
    if (loading || (loaded && unknown.length === 0)) return;
    loading = true;
    for (const id of unknown) asked.add(id);
    loadDirectory().then(
      (next) => {
        loaded = true;
        loading = false;
        directory = next;
        cache?.write(next);
        publish();
        load();
      },
      () => {
        loading = false;
        for (const id of unknown) asked.delete(id);
      },
    );
  };
  const onAuthors = () => {
    const next = readAuthorKeys(doc);
    if (sameKeys(next, keys)) return;
    keys = next;
    publish();
    load();
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) {
        authors.observe(onAuthors);
        network?.addEventListener('online', load);
        // Records may have arrived while nobody listened.
        const next = readAuthorKeys(doc);
        if (!sameKeys(next, keys)) {
          keys = next;
          snapshot = attribution();
        }
        load();
        if (self === null) {
          loadSelf?.().then(
            (key) => {
              if (key === null || key === self) return;
              self = key;
              publish();
            },
            () => undefined,
          );
        }
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        authors.unobserve(onAuthors);
        network?.removeEventListener('online', load);
      };
    },
    get: () => snapshot,
  };
}

function sameKeys(a: ReadonlyMap<number, string>, b: ReadonlyMap<number, string>): boolean {
  return a.size === b.size && [...a].every(([clientId, key]) => b.get(clientId) === key);
}

/** The open persona's attribution, from its `authors` root and GET /api/members. */
export function useAttribution(doc: Y.Doc): Attribution {
  const api = useApi();
  const store = useMemo(
    () =>
      attributionStore(doc, async () => directoryOf(await api.listMembers()), {
        cache: storedDirectory(window.localStorage),
        network: window,
        loadSelf: async () => (await api.getMe()).member?.id ?? OPERATOR_AUTHOR,
      }),
    [doc, api],
  );
  return useSyncExternalStore(store.subscribe, store.get);
}
