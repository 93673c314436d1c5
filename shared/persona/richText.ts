// Section rich text <-> ProseMirror JSON, in exactly the encoding y-prosemirror (Tiptap Collaboration) uses.
import * as Y from 'yjs';
import { PersonaShapeError, describeValue } from './converters.ts';
import { boundRichTextDepth } from './richTextDepth.ts';
import type { RichTextDoc, RichTextMark, RichTextNode } from './types.ts';

// y-prosemirror stores marks that do not exclude themselves as `<name>--<8-char hash>`.
const HASHED_MARK_NAME = /(.*)(--[a-zA-Z0-9+/=]{8})$/;
// y-prosemirror's own change-tracking attribute and mark, never part of the content.
const YCHANGE = 'ychange';

type YChild = Y.XmlElement | Y.XmlText;
type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

interface DeltaOp {
  insert?: unknown;
  attributes?: Record<string, unknown>;
}

/**
 * A section as ProseMirror JSON. Read without recursion, then bounded to the schema's depth
 * (MAX_RICH_TEXT_DEPTH): a document nested thousands of levels deep reads, deeper levels flattened.
 */
export function fragmentToJSON(fragment: Y.XmlFragment, path = 'doc'): RichTextDoc {
  return boundRichTextDepth({ type: 'doc', content: childrenToJSON(fragment, path) });
}

/** Appends `doc`'s content to `fragment` (meant for an empty one); nothing is written if any node is malformed. */
export function writeFragmentFromJSON(fragment: Y.XmlFragment, doc: RichTextDoc): void {
  const root = asRecord(doc, 'doc');
  if (root.type !== 'doc') {
    throw new PersonaShapeError(`doc.type: expected "doc", got ${describeValue(root.type)}`);
  }
  const children = contentToYjs(root.content, 'doc.content');
  const insert = (): void => fragment.insert(fragment.length, children);
  if (fragment.doc === null) insert();
  else fragment.doc.transact(insert);
}

/** The text of each block on its own line, for search and sign-off fingerprints. */
export function fragmentToPlainText(fragment: Y.XmlFragment): string {
  const lines: string[] = [];
  collectLines(fragment, lines);
  return lines.join('\n');
}

function childrenToJSON(root: Y.XmlFragment, path: string): RichTextNode[] {
  const top: RichTextNode[] = [];
  const elements: RichTextNode[] = [];
  // Each element's children are read after its siblings, into the node already in place.
  const pending: { parent: Y.XmlFragment; nodes: RichTextNode[]; path: string }[] = [{ parent: root, nodes: top, path }];
  for (let frame = pending.pop(); frame; frame = pending.pop()) {
    const { parent, nodes } = frame;
    parent.toArray().forEach((child, i) => {
      const childPath = `${frame.path}.children[${i}]`;
      if (child instanceof Y.XmlElement) {
        const node = elementNode(child);
        nodes.push(node);
        elements.push(node);
        pending.push({ parent: child, nodes: (node.content = []), path: childPath });
      } else if (child instanceof Y.XmlText) appendTextNodes(nodes, child, childPath);
      else throw new PersonaShapeError(`${childPath}: expected an element or text, got ${describeValue(child)}`);
    });
  }
  for (const node of elements) if (node.content?.length === 0) delete node.content;
  return top;
}

function elementNode(el: Y.XmlElement): RichTextNode {
  const node: RichTextNode = { type: el.nodeName };
  const attrs: Record<string, unknown> = el.getAttributes();
  const keys = Object.keys(attrs).sort();
  // Sorted, because attribute order in Yjs depends on the order updates arrived in.
  if (keys.length > 0) node.attrs = Object.fromEntries(keys.map((key) => [key, attrs[key]]));
  return node;
}

function appendTextNodes(nodes: RichTextNode[], text: Y.XmlText, path: string): void {
  const delta = text.toDelta() as DeltaOp[];
  for (const op of delta) {
    if (typeof op.insert !== 'string') {
      throw new PersonaShapeError(`${path}: expected text, got an embedded ${describeValue(op.insert)}`);
    }
    const marks = attributesToMarks(op.attributes ?? {});
    const last = nodes.at(-1);
    // ProseMirror joins adjacent text nodes with the same marks, even across two Y.XmlText.
    if (last?.text !== undefined && sameMarks(last.marks ?? [], marks)) {
      last.text += op.insert;
      continue;
    }
    nodes.push(marks.length > 0 ? { type: 'text', text: op.insert, marks } : { type: 'text', text: op.insert });
  }
}

function attributesToMarks(attributes: Record<string, unknown>): RichTextMark[] {
  const marks: RichTextMark[] = [];
  // Sorted, because attribute order in Yjs depends on the order formatting was applied.
  for (const [key, value] of Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b))) {
    const type = HASHED_MARK_NAME.exec(key)?.[1] ?? key;
    // Like ProseMirror's Mark.toJSON, a mark without attributes carries no `attrs`.
    if (isPlainObject(value) && Object.keys(value).length > 0) marks.push({ type, attrs: { ...value } });
    else marks.push({ type });
  }
  return marks;
}

