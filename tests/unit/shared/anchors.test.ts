// Threads on selected words (issue 17): the anchor follows others' edits around the words, and says
// so when the words are gone.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorBetween, anchorState, decodePosition } from '../../../shared/persona/anchors.ts';
import { getComments, getSection } from '../../../shared/persona/schema.ts';
import { readThreads, startThread } from '../../../shared/persona/threads.ts';
import type { ThreadAnchor } from '../../../shared/persona/types.ts';
import { createPeers, syncPeers } from '../../helpers/ydocs.ts';

const SENTENCE = 'Buyers want a cheap plan for small teams.';
const WORDS = 'cheap plan';

/** A section with one paragraph per text; returns the paragraphs' texts. */
function writeSection(doc: Y.Doc, paragraphs: readonly string[]): Y.XmlText[] {
  const texts = paragraphs.map((text) => new Y.XmlText(text));
  doc.transact(() => {
    getSection(doc, 'pains').insert(
      0,
      texts.map((text) => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [text]);
        return paragraph;
      }),
    );
  });
  return texts;
}

function anchorOnWords(text: Y.XmlText, words: string): ThreadAnchor {
  const at = text.toString().indexOf(words);
  return anchorBetween({ type: text, index: at }, { type: text, index: at + words.length }, words);
}

/** The first paragraph's text in `doc` (another peer's copy). */
function firstText(doc: Y.Doc): Y.XmlText {
  const paragraph = getSection(doc, 'pains').get(0);
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
  if (!(text instanceof Y.XmlText)) throw new Error('no first paragraph');
  return text;
}

describe('anchors on selected words', () => {
  it('encodes both ends as base64 of a Yjs relative position, and keeps the words', () => {
    const [doc] = createPeers(1);
    if (!doc) throw new Error('no doc');
    const [text] = writeSection(doc, [SENTENCE]);
    if (!text) throw new Error('no text');
    const anchor = anchorOnWords(text, WORDS);
    expect(anchor.quote).toBe(WORDS);
    expect(decodePosition(anchor.start)).toBeInstanceOf(Y.RelativePosition);
    expect(decodePosition(anchor.end)).toBeInstanceOf(Y.RelativePosition);
    expect(decodePosition('%%%')).toBeNull();
    expect(anchorState(doc, getSection(doc, 'pains'), anchor)).toEqual({ kind: 'live', text: WORDS });
  });

  it('stays on the same words when another peer types just before and just after them', () => {
    const [alice, bob] = createPeers(2);
    if (!alice || !bob) throw new Error('no peers');
    const [text] = writeSection(alice, [SENTENCE]);
    if (!text) throw new Error('no text');
    syncPeers([alice, bob]);
    const anchor = anchorOnWords(text, WORDS);

    const bobs = firstText(bob);
    const at = bobs.toString().indexOf(WORDS);
    bob.transact(() => {
      bobs.insert(at + WORDS.length, ' (really)');
      bobs.insert(at, 'very ');
      bobs.insert(0, 'In short: ');
    });
    bob.transact(() => bobs.delete(bobs.toString().indexOf('small '), 'small '.length));
    syncPeers([alice, bob]);

    expect(firstText(alice).toString()).toBe('In short: Buyers want a very cheap plan (really) for teams.');
    for (const doc of [alice, bob]) {
      expect(anchorState(doc, getSection(doc, 'pains'), anchor)).toEqual({ kind: 'live', text: WORDS });
    }
  });

  it('follows the words when a paragraph is added above them', () => {
    const [alice, bob] = createPeers(2);
    if (!alice || !bob) throw new Error('no peers');
    const [text] = writeSection(alice, [SENTENCE]);
    if (!text) throw new Error('no text');
    syncPeers([alice, bob]);
    const anchor = anchorOnWords(text, WORDS);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('A new first line.')]);
    getSection(bob, 'pains').insert(0, [paragraph]);
    syncPeers([alice, bob]);
    expect(anchorState(alice, getSection(alice, 'pains'), anchor)).toEqual({ kind: 'live', text: WORDS });
  });

  it('spans paragraphs, and shows what is left when some of the words are deleted', () => {
    const [doc] = createPeers(1);
    if (!doc) throw new Error('no doc');
    const [first, second] = writeSection(doc, ['Price matters most', 'for small teams.']);
    if (!first || !second) throw new Error('no texts');
    const anchor = anchorBetween({ type: first, index: 6 }, { type: second, index: 9 }, 'matters most\nfor small');
    expect(anchorState(doc, getSection(doc, 'pains'), anchor)).toEqual({ kind: 'live', text: 'matters most\nfor small' });
    first.delete(6, 'matters '.length);
    expect(anchorState(doc, getSection(doc, 'pains'), anchor)).toEqual({ kind: 'live', text: 'most\nfor small' });
  });

  it('is deleted when another peer deletes the words, and the thread keeps its quote', () => {
    const [alice, bob] = createPeers(2);
    if (!alice || !bob) throw new Error('no peers');
    const [text] = writeSection(alice, [SENTENCE]);
    if (!text) throw new Error('no text');
    syncPeers([alice, bob]);
    const anchor = anchorOnWords(text, WORDS);
    startThread(alice, 'pains', { text: 'Cheap for whom?', author: 'Ana', side: 'marketing' }, { anchor });

    const bobs = firstText(bob);
    bob.transact(() => bobs.delete(bobs.toString().indexOf('a cheap plan '), 'a cheap plan '.length));
    syncPeers([alice, bob]);

    expect(firstText(alice).toString()).toBe('Buyers want for small teams.');
    expect(anchorState(alice, getSection(alice, 'pains'), anchor)).toEqual({ kind: 'deleted' });
    const [thread] = readThreads(bob).threads;
    expect(thread?.anchor).toEqual(anchor);
    expect(thread?.anchor?.quote).toBe(WORDS);
  });

  it('is deleted when the whole paragraph holding the words is deleted', () => {
    const [doc] = createPeers(1);
    if (!doc) throw new Error('no doc');
    const [, second] = writeSection(doc, ['Intro.', SENTENCE]);
    if (!second) throw new Error('no text');
    const anchor = anchorOnWords(second, WORDS);
    getSection(doc, 'pains').delete(1, 1);
    expect(anchorState(doc, getSection(doc, 'pains'), anchor)).toEqual({ kind: 'deleted' });
  });

  it('is deleted for an anchor that points into another section', () => {
    const [doc] = createPeers(1);
    if (!doc) throw new Error('no doc');
    const [text] = writeSection(doc, [SENTENCE]);
    if (!text) throw new Error('no text');
    expect(anchorState(doc, getSection(doc, 'goals'), anchorOnWords(text, WORDS))).toEqual({ kind: 'deleted' });
  });

  it('leaves a thread without an anchor a section thread, and drops a thread whose anchor is malformed', () => {
    const [doc] = createPeers(1);
    if (!doc) throw new Error('no doc');
    startThread(doc, 'goals', { text: 'Whole section', author: 'Ana', side: 'marketing' });
    const bad = startThread(doc, 'goals', { text: 'Bad anchor', author: 'Ana', side: 'marketing' });
    const map = getComments(doc).toArray().find((m) => m.get('id') === bad.id);
    map?.set('anchor', { start: 'not base64!', end: 'AA==', quote: 'x' });
    const { threads, skipped } = readThreads(doc);
    expect(threads.map((t) => [t.text, t.anchor])).toEqual([['Whole section', undefined]]);
    expect(skipped).toBe(1);
  });
});
