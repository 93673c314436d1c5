// Rich text of any depth made readable: past a depth, a node's content is flattened into paragraphs of
// its text, so every reader that recurses (renderers, JSON.stringify, structured clone) stays shallow.
// Iterative throughout: a hostile document can nest thousands of levels. Free of Yjs.
import type { RichTextDoc, RichTextNode } from './types.ts';

/**
 * The deepest rich text the schema allows, in node levels below the section (a paragraph in 19
 * nested lists is 39 levels deep). The server refuses updates that nest deeper (shape guard), and
 * readers flatten what got in before.
 */
export const MAX_RICH_TEXT_DEPTH = 40;

/** True when a node holds inline content (text, hard breaks) or nothing: a paragraph, a heading. */
export function isTextblock(node: RichTextNode): boolean {
  const children = node.content ?? [];
  return children.length === 0 || children.some((child) => child.type === 'text' || child.type === 'hardBreak');
}

/**
 * `doc` with no node deeper than `maxDepth` levels (its content is level 1): what lies deeper is
 * flattened, a block's content into paragraphs of its text, one per block, marks kept on the text.
 * Content within the limit comes back as it is (the same objects).
 */
export function boundRichTextDepth<T extends RichTextDoc | RichTextNode>(doc: T, maxDepth = MAX_RICH_TEXT_DEPTH): T {
  if (depthExceeds(doc, maxDepth)) return { ...doc, content: boundChildren(doc.content ?? [], 1, maxDepth) };
  return doc;
}

/** True when some node of `root` lies deeper than `maxDepth` levels below it. */
export function depthExceeds(root: RichTextDoc | RichTextNode, maxDepth: number): boolean {
  const stack: { nodes: readonly RichTextNode[]; depth: number }[] = [{ nodes: root.content ?? [], depth: 1 }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    if (frame.depth > maxDepth && frame.nodes.length > 0) return true;
    for (const node of frame.nodes) if (node.content && node.content.length > 0) stack.push({ nodes: node.content, depth: frame.depth + 1 });
  }
  return false;
}

/** Nodes at `depth` (1 = the doc's own); recursion stops two levels above `maxDepth`. */
function boundChildren(nodes: readonly RichTextNode[], depth: number, maxDepth: number): RichTextNode[] {
  return nodes.map((node) => {
    const content = node.content;
    if (!content || content.length === 0) return node;
    // Near the deepest level: inline text one level down, or a block's text as paragraphs two levels down.
    if (depth >= maxDepth - 1) return { ...node, content: inlineLeaves(content) };
    if (depth === maxDepth - 2 && !isTextblock(node)) return { ...node, content: flattenedBlocks(content) };
    return { ...node, content: boundChildren(content, depth + 1, maxDepth) };
  });
}

/** The text and hard breaks under `nodes`, in order, each text keeping its own marks. */
function inlineLeaves(nodes: readonly RichTextNode[]): RichTextNode[] {
  const leaves: RichTextNode[] = [];
  const stack: RichTextNode[] = [...nodes].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.content && node.content.length > 0) {
      for (let i = node.content.length - 1; i >= 0; i--) {
        const child = node.content[i];
        if (child) stack.push(child);
      }
    } else if (node.type === 'text' || node.type === 'hardBreak') {
      leaves.push(node);
    }
  }
  return leaves;
}

/** Every textblock under `nodes`, in document order, as a paragraph of its inline text. */
function flattenedBlocks(nodes: readonly RichTextNode[]): RichTextNode[] {
  const blocks: RichTextNode[] = [];
  let loose: RichTextNode[] = [];
  const flush = (): void => {
    if (loose.length > 0) blocks.push({ type: 'paragraph', content: loose });
    loose = [];
  };
  const stack: RichTextNode[] = [...nodes].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'text' || node.type === 'hardBreak') {
      loose.push(node);
      continue;
    }
    flush();
    if (isTextblock(node)) {
      const content = inlineLeaves(node.content ?? []);
      if (content.length > 0) blocks.push({ type: 'paragraph', content });
      continue;
    }
    const children = node.content ?? [];
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push(child);
    }
  }
  flush();
  return blocks;
}
