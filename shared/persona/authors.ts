// Who wrote what, in the server's words (SPEC §6): every Yjs client id a member's socket writes with
// is recorded by the server in the `authors` root, and only the server writes there. A reader trusts
// those records, never a name or side a client stored as text.
import type * as Y from 'yjs';
import type { Author, Team } from '../api.ts';
import type { Side } from './schema.ts';

/** The root map: Yjs client id (decimal) → author key (a member id, or OPERATOR_AUTHOR). */
export const AUTHORS_ROOT = 'authors';

/**
 * The Yjs client id the server writes the authors map with. No participant may write under it or
 * next to its entries, nor delete them: the server closes such a socket (4403).
 */
export const AUTHORS_CLIENT_ID = 1;

/** The author key of everything written with an operator token (no `sub`). */
export const OPERATOR_AUTHOR = 'operator';

/** What a reader needs to know of each member, removed ones included. */
export interface DirectoryEntry {
  readonly name: string;
  readonly team: Team;
}
export type Directory = ReadonlyMap<string, DirectoryEntry>;

/** What a client stored as text beside the content: shown only when nothing better is known. */
export interface StatedAuthor {
  readonly name: string;
  readonly side: string;
}

export const OPERATOR_NAME = 'Operator';
/** The name shown for a member id the directory does not know (yet). */
export const UNKNOWN_MEMBER_NAME = 'Unknown member';

export function getAuthorsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(AUTHORS_ROOT);
}

/** The trusted records: entries the server wrote (under AUTHORS_CLIENT_ID), as client id → author key. */
export function readAuthorKeys(doc: Y.Doc): Map<number, string> {
  const map = getAuthorsMap(doc);
  const keys = new Map<number, string>();
  for (const [key, item] of map._map) {
    if (item.deleted || item.id.client !== AUTHORS_CLIENT_ID) continue;
    const value: unknown = map.get(key);
    const clientId = Number(key);
    if (typeof value === 'string' && Number.isSafeInteger(clientId) && String(clientId) === key) keys.set(clientId, value);
  }
  return keys;
}

/** The client id that created a Yjs type (an evidence item's map, a thread's); null for a root. */
export function writerOfType(type: { readonly _item: Y.Item | null }): number | null {
  return type._item?.id.client ?? null;
}

/** The client ids that wrote a map's current entries. */
export function entryWriters(map: Y.Map<unknown>): Set<number> {
  const writers = new Set<number>();
  for (const item of map._map.values()) if (!item.deleted) writers.add(item.id.client);
  return writers;
}

const isSide = (value: string): value is Side => value === 'marketing' || value === 'sales';

/** Resolves writers to authors against the trusted records and the member directory. */
export class Attribution {
  readonly #keys: Map<number, string>;
  readonly #directory: Directory;

  constructor(keys: Map<number, string>, directory: Directory) {
    this.#keys = keys;
    this.#directory = directory;
  }

  static of(doc: Y.Doc, directory: Directory): Attribution {
    return new Attribution(readAuthorKeys(doc), directory);
  }

  /** The author key (member id or OPERATOR_AUTHOR) a client id was recorded under; undefined when it never was. */
  keyOf(clientId: number): string | undefined {
    return this.#keys.get(clientId);
  }

  /**
   * Who wrote something by `clientId`: the member (their name and team), the Operator (with what
   * it stated), or, for what was written before members, the stated name marked unverified.
   */
  authorOf(clientId: number | null, stated: StatedAuthor): Author {
    const key = clientId === null ? undefined : this.#keys.get(clientId);
    const statedTeam: Team = isSide(stated.side) ? stated.side : 'other';
    if (key === undefined) return { id: null, name: stated.name, team: statedTeam, verified: false };
    if (key === OPERATOR_AUTHOR) return { id: null, name: stated.name.trim() || OPERATOR_NAME, team: statedTeam, verified: true };
    const member = this.#directory.get(key);
    return { id: key, name: member?.name ?? UNKNOWN_MEMBER_NAME, team: member?.team ?? 'other', verified: true };
  }

  /** Who created a Yjs type (evidence item, thread, reply). */
  authorOfType(type: { readonly _item: Y.Item | null }, stated: StatedAuthor): Author {
    return this.authorOf(writerOfType(type), stated);
  }

  /**
   * The member who signed a section off for `side`, or null when the sign-off does not count:
   * every field of it must be written by one member of that side's team (SPEC §6). The Operator's
   * and those written before members count for neither side.
   */
  signerOf(signoff: Y.Map<unknown>, side: Side): Author | null {
    const writers = entryWriters(signoff);
    const creator = writerOfType(signoff);
    if (creator !== null) writers.add(creator);
    let key: string | undefined;
    for (const writer of writers) {
      const writerKey = this.#keys.get(writer);
      if (writerKey === undefined || writerKey === OPERATOR_AUTHOR) return null;
      if (key !== undefined && key !== writerKey) return null;
      key = writerKey;
    }
    if (key === undefined) return null;
    const author = this.authorOf(creator ?? [...writers][0] ?? null, { name: '', side });
    return author.team === side ? author : null;
  }
}
