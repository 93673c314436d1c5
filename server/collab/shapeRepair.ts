// Issue 14 item 3 for what was stored before the shape guard: a plain value, a Y.Map or a bare text
// directly under a section root blanks the whole section in the editor, and honest typing there
// then deletes it. The server replaces each such item, in place, by a paragraph holding its text.
import * as Y from 'yjs';
import { getSection, SECTION_KEYS } from '../../shared/persona/schema.ts';

/**
 * Turns every item directly under a section root that is not an element into paragraphs with
 * its text (one per value it holds), at the same place; run inside a transaction. Returns how many items it replaced.
 */
export function repairSectionShapes(doc: Y.Doc): number {
  let repaired = 0;
  for (const key of SECTION_KEYS) {
    const section = getSection(doc, key);
    let index = 0;
    const items: Y.Item[] = [];
    for (let item = section._start; item !== null; item = item.right) items.push(item);
    for (const item of items) {
      if (item.deleted || !item.countable) continue;
      if (item.content instanceof Y.ContentType && item.content.type instanceof Y.XmlElement) {
        index += 1;
        continue;
      }
      const paragraphs = textsOf(item.content).map((text) => {
        const paragraph = new Y.XmlElement('paragraph');
        if (text !== '') paragraph.insert(0, [new Y.XmlText(text)]);
        return paragraph;
      });
      section.insert(index, paragraphs);
      index += paragraphs.length;
      section.delete(index, item.length);
      repaired += 1;
    }
  }
  return repaired;
}

/** What a foreign item says, a line per value: a string as it is, a text's characters, anything else as JSON. */
function textsOf(content: Y.Item['content']): string[] {
  if (content instanceof Y.ContentType) {
    const { type } = content;
    if (type instanceof Y.XmlText || type instanceof Y.Text) return [plainText(type)];
    return [stringify(type.toJSON())];
  }
  if (content instanceof Y.ContentString) return [content.str];
  return content.getContent().map((value: unknown) => (typeof value === 'string' ? value : stringify(value)));
}

/** A text's characters, without the formatting tags XmlText.toString() writes. */
function plainText(text: Y.Text): string {
  const delta = text.toDelta() as { insert?: unknown }[];
  return delta.map(({ insert }) => (typeof insert === 'string' ? insert : stringify(insert))).join('');
}

function stringify(value: unknown): string {
  if (value instanceof Uint8Array) return `[${value.length} bytes]`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