function sameMarks(a: readonly RichTextMark[], b: readonly RichTextMark[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function contentToYjs(content: unknown, path: string): YChild[] {
  if (content === undefined) return [];
  if (!Array.isArray(content)) {
    throw new PersonaShapeError(`${path}: expected an array of nodes, got ${describeValue(content)}`);
  }
  const children: YChild[] = [];
  let textRun: Record<string, unknown>[] = [];
  const flushText = (): void => {
    if (textRun.length > 0) children.push(textRunToYjs(textRun));
    textRun = [];
  };
  content.forEach((value: unknown, i) => {
    const nodePath = `${path}[${i}]`;
    const node = asRecord(value, nodePath);
    if (typeof node.type !== 'string' || node.type === '') {
      throw new PersonaShapeError(`${nodePath}.type: expected a node type name, got ${describeValue(node.type)}`);
    }
    if (node.type === 'text') {
      textRun.push(checkTextNode(node, nodePath));
      return;
    }
    flushText();
    children.push(elementToYjs(node, node.type, nodePath));
  });
  flushText();
  return children;
}

function elementToYjs(node: Record<string, unknown>, type: string, path: string): Y.XmlElement {
  if (node.text !== undefined) {
    throw new PersonaShapeError(`${path}.text: only "text" nodes carry text, got ${describeValue(node.text)}`);
  }
  if (node.marks !== undefined) {
    throw new PersonaShapeError(`${path}.marks: y-prosemirror keeps marks on text only`);
  }
  const el = new Y.XmlElement(type);
  // Yjs types attributes as strings by default; ProseMirror attrs are any JSON (e.g. heading `level: 2`).
  const attributed = el as Y.XmlElement<Record<string, JsonValue>>;
  const attrs = node.attrs === undefined ? {} : asRecord(node.attrs, `${path}.attrs`);
  for (const [key, value] of Object.entries(attrs)) {
    // As y-prosemirror does: a null attribute is not stored; ProseMirror restores its default.
    if (value === null || value === undefined || key === YCHANGE) continue;
    if (isJsonValue(value, `${path}.attrs.${key}`)) attributed.setAttribute(key, value);
  }
  el.insert(0, contentToYjs(node.content, `${path}.content`));
  return el;
}

function checkTextNode(node: Record<string, unknown>, path: string): Record<string, unknown> {
  if (typeof node.text !== 'string' || node.text === '') {
    throw new PersonaShapeError(`${path}.text: expected non-empty text, got ${describeValue(node.text)}`);
  }
  if (node.content !== undefined || node.attrs !== undefined) {
    throw new PersonaShapeError(`${path}: a text node has no content or attrs`);
  }
  const attributes: Record<string, unknown> = {};
  const marks = node.marks ?? [];
  if (!Array.isArray(marks)) {
    throw new PersonaShapeError(`${path}.marks: expected an array, got ${describeValue(marks)}`);
  }
  marks.forEach((value: unknown, i) => {
    const markPath = `${path}.marks[${i}]`;
    const mark = asRecord(value, markPath);
    if (typeof mark.type !== 'string' || mark.type === '') {
      throw new PersonaShapeError(`${markPath}.type: expected a mark type name, got ${describeValue(mark.type)}`);
    }
    if (mark.type === YCHANGE) return;
    if (mark.type in attributes) throw new PersonaShapeError(`${markPath}: duplicate mark "${mark.type}"`);
    // A ProseMirror mark always has an attrs object ({} when it has none), nulls included.
    const attrs = mark.attrs === undefined ? {} : asRecord(mark.attrs, `${markPath}.attrs`);
    if (isJsonValue(attrs, `${markPath}.attrs`)) attributes[mark.type] = attrs;
  });
  return { insert: node.text, attributes };
}

function textRunToYjs(run: Record<string, unknown>[]): Y.XmlText {
  const text = new Y.XmlText();
  text.applyDelta(run);
  return text;
}

function collectLines(root: Y.XmlFragment, lines: string[]): void {
  const stack: (Y.XmlElement | Y.XmlText)[] = root.toArray().filter(isXmlChild).reverse();
  for (let child = stack.pop(); child; child = stack.pop()) {
    if (child instanceof Y.XmlText) lines.push(textOf(child));
    else if (child.length === 0 || child.toArray().some((c) => c instanceof Y.XmlText)) lines.push(inlineText(child));
    else for (const inner of child.toArray().filter(isXmlChild).reverse()) stack.push(inner);
  }
}

function isXmlChild(child: unknown): child is Y.XmlElement | Y.XmlText {
  return child instanceof Y.XmlElement || child instanceof Y.XmlText;
}

/** A textblock's text; inline elements inside it (a mention) give their text, hard breaks a line break. */
function inlineText(el: Y.XmlElement): string {
  let text = '';
  const stack: (Y.XmlElement | Y.XmlText)[] = el.toArray().filter(isXmlChild).reverse();
  for (let child = stack.pop(); child; child = stack.pop()) {
    if (child instanceof Y.XmlText) text += textOf(child);
    else if (child.nodeName === 'hardBreak') text += '\n';
    else for (const inner of child.toArray().filter(isXmlChild).reverse()) stack.push(inner);
  }
  return text;
}

function textOf(text: Y.XmlText): string {
  return (text.toDelta() as DeltaOp[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

function asRecord(value: unknown, path: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw new PersonaShapeError(`${path}: expected an object, got ${describeValue(value)}`);
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Y.AbstractType);
}

/** True for a JSON value; anything else throws, naming where it was. */
function isJsonValue(value: unknown, path: string): value is JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number' && Number.isFinite(value)) return true;
  if (Array.isArray(value)) return value.every((item: unknown, i) => isJsonValue(item, `${path}[${i}]`));
  if (isPlainObject(value)) return Object.entries(value).every(([key, item]) => isJsonValue(item, `${path}.${key}`));
  throw new PersonaShapeError(`${path}: expected a JSON value, got ${describeValue(value)}`);
}
