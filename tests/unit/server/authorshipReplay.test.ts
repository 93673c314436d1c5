import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Authorship } from '../../../server/collab/authorship.ts';

/** The server's document after Mara wrote (client 100) and the server recorded it as hers, then changed the record. */
function serverDoc(): { doc: Y.Doc; authorship: Authorship } {
  const doc = new Y.Doc();
  const authorship = new Authorship(doc);
  const mara = new Y.Doc();
  mara.clientID = 100;
  mara.getText('summary').insert(0, 'Mara writes.');
  const update = Y.encodeStateAsUpdate(mara);
  const verdict = authorship.check(Y.decodeUpdate(update), 'mara');
  if (verdict.kind !== 'accept') throw new Error('Mara’s first write should be accepted');
  authorship.claim(verdict.claims, 'mara', null);
  // Setting a record again deletes the item it replaces: the delete set now names the records' client.
  authorship.claim([100], 'mara', null);
  Y.applyUpdate(doc, update);
  return { doc, authorship };
}

describe('[§6] authorship and a browser restoring its offline copy', () => {
  it('accepts everything the server already has, sent again by another member (regression: a reload closed the workshop 4403)', () => {
    const { doc, authorship } = serverDoc();
    const replay = Y.decodeUpdate(Y.encodeStateAsUpdate(doc));
    expect(authorship.check(replay, 'sam')).toEqual({ kind: 'accept', claims: [] });
  });

  it('still refuses new writing under Mara’s client id, even inside a replay', () => {
    const { doc, authorship } = serverDoc();
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(doc));
    forged.clientID = 100;
    forged.getText('summary').insert(0, 'Sam as Mara: ');
    expect(authorship.check(Y.decodeUpdate(Y.encodeStateAsUpdate(forged)), 'sam')).toMatchObject({ kind: 'reject', forbidden: true });
  });
});
