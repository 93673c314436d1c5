import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { repairSectionShapes } from '../../../server/collab/shapeRepair.ts';
import { getSection } from '../../../shared/persona/schema.ts';
import { appendParagraph, sectionText } from '../../helpers/persona.ts';

/** Each top-level child of the goals section: an element's name, or what else it is. */
const kinds = (doc: Y.Doc) => getSection(doc, 'goals').toArray().map((child) => (child instanceof Y.XmlElement ? child.nodeName : child.constructor.name));

describe('[issue 14.3] repairSectionShapes', () => {
  it('turns each foreign item under a section into a paragraph with its text, in place, and leaves elements alone', () => {
    const doc = new Y.Doc();
    appendParagraph(doc, 'goals', 'first');
    const bold = new Y.XmlText();
    const text = new Y.Text('plain Y.Text');
    const map = new Y.Map<unknown>();
    getSection(doc, 'goals').push(['one', 'two', 7, { a: 1 }] as unknown as Y.XmlElement[]);
    getSection(doc, 'goals').push([bold, text as unknown as Y.XmlElement, map as unknown as Y.XmlElement, new Y.Array() as unknown as Y.XmlElement]);
    bold.insert(0, 'bold words', { bold: true });
    map.set('k', 'v');
    appendParagraph(doc, 'goals', 'last');
    const first = getSection(doc, 'goals').get(0);

    expect(doc.transact(() => repairSectionShapes(doc))).toBe(5);
    expect(kinds(doc)).toEqual(Array(10).fill('paragraph'));
    expect(sectionText(doc, 'goals').split('\n')).toEqual(['first', 'one', 'two', '7', '{"a":1}', 'bold words', 'plain Y.Text', '{"k":"v"}', '[]', 'last']);
    // The honest paragraphs are the same elements, not copies.
    expect(getSection(doc, 'goals').get(0)).toBe(first);
    expect(repairSectionShapes(doc)).toBe(0);
  });
});
