import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  ITEM_ID_PATTERN,
  claimBacking,
  findAssumptions,
  fragmentToJSON,
  getSection,
  isAssumption,
  linkedEvidenceIds,
  mergeEvidenceIds,
  unlinkEvidence,
  writeFragmentFromJSON,
} from '../../../shared/persona/index.ts';
import type { RichTextDoc, RichTextMark, RichTextNode, Side } from '../../../shared/persona/index.ts';

const ev = (ids: string): RichTextMark => ({ type: 'evidence', attrs: { ids } });
const bold: RichTextMark = { type: 'bold' };

const text = (value: string, ...marks: RichTextMark[]): RichTextNode =>
  marks.length > 0 ? { type: 'text', text: value, marks } : { type: 'text', text: value };
const paragraph = (...content: RichTextNode[]): RichTextNode => ({ type: 'paragraph', content });
const listItem = (...content: RichTextNode[]): RichTextNode => ({ type: 'listItem', content });
const bulletList = (...items: RichTextNode[]): RichTextNode => ({ type: 'bulletList', content: items });
const docOf = (...content: RichTextNode[]): RichTextDoc => ({ type: 'doc', content });

function sectionWith(content: RichTextDoc): Y.XmlFragment {
  const fragment = getSection(new Y.Doc(), 'goals');
  writeFragmentFromJSON(fragment, content);
  return fragment;
}

/** Section JSON with each text node's marks sorted: Yjs keeps attributes in write order, ProseMirror re-sorts them. */
function contentOf(fragment: Y.XmlFragment): RichTextDoc {
  const sort = (node: RichTextNode): RichTextNode => {
    const sorted: RichTextNode = { ...node };
    if (node.marks) sorted.marks = [...node.marks].sort((a, b) => a.type.localeCompare(b.type));
    if (node.content) sorted.content = node.content.map(sort);
    return sorted;
  };
  const json = fragmentToJSON(fragment);
  return { type: 'doc', content: json.content.map(sort) };
}

describe('linkedEvidenceIds', () => {
  it('collects ids from paragraphs, headings, nested lists and several marks', () => {
    const fragment = sectionWith(
      docOf(
        { type: 'heading', attrs: { level: 2 }, content: [text('Who buys', ev('h1'))] },
        paragraph(text('Ops '), text('leads', bold, ev('p1,p2')), text(' decide '), text('fast', ev('p3'))),
        bulletList(
          listItem(
            paragraph(text('Champion', ev('l1'))),
            bulletList(listItem(paragraph(text('Deep', ev('nested,p1'))))),
          ),
        ),
      ),
    );
    expect([...linkedEvidenceIds(fragment)].sort()).toEqual(['h1', 'l1', 'nested', 'p1', 'p2', 'p3']);
  });

  it('ignores ids that do not match ITEM_ID_PATTERN', () => {
    const bad = ['has space', 'semi;colon', 'a'.repeat(65), ''];
    for (const id of bad) expect(ITEM_ID_PATTERN.test(id)).toBe(false);
    const fragment = sectionWith(docOf(paragraph(text('x', ev(`${bad.join(',')},ok_1, trimmed `)))));
    expect([...linkedEvidenceIds(fragment)].sort()).toEqual(['ok_1', 'trimmed']);
  });

  it('is empty for a section without links', () => {
    expect(linkedEvidenceIds(getSection(new Y.Doc(), 'pains')).size).toBe(0);
    expect(linkedEvidenceIds(sectionWith(docOf(paragraph(text('plain', bold))))).size).toBe(0);
  });
});

describe('unlinkEvidence', () => {
  it('removes one id from a two-id mark, keeping the other id, the text and bold', () => {
    const fragment = sectionWith(docOf(paragraph(text('Teams '), text('churn', bold, ev('a,b')), text(' early'))));
    expect(unlinkEvidence(fragment, new Set(['a']))).toBe(1);
    expect(contentOf(fragment)).toEqual(docOf(paragraph(text('Teams '), text('churn', bold, ev('b')), text(' early'))));
  });

  it('removes the mark entirely when its last id goes', () => {
    const fragment = sectionWith(docOf(paragraph(text('Teams '), text('churn', bold, ev('a')), text(' early', ev('a')))));
    expect(unlinkEvidence(fragment, new Set(['a']))).toBe(2);
    expect(contentOf(fragment)).toEqual(docOf(paragraph(text('Teams '), text('churn', bold), text(' early'))));
    expect(linkedEvidenceIds(fragment).size).toBe(0);
  });

  it('handles several spans in one text, leaving unrelated spans alone', () => {
    const fragment = sectionWith(
      docOf(paragraph(text('one', ev('a,b')), text(' '), text('two', ev('a')), text(' '), text('three', ev('c')))),
    );
    expect(unlinkEvidence(fragment, new Set(['a']))).toBe(2);
    expect(contentOf(fragment)).toEqual(docOf(paragraph(text('one', ev('b')), text(' two '), text('three', ev('c')))));
  });

  it('handles spans in several paragraphs and nested list items, and counts them all', () => {
    const fragment = sectionWith(
      docOf(
        paragraph(text('first', ev('x'))),
        paragraph(text('second', ev('y,x'))),
        bulletList(listItem(paragraph(text('item', ev('z'))), bulletList(listItem(paragraph(text('deep', ev('x'))))))),
      ),
    );
    expect(unlinkEvidence(fragment, new Set(['x', 'z']))).toBe(4);
    expect(contentOf(fragment)).toEqual(
      docOf(
        paragraph(text('first')),
        paragraph(text('second', ev('y'))),
        bulletList(listItem(paragraph(text('item')), bulletList(listItem(paragraph(text('deep')))))),
      ),
    );
  });

  it('changes nothing, and writes no update, when no span links to the ids', () => {
    const content = docOf(paragraph(text('kept', ev('a,b')), text(' plain')));
    const fragment = sectionWith(content);
    let updates = 0;
    fragment.doc?.on('update', () => (updates += 1));
    expect(unlinkEvidence(fragment, new Set(['c']))).toBe(0);
    expect(updates).toBe(0);
    expect(contentOf(fragment)).toEqual(content);
  });
});

