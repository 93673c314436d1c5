// The hostile persona of issue 14: lists nested 750 deep in every section and a 4 MB profile field.
import * as Y from 'yjs';
import { getProfile, getSection, SECTION_KEYS } from '../../shared/persona/schema.ts';

export const HOSTILE = { levels: 750, fieldBytes: 4 * 1024 * 1024 };

/** Writes it into `doc` as it is (as if stored before the server's shape guard). */
export function writeHostilePersona(doc: Y.Doc): void {
  doc.transact(() => {
    getProfile(doc).set('name', 'Hostile');
    getProfile(doc).set('location', 'x'.repeat(HOSTILE.fieldBytes));
    for (const key of SECTION_KEYS) {
      let parent: Y.XmlFragment = getSection(doc, key);
      for (let level = 1; level <= HOSTILE.levels; level++) {
        const list = new Y.XmlElement('bulletList');
        const item = new Y.XmlElement('listItem');
        const paragraph = new Y.XmlElement('paragraph');
        parent.insert(parent.length, [list]);
        list.insert(0, [item]);
        item.insert(0, [paragraph]);
        paragraph.insert(0, [new Y.XmlText(`level ${level}`)]);
        parent = item;
      }
    }
  });
}
