// Content the editor's schema does not know (a node or mark some other client wrote, or a later
// version of Tandem) is shown as what it holds, never dropped. The collaboration binding builds
// nodes with `schema.node(name, …)` and `schema.mark(name, …)`, and deletes from the shared document
// whatever those throw on: so an unknown name would vanish for everyone as soon as a section opened,
// or when someone typed in it (issue 14, item 3). Unknown names become these stand-ins instead.
import { Extension, Mark, Node } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';

const FOREIGN_BLOCK = 'foreignBlock';
const FOREIGN_TEXTBLOCK = 'foreignTextblock';
const FOREIGN_MARK = 'foreignMark';

/** An unknown element holding blocks: its blocks, in a plain box. */
const ForeignBlock = Node.create({
  name: FOREIGN_BLOCK,
  group: 'block',
  content: 'block*',
  addAttributes: () => ({ name: { default: '' } }),
  parseHTML: () => [],
  renderHTML: ({ HTMLAttributes }) => ['div', { class: 'section__foreign', 'data-foreign': HTMLAttributes['name'] as string }, 0],
});

/** An unknown element holding text: its text, as a paragraph. */
const ForeignTextblock = Node.create({
  name: FOREIGN_TEXTBLOCK,
  group: 'block',
  content: 'inline*',
  addAttributes: () => ({ name: { default: '' } }),
  parseHTML: () => [],
  renderHTML: ({ HTMLAttributes }) => ['p', { class: 'section__foreign', 'data-foreign': HTMLAttributes['name'] as string }, 0],
});

/** Unknown formatting: the text as it is. */
const ForeignMark = Mark.create({
  name: FOREIGN_MARK,
  addAttributes: () => ({ name: { default: '' } }),
  parseHTML: () => [],
  renderHTML: ({ HTMLAttributes }) => ['span', { 'data-foreign': HTMLAttributes['name'] as string }, 0],
});

/** Makes the editor's schema answer unknown names with the stand-ins, before the binding first reads the section. */
export const ForeignContent = Extension.create({
  name: 'foreignContent',
  addExtensions: () => [ForeignBlock, ForeignTextblock, ForeignMark],
  onBeforeCreate({ editor }) {
    tolerateUnknownNames(editor.schema);
  },
});

function tolerateUnknownNames(schema: Schema): void {
  const node = schema.node.bind(schema);
  const mark = schema.mark.bind(schema);
  schema.node = (type, attrs, content, marks) => {
    if (typeof type !== 'string' || type in schema.nodes) return node(type, attrs, content, marks);
    const children = Array.isArray(content) ? content : [];
    const holdsText = children.some((child) => child.isInline);
    return node(holdsText ? FOREIGN_TEXTBLOCK : FOREIGN_BLOCK, { name: type }, content, marks);
  };
  schema.mark = (type, attrs) => (typeof type !== 'string' || type in schema.marks ? mark(type, attrs) : mark(FOREIGN_MARK, { name: type }));
}