describe('claimBacking', () => {
  const sideOf = new Map<string, Side>([
    ['m1', 'marketing'],
    ['m2', 'marketing'],
    ['s1', 'sales'],
  ]);

  it.each([
    [['m1', 'm2'], 'marketing'],
    [['s1'], 'sales'],
    [['m1', 's1'], 'both'],
    [['gone', 's1', 'deleted'], 'sales'],
    [['gone', 'deleted'], 'none'],
    [[], 'none'],
  ] as const)('%o → %s', (ids, backing) => {
    expect(claimBacking(ids, sideOf)).toBe(backing);
  });
});

describe('mergeEvidenceIds', () => {
  it('keeps order and drops repeats', () => {
    expect(mergeEvidenceIds(['a', 'b'], ['c'])).toEqual(['a', 'b', 'c']);
    expect(mergeEvidenceIds(['a', 'b'], ['b', 'c', 'a', 'c'])).toEqual(['a', 'b', 'c']);
    expect(mergeEvidenceIds([], ['x', 'x'])).toEqual(['x']);
    expect(mergeEvidenceIds(['y'], [])).toEqual(['y']);
  });
});

describe('assumptions', () => {
  const existing = new Set(['m1', 's1']);

  it('a list item that says something with no evidence is an assumption', () => {
    expect(isAssumption(listItem(paragraph(text('Budget is fixed in Q1'))), existing)).toBe(true);
  });

  it('a list item linked to an existing item is not; linked only to a missing one, it is', () => {
    expect(isAssumption(listItem(paragraph(text('Budget '), text('is fixed', ev('m1')))), existing)).toBe(false);
    expect(isAssumption(listItem(paragraph(text('Budget is fixed', ev('deleted,other')))), existing)).toBe(true);
    expect(isAssumption(listItem(paragraph(text('Budget', ev('deleted,s1')))), existing)).toBe(false);
  });

  it('an empty or blank list item is not an assumption', () => {
    expect(isAssumption({ type: 'listItem' }, existing)).toBe(false);
    expect(isAssumption(listItem(paragraph()), existing)).toBe(false);
    expect(isAssumption(listItem(paragraph(text('   '))), existing)).toBe(false);
  });

  it('evidence in a nested list backs the child, not the parent', () => {
    const child = listItem(paragraph(text('Finance signs', ev('s1'))));
    const parent = listItem(paragraph(text('Two approvers')), bulletList(child));
    expect(isAssumption(parent, existing)).toBe(true);
    expect(isAssumption(child, existing)).toBe(false);
    expect(findAssumptions([bulletList(parent)], existing)).toEqual([parent]);
  });

  it('a parent with only a nested list says nothing itself', () => {
    const child = listItem(paragraph(text('Unchecked')));
    const parent = listItem(bulletList(child));
    expect(isAssumption(parent, existing)).toBe(false);
    expect(findAssumptions([bulletList(parent)], existing)).toEqual([child]);
  });

  it('non-list nodes are never assumptions', () => {
    for (const node of [
      paragraph(text('Plain claim')),
      { type: 'heading', attrs: { level: 2 }, content: [text('Heading claim')] },
      bulletList(listItem(paragraph(text('x')))),
      text('bare text'),
    ]) {
      expect(isAssumption(node, existing)).toBe(false);
    }
  });

  it('findAssumptions lists them in document order, read from a real section', () => {
    const fragment = sectionWith(
      docOf(
        paragraph(text('Intro with no evidence')),
        bulletList(
          listItem(paragraph(text('A'))),
          listItem(paragraph(text('B', ev('m1')))),
          listItem(paragraph(text('C')), bulletList(listItem(paragraph(text('C.1', ev('gone')))))),
        ),
        { type: 'orderedList', attrs: { start: 1 }, content: [listItem(paragraph(text('D')))] },
      ),
    );
    const found = findAssumptions(fragmentToJSON(fragment).content, existing);
    const firstText = (node: RichTextNode): string => node.content?.[0]?.content?.[0]?.text ?? '';
    expect(found.map(firstText)).toEqual(['A', 'C', 'C.1', 'D']);
  });
});
