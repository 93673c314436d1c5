// Issue 14 item 3: the shape guard on honest edge cases (concurrent deletes, pastes) and on its cost.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkShape } from '../../../server/collab/shapeGuard.ts';
import { getSection } from '../../../shared/persona/schema.ts';
import { appendParagraph } from '../../helpers/persona.ts';

const check = (server: Y.Doc, update: Uint8Array) => checkShape(Y.decodeUpdate(update), server);

function diff(doc: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  change();
  return Y.encodeStateAsUpdate(doc, before);
}

describe('[issue 14.3] the shape guard', () => {
  it('accepts typing into a paragraph another peer deleted meanwhile (its content collected on the server)', () => {
    const server = new Y.Doc();
    appendParagraph(server, 'goals', 'shared text');
    const typist = new Y.Doc();
    Y.applyUpdate(typist, Y.encodeStateAsUpdate(server));
    // Another peer deletes the paragraph; the server collects what was in it.
    server.transact(() => getSection(server, 'goals').delete(0, 1));
    const typing = diff(typist, () => ((getSection(typist, 'goals').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(6, ' more'));
    expect(check(server, typing)).toEqual({ kind: 'accept' });
  });

  it('refuses an item that depends on content the server does not have', () => {
    const writer = new Y.Doc();
    appendParagraph(writer, 'goals', 'first');
    const first = Y.encodeStateAsUpdate(writer);
    const second = diff(writer, () => ((getSection(writer, 'goals').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(5, ' and second'));
    expect(check(new Y.Doc(), second).kind).toBe('reject');
    const server = new Y.Doc();
    Y.applyUpdate(server, first);
    expect(check(server, second)).toEqual({ kind: 'accept' });
  });

  it('checks a paste of 5,000 paragraphs, and a keystroke in a long section, quickly', () => {
    const server = new Y.Doc();
    const writer = new Y.Doc();
    const paste = diff(writer, () => writer.transact(() => {
      for (let i = 0; i < 5_000; i++) appendParagraph(writer, 'goals', `paragraph ${i}`);
    }));
    let started = performance.now();
    expect(check(server, paste)).toEqual({ kind: 'accept' });
    expect(performance.now() - started).toBeLessThan(1_000);
    Y.applyUpdate(server, paste);
    const keystroke = diff(writer, () => ((getSection(writer, 'goals').get(2_500) as Y.XmlElement).get(0) as Y.XmlText).insert(3, 'x'));
    started = performance.now();
    for (let i = 0; i < 100; i++) expect(check(server, keystroke).kind).toBe('accept');
    expect((performance.now() - started) / 100).toBeLessThan(5);
  });
});
