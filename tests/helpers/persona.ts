import * as Y from 'yjs';
import { getSection, type SectionKey } from '../../shared/persona/schema.ts';
import { fragmentToPlainText } from '../../shared/persona/richText.ts';

/** Appends a paragraph the way Tiptap's collaboration binding would store it. */
export function appendParagraph(doc: Y.Doc, section: SectionKey, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  getSection(doc, section).push([paragraph]);
}

export function sectionText(doc: Y.Doc, section: SectionKey): string {
  return fragmentToPlainText(getSection(doc, section));
}
