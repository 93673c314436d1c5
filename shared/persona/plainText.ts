// Rich text (ProseMirror JSON) as plain text, one block per line; free of Yjs.
import type { RichTextDoc, RichTextNode } from './types.ts';

/** The text of each block of rich text on its own line (hard breaks become line breaks). */
export function richTextToPlainText(content: RichTextDoc | RichTextNode): string {
  const lines: string[] = [];
  collect(content.content ?? [], lines);
  return lines.join('\n');
}

function collect(nodes: readonly RichTextNode[], lines: string[]): void {
  for (const node of nodes) {
    const children = node.content ?? [];
    const isTextblock = children.length === 0 || children.some((child) => child.type === 'text' || child.type === 'hardBreak');
    if (node.type === 'text') lines.push(node.text ?? '');
    else if (isTextblock) lines.push(inline(children));
    else collect(children, lines);
  }
}

function inline(nodes: readonly RichTextNode[]): string {
  return nodes.map((node) => (node.type === 'hardBreak' ? '\n' : node.type === 'text' ? (node.text ?? '') : inline(node.content ?? []))).join('');
}
