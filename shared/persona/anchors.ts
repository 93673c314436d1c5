// Threads on selected words (issue 17): the words are held by Yjs relative positions, so they follow
// everyone's edits around them without a mark in the text (a mark would be an edit of the section).
import * as Y from 'yjs';
import { ANCHOR_QUOTE_MAX } from './shapes.ts';
import type { ThreadAnchor } from './types.ts';

/** A place in a section's Yjs content: an index in a type (usually an XmlText). */
export interface YPlace {
  type: Y.XmlText | Y.XmlFragment;
  index: number;
}

/** Where an anchored thread's words are now: still there (possibly edited), or deleted. */
export type AnchorState = { kind: 'live'; text: string } | { kind: 'deleted' };

export function encodePosition(position: Y.RelativePosition): string {
  return toBase64(Y.encodeRelativePosition(position));
}

/** The relative position a string holds; null when it is not one. */
export function decodePosition(encoded: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(fromBase64(encoded));
  } catch {
    return null;
  }
}

/**
 * The anchor of the words between `start` and `end`. The start sticks to the first word's first
 * character and the end to the last one's last, so text typed just before or after is not taken in.
 */
export function anchorBetween(start: YPlace, end: YPlace, quote: string): ThreadAnchor {
  return {
    start: encodePosition(Y.createRelativePositionFromTypeIndex(start.type, start.index, 0)),
    end: encodePosition(Y.createRelativePositionFromTypeIndex(end.type, end.index, -1)),
    quote: quote.slice(0, ANCHOR_QUOTE_MAX),
  };
}

/** Where an anchor's ends are in the document now; null when either is gone or outside `section`. */
export function placesOf(doc: Y.Doc, section: Y.XmlFragment, anchor: ThreadAnchor): { start: YPlace; end: YPlace } | null {
  const start = resolve(doc, section, anchor.start);
  const end = resolve(doc, section, anchor.end);
  return start && end ? { start, end } : null;
}

/** The words an anchor covers now, or `deleted` when none of them is left. */
export function anchorState(doc: Y.Doc, section: Y.XmlFragment, anchor: ThreadAnchor): AnchorState {
  const places = placesOf(doc, section, anchor);
  const text = places ? textBetween(section, places.start, places.end) : null;
  return text === null || text.trim() === '' ? { kind: 'deleted' } : { kind: 'live', text };
}

function resolve(doc: Y.Doc, section: Y.XmlFragment, encoded: string): YPlace | null {
  const relative = decodePosition(encoded);
  const absolute = relative && Y.createAbsolutePositionFromRelativePosition(relative, doc);
  if (!absolute || !(absolute.type instanceof Y.XmlText || absolute.type instanceof Y.XmlFragment)) return null;
  // A position inside a paragraph that was deleted resolves into the deleted text: gone.
  for (let type: unknown = absolute.type; type !== section; type = type._item.parent) {
    if (!(type instanceof Y.AbstractType) || type._item === null || type._item.deleted) return null;
  }
  return { type: absolute.type, index: absolute.index };
}

/**
 * The text of `section` from `start` to `end`, blocks joined by a line break; null when `end`
 * does not come after `start` in the section.
 */
export function textBetween(section: Y.XmlFragment, start: YPlace, end: YPlace): string | null {
  const texts: string[] = [];
  let inside = false;
  let done = false;
  const visit = (type: Y.XmlText | Y.XmlFragment): void => {
    if (done) return;
    if (type instanceof Y.XmlText) {
      const chars = plainText(type);
      const from = type === start.type ? Math.min(start.index, chars.length) : 0;
      if (type === start.type) inside = true;
      if (!inside) {
        // The end before the start: the words between them are gone.
        if (type === end.type) done = true;
        return;
      }
      const to = type === end.type ? Math.min(end.index, chars.length) : chars.length;
      if (type === end.type) done = true;
      texts.push(to > from ? chars.slice(from, to) : '');
      return;
    }
    const children = type.toArray();
    children.forEach((child, i) => {
      if (type === start.type && i === start.index && !done) inside = true;
      if (type === end.type && i === end.index) done = true;
      if (child instanceof Y.XmlText || child instanceof Y.XmlFragment) visit(child);
    });
    if (type === start.type && start.index >= children.length && !done) inside = true;
    if (type === end.type && end.index >= children.length) done = true;
  };
  visit(section);
  return inside && done && texts.length > 0 ? texts.join('\n') : null;
}

function plainText(text: Y.XmlText): string {
  return (text.toDelta() as { insert?: unknown }[]).map(({ insert }) => (typeof insert === 'string' ? insert : ' ')).join('');
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(encoded: string): Uint8Array {
  const binary = atob(encoded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
