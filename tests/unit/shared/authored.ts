// Documents with authorship, written as the server records it (SPEC §6): the `authors` root under
// AUTHORS_CLIENT_ID, each participant's content under their own Yjs client id.
import type * as Y from 'yjs';
import type { Directory } from '../../../shared/persona/authors.ts';
import { AUTHORS_CLIENT_ID, getAuthorsMap, OPERATOR_AUTHOR } from '../../../shared/persona/authors.ts';

export const MARA = { id: 'm-mara', clientId: 101, name: 'Mara', team: 'marketing' } as const;
export const SAM = { id: 'm-sam', clientId: 202, name: 'Sam', team: 'sales' } as const;
export const ADA = { id: 'm-ada', clientId: 303, name: 'Ada', team: 'other' } as const;
export const OPERATOR = { id: OPERATOR_AUTHOR, clientId: 404 } as const;
/** A client id nobody recorded: content from before members existed. */
export const LEGACY_CLIENT = 505;

export const DIRECTORY: Directory = new Map([MARA, SAM, ADA].map((m) => [m.id, { name: m.name, team: m.team }]));

/** Runs `write` with the doc's client id set to `clientId`, as that participant's browser would write. */
export function writeAs<T>(doc: Y.Doc, clientId: number, write: () => T): T {
  const own = doc.clientID;
  doc.clientID = clientId;
  try {
    return write();
  } finally {
    doc.clientID = own;
  }
}

/** Records, as the server does, that `clientId` writes for `authorKey`. */
export function recordAuthor(doc: Y.Doc, clientId: number, authorKey: string): void {
  writeAs(doc, AUTHORS_CLIENT_ID, () => getAuthorsMap(doc).set(String(clientId), authorKey));
}

/** A document in which the server has recorded Mara, Sam, Ada and the Operator. */
export function recordEveryone(doc: Y.Doc): Y.Doc {
  for (const { clientId, id } of [MARA, SAM, ADA, OPERATOR]) recordAuthor(doc, clientId, id);
  return doc;
}
