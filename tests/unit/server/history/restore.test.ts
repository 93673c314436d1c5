import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { restoreDraft } from '../../../../server/history/restore.ts';
import { getComments, getEvidence, getProfile, getSection, getSignoff } from '../../../../shared/persona/schema.ts';

const RESTORER = 1_000;
/** Each original writer's copies go under this writer + 5,000. */
const writers = { restorer: RESTORER, writerFor: (client: number) => client + 5_000 };

function docWith(clientID: number, write: (doc: Y.Doc) => void): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  write(doc);
  return doc;
}

/** How deep a fragment's first-child chain goes, walked without recursion. */
function depthOf(fragment: Y.XmlFragment): number {
  let depth = 0;
  for (let node = fragment.get(0); node instanceof Y.XmlElement; node = node.get(0)) depth += 1;
  return depth;
}

describe('restoreDraft', () => {
  it('copies profile, rich text with its marks and attributes, evidence and sign-offs; threads stay', () => {
    const source = docWith(7, (doc) => {
      getProfile(doc).set('name', 'María');
      const heading = new Y.XmlElement('heading');
      heading.setAttribute('level', '2');
      const text = new Y.XmlText();
      heading.insert(0, [text]);
      getSection(doc, 'summary').insert(0, [heading]);
      text.insert(0, 'Decide con datos', { evidence: { ids: 'e1' }, bold: true });
      const item = new Y.Map<unknown>();
      getEvidence(doc).push([item]);
      item.set('id', 'e1');
      item.set('text', 'El 62 %');
      const signoff = new Y.Map<unknown>();
      getSignoff(doc).set('summary:sales', signoff);
      signoff.set('fingerprint', 'abc');
    });
    const target = docWith(9, (doc) => {
      getProfile(doc).set('role', 'CFO');
      getSection(doc, 'summary').insert(0, [new Y.XmlElement('paragraph')]);
      getComments(doc).push([new Y.Map<unknown>([['id', 't1']])]);
      getEvidence(doc).push([new Y.Map<unknown>([['id', 'other']])]);
    });
    target.transact(() => restoreDraft(target, source, writers));

    expect(getProfile(target).toJSON()).toEqual({ name: 'María' });
    expect(getSection(target, 'summary').toString()).toBe(getSection(source, 'summary').toString());
    expect(getEvidence(target).toJSON()).toEqual([{ id: 'e1', text: 'El 62 %' }]);
    expect(getSignoff(target).toJSON()).toEqual({ 'summary:sales': { fingerprint: 'abc' } });
    expect(getComments(target).toJSON()).toEqual([{ id: 't1' }]);
    // The text is the restorer's; each evidence item and sign-off is written for its original writer.
    const item = getEvidence(target).get(0);
    expect(item._item?.id.client).toBe(7 + 5_000);
    expect(getSignoff(target).get('summary:sales')?._item?.id.client).toBe(7 + 5_000);
    expect(getSection(target, 'summary').get(0)._item?.id.client).toBe(RESTORER);
  });

  it('copies rich text nested thousands deep without running out of stack', () => {
    const DEPTH = 3_000;
    const source = docWith(7, (doc) => {
      let parent: Y.XmlFragment | Y.XmlElement = getSection(doc, 'pains');
      for (let i = 0; i < DEPTH; i++) {
        const child: Y.XmlElement = new Y.XmlElement('blockquote');
        parent.insert(0, [child]);
        parent = child;
      }
      parent.insert(0, [new Y.XmlText('al fondo')]);
    });
    const target = new Y.Doc();
    target.transact(() => restoreDraft(target, source, writers));
    expect(depthOf(getSection(target, 'pains'))).toBe(DEPTH);
  });

  it('changes nothing when the draft already is the source', () => {
    const source = docWith(7, (doc) => getSection(doc, 'goals').insert(0, [new Y.XmlElement('paragraph')]));
    const target = new Y.Doc();
    Y.applyUpdate(target, Y.encodeStateAsUpdate(source));
    const before = Y.encodeStateVector(target);
    target.transact(() => restoreDraft(target, source, writers));
    expect(Y.encodeStateVector(target)).toEqual(before);
  });
});
