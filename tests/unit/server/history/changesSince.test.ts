import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changesSince, markOf } from '../../../../server/history/changesSince.ts';
import { getProfile, getSection } from '../../../../shared/persona/schema.ts';
import * as prng from 'lib0/prng';

describe('what a draft changed since a mark', () => {
  it('brings the state at the mark to the draft now, holding only the new items and deletions, however many writers', () => {
    const gen = prng.create(7);
    const random = () => prng.real53(gen);
    const doc = new Y.Doc();
    const edit = (count: number) => {
      for (let i = 0; i < count; i++) {
        doc.clientID = 10 + Math.floor(random() * 5);
        const section = getSection(doc, 'summary');
        if (random() < 0.4) getProfile(doc).set(`k${Math.floor(random() * 8)}`, `v${i}`);
        else if (random() < 0.7 || section.length === 0) {
          const paragraph = new Y.XmlElement('paragraph');
          paragraph.insert(0, [new Y.XmlText(`line ${i}`)]);
          section.insert(Math.floor(random() * (section.length + 1)), [paragraph]);
        } else section.delete(Math.floor(random() * section.length), 1);
      }
    };
    edit(400);
    const atMark = Y.encodeStateAsUpdate(doc);
    const mark = markOf(doc);
    edit(40);
    const { update, now } = changesSince(doc, mark);

    const replayed = new Y.Doc();
    Y.applyUpdate(replayed, atMark);
    Y.applyUpdateV2(replayed, update);
    expect(replayed.getXmlFragment('section:summary').toString()).toBe(getSection(doc, 'summary').toString());
    expect(getProfile(replayed).toJSON()).toEqual(getProfile(doc).toJSON());
    expect(Y.equalSnapshots(Y.snapshot(replayed), Y.snapshot(doc))).toBe(true);
    // Not the whole state, nor every deletion again: a fraction of what Yjs writes since the mark.
    expect(update.byteLength).toBeLessThan(Y.encodeStateAsUpdateV2(doc, mark.stateVector).byteLength);
    expect(now.stateVector).toEqual(Y.encodeStateVector(doc));
  });
});
