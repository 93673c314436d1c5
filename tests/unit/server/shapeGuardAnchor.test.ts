// Issue 17: a thread's anchor on selected words is checked like the rest of the document's shape.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkShape } from '../../../server/collab/shapeGuard.ts';
import { anchorBetween } from '../../../shared/persona/anchors.ts';
import { getComments, getSection } from '../../../shared/persona/schema.ts';
import { startThread } from '../../../shared/persona/threads.ts';
import { appendParagraph } from '../../helpers/persona.ts';

const check = (server: Y.Doc, update: Uint8Array) => checkShape(Y.decodeUpdate(update), server);

function diff(doc: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  change();
  return Y.encodeStateAsUpdate(doc, before);
}

const comment = { text: 'Cheap for whom?', author: 'Ana', side: 'marketing' } as const;

/** A server and a writer that share one section paragraph; the writer's first text. */
function setUp(): { server: Y.Doc; writer: Y.Doc; text: Y.XmlText } {
  const server = new Y.Doc();
  appendParagraph(server, 'pains', 'a cheap plan');
  const writer = new Y.Doc();
  Y.applyUpdate(writer, Y.encodeStateAsUpdate(server));
  const text = (getSection(writer, 'pains').get(0) as Y.XmlElement).get(0) as Y.XmlText;
  return { server, writer, text };
}

describe('[issue 17] the shape guard on thread anchors', () => {
  it('accepts a thread anchored on words, and a section thread without one', () => {
    const { server, writer, text } = setUp();
    const anchor = anchorBetween({ type: text, index: 2 }, { type: text, index: 7 }, 'cheap');
    const anchored = diff(writer, () => startThread(writer, 'pains', comment, { anchor }));
    expect(check(server, anchored)).toEqual({ kind: 'accept' });
    Y.applyUpdate(server, anchored);
    expect(check(server, diff(writer, () => startThread(writer, 'pains', comment)))).toEqual({ kind: 'accept' });
  });

  it.each([
    ['a string', 'AAAA'],
    ['an anchor with an extra field', { start: 'AAAA', end: 'AAAA', quote: 'x', html: '<b>' }],
    ['positions that are not base64', { start: 'not base64!', end: 'AAAA', quote: 'x' }],
    ['a position over the bound', { start: 'A'.repeat(4_000), end: 'AAAA', quote: 'x' }],
    ['a quote over the bound', { start: 'AAAA', end: 'AAAA', quote: 'x'.repeat(10_000) }],
  ])('refuses %s as an anchor', (_name, value) => {
    const { server, writer } = setUp();
    startThread(writer, 'pains', comment);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(writer));
    const map = getComments(writer).get(0);
    const update = diff(writer, () => map.set('anchor', value));
    expect(check(server, update)).toMatchObject({ kind: 'reject', reason: expect.stringContaining('anchor') });
  });

  it('refuses an anchor that is a Y.Map', () => {
    const { server, writer } = setUp();
    const update = diff(writer, () => {
      startThread(writer, 'pains', comment);
      getComments(writer).get(0).set('anchor', new Y.Map());
    });
    expect(check(server, update).kind).toBe('reject');
  });
});
