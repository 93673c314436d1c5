// The server's record of who writes with which Yjs client id (SPEC §6), kept in the document's
// `authors` root so that every reader — browsers, the library, the PDF — resolves the same authors.
import * as Y from 'yjs';
import { AUTHORS_CLIENT_ID, AUTHORS_ROOT, getAuthorsMap, readAuthorKeys } from '../../shared/persona/authors.ts';
import type { UpdateVerdict } from './peer.ts';

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** What a peer's update may be applied as: the client ids it newly claims for its author. */
export type AuthorshipVerdict = { readonly kind: 'accept'; readonly claims: readonly number[] } | Extract<UpdateVerdict, { kind: 'reject' }>;

const forbidden = (reason: string): AuthorshipVerdict => ({ kind: 'reject', reason, forbidden: true });
const NO_CLAIMS: AuthorshipVerdict = { kind: 'accept', claims: [] };

/** Whether an ID (an item's origin) points at the server's own records. */
const isServerRecord = (id: Y.ID | null): boolean => id !== null && id.client === AUTHORS_CLIENT_ID;

export class Authorship {
  readonly #doc: Y.Doc;
  /** Client id → author key; read from the document when first needed, then kept here. */
  #keys: Map<number, string> | null = null;

  constructor(doc: Y.Doc) {
    this.#doc = doc;
  }

  /**
   * Checks a decoded update from a peer that writes as `author`: every client id it writes with
   * must be that author's or new (then claimed); nothing may touch the authors records.
   * Cheap: one pass over the structs the caller decoded anyway, and a map lookup per client id.
   */
  check(update: DecodedUpdate, author: string): AuthorshipVerdict {
    if (update.ds.clients.has(AUTHORS_CLIENT_ID) && !this.#alreadyDeleted(update.ds)) return forbidden('it deletes the server\'s authorship records');
    const keys = this.#authorKeys();
    let seen: number | null = null;
    let claims: number[] | null = null;
    for (const struct of update.structs) {
      const client = struct.id.client;
      // What the server already has is nobody's new writing: a browser restoring its offline copy sends it all again.
      if (struct.id.clock + struct.length <= Y.getState(this.#doc.store, client)) continue;
      if (struct instanceof Y.Item) {
        if ((struct.parent as unknown) === AUTHORS_ROOT || isServerRecord(struct.origin) || isServerRecord(struct.rightOrigin)) {
          return forbidden('it writes into the server\'s authorship records');
        }
      }
      if (client === seen) continue; // structs come grouped by client
      seen = client;
      const key = keys.get(client);
      if (key === author) continue;
      if (key !== undefined || client === AUTHORS_CLIENT_ID) return forbidden(`client id ${client} belongs to someone else`);
      // Written before members existed (or by the template): nobody may continue under it.
      if (this.#doc.store.clients.has(client)) return forbidden(`client id ${client} is not this member's`);
      if (!(claims ??= []).includes(client)) claims.push(client);
    }
    return claims === null ? NO_CLAIMS : { kind: 'accept', claims };
  }

  /** Records client ids as the author's, written by the server under its own client id. */
  claim(clientIds: readonly number[], author: string, origin: unknown): void {
    const keys = this.#authorKeys();
    const map = getAuthorsMap(this.#doc);
    // Loading stored updates may have moved the doc's own id; the records are always written under this one.
    this.#doc.clientID = AUTHORS_CLIENT_ID;
    this.#doc.transact(() => {
      for (const clientId of clientIds) {
        map.set(String(clientId), author);
        keys.set(clientId, author);
      }
    }, origin);
  }

  /** Whether every deletion of the records' items in `ds` is one the document already has (a replay). */
  #alreadyDeleted(ds: DecodedUpdate['ds']): boolean {
    const known = Y.createDeleteSetFromStructStore(this.#doc.store);
    for (const { clock, len } of ds.clients.get(AUTHORS_CLIENT_ID) ?? []) {
      for (let at = clock; at < clock + len; at++) if (!Y.isDeleted(known, Y.createID(AUTHORS_CLIENT_ID, at))) return false;
    }
    return true;
  }

  #authorKeys(): Map<number, string> {
    this.#keys ??= readAuthorKeys(this.#doc);
    return this.#keys;
  }
}
