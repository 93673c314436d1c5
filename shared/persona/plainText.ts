// Rich text (ProseMirror JSON) as plain text, one block per line; free of Yjs. Iterative: any depth reads.
import { isTextblock } from './richTextDepth.ts';
import type { RichTextDoc, RichTextNode } from './types.ts';

/** The text of each block of rich text on its own line (hard breaks become line breaks). */
export function richTextToPlainText(content: RichTextDoc | RichTextNode): string {
  const lines: string[] = [];
  const stack = reversed(content.content ?? []);
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'text') lines.push(node.text ?? '');
    else if (isTextblock(node)) lines.push(inline(node.content ?? []));
    else for (const child of reversed(node.content ?? [])) stack.push(child);
  }
  return lines.join('\n');
}

function inline(nodes: readonly RichTextNode[]): string {
  let text = '';
  const stack = reversed(nodes);
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'hardBreak') text += '\n';
    else if (node.type === 'text') text += node.text ?? '';
    else for (const child of reversed(node.content ?? [])) stack.push(child);
  }
  return text;
}

function reversed(nodes: readonly RichTextNode[]): RichTextNode[] {
  return [...nodes].reverse();
}
