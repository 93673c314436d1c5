// Issue 14 items 1 and 2: every reader of rich text copes with any depth (2,000 nested lists crashed publish).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findAssumptions, linkedIdsInContent } from '../../../shared/persona/claims.ts';
import { fragmentToJSON, fragmentToPlainText } from '../../../shared/persona/richText.ts';
import { MAX_RICH_TEXT_DEPTH, boundRichTextDepth, depthExceeds } from '../../../shared/persona/richTextDepth.ts';
import { getSection, SECTION_KEYS } from '../../../shared/persona/schema.ts';
import { sectionFingerprint } from '../../../shared/persona/signoff.ts';
import { contentFingerprint } from '../../../shared/persona/signoffRules.ts';
import { readPersonaSnapshot, richTextToPlainText, snapshotSearchText } from '../../../shared/persona/snapshot.ts';
import type { RichTextDoc, RichTextNode } from '../../../shared/persona/types.ts';
import { diffPersonas, sectionLines } from '../../../shared/persona/versionDiff.ts';

const LEVELS = 5_000;

/** `levels` nested bullet lists as JSON, each item claiming evidence `e<level>`, built without recursion. */
function deepJson(levels: number): RichTextDoc {
  let node: RichTextNode | null = null;
  for (let level = levels; level >= 1; level--) {
    const paragraph: RichTextNode = { type: 'paragraph', content: [{ type: 'text', text: `level ${level}`, marks: [{ type: 'evidence', attrs: { ids: `e${level}` } }] }] };
    node = { type: 'bulletList', content: [{ type: 'listItem', content: node ? [paragraph, node] : [paragraph] }] };
  }
  return { type: 'doc', content: node ? [node] : [] };
}

/** The same as a Yjs section, as the editor would store it. */
function deepDoc(levels: number): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    let parent: Y.XmlFragment = getSection(doc, 'goals');
    for (let level = 1; level <= levels; level++) {
      const list = new Y.XmlElement('bulletList');
      const item = new Y.XmlElement('listItem');
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      parent.insert(parent.length, [list]);
      list.insert(0, [item]);
      item.insert(0, [paragraph]);
      paragraph.insert(0, [text]);
      text.insert(0, `level ${level}`);
      parent = item;
    }
  });
  return doc;
}

describe('[issue 14.2] rich text readers cope with any depth', () => {
  it('reads a section nested 5,000 lists deep: snapshot, plain text, fingerprint, search text', () => {
    const doc = deepDoc(LEVELS);
    const { snapshot, unreadable } = readPersonaSnapshot(doc);
    expect(unreadable).toEqual([]);
    expect(depthExceeds(snapshot.sections.goals, MAX_RICH_TEXT_DEPTH)).toBe(false);
    const text = richTextToPlainText(snapshot.sections.goals);
    expect(text).toContain('level 1\n');
    expect(text).toContain(`level ${LEVELS}`);
    expect(fragmentToPlainText(getSection(doc, 'goals')).split('\n')).toHaveLength(LEVELS);
    expect(sectionFingerprint(doc, 'goals')).toMatch(/^[0-9a-f]{14}$/);
    expect(JSON.stringify(snapshot).length).toBeGreaterThan(LEVELS);
    expect(snapshotSearchText(snapshot)).toContain(`level ${LEVELS}`);
  });

  it('reads unbounded JSON (a version stored before the limit): claims, assumptions, diff, fingerprint', () => {
    const deep = deepJson(LEVELS);
    expect(linkedIdsInContent(deep).size).toBe(LEVELS);
    expect(findAssumptions(deep.content, new Set())).toHaveLength(LEVELS);
    expect(richTextToPlainText(deep).split('\n')).toHaveLength(LEVELS);
    expect(contentFingerprint(deep)).toBe(contentFingerprint(boundRichTextDepth(deep)));
    const lines = sectionLines(deep);
    expect(lines.at(-1)).toContain(`level ${LEVELS}`);
    const sections = Object.fromEntries(SECTION_KEYS.map((key) => [key, key === 'goals' ? deep : { type: 'doc', content: [] }])) as Record<(typeof SECTION_KEYS)[number], RichTextDoc>;
    const persona = { profile: { name: '', role: '', segment: '', companySize: '', location: '', avatar: '', createdAt: '' }, sections, evidence: [], signoff: {} };
    expect(diffPersonas(persona, persona).isEmpty).toBe(true);
  });

  it('bounds only what is too deep, and gives content within the limit back as it is', () => {
    const shallow = deepJson(10);
    expect(boundRichTextDepth(shallow)).toBe(shallow);
    expect(richTextToPlainText(fragmentToJSON(getSection(deepDoc(10), 'goals'))).split('\n')).toHaveLength(10);
    const bounded = boundRichTextDepth(deepJson(100));
    expect(depthExceeds(bounded, MAX_RICH_TEXT_DEPTH)).toBe(false);
    expect(richTextToPlainText(bounded).split('\n')).toHaveLength(100);
  });
});
