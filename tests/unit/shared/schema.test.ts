import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  ROOT,
  SECTION_KEYS,
  SECTION_LABELS,
  formatEvidenceIds,
  getComments,
  getEvidence,
  getProfile,
  getSection,
  getSignoff,
  isPersonaId,
  isSectionKey,
  isSignoffKey,
  parseEvidenceIds,
  sectionRootName,
  signoffKey,
} from '../../../shared/persona/index.ts';

describe('persona schema', () => {
  it('lists the seven sections in display order with their labels', () => {
    expect(SECTION_KEYS).toEqual(['summary', 'goals', 'pains', 'objections', 'buyingProcess', 'channels', 'messaging']);
    expect(SECTION_KEYS.map((key) => SECTION_LABELS.en[key])).toEqual([
      'Summary',
      'Goals',
      'Pains & challenges',
      'Objections',
      'Buying process',
      'Channels',
      'Messaging',
    ]);
  });

  it('recognises section keys and nothing else', () => {
    expect(isSectionKey('buyingProcess')).toBe(true);
    expect(isSectionKey('BuyingProcess')).toBe(false);
    expect(isSectionKey('')).toBe(false);
    expect(isSectionKey('toString')).toBe(false);
    expect(isSectionKey(3)).toBe(false);
  });

  it('names section roots as the Tiptap field "section:<key>"', () => {
    expect(sectionRootName('pains')).toBe('section:pains');
  });

  it.each([
    ['abc', true],
    ['A_b-9', true],
    ['x'.repeat(64), true],
    ['x'.repeat(65), false],
    ['', false],
    ['has space', false],
    ['../etc', false],
    ['ñandú', false],
    [42, false],
    [null, false],
  ])('isPersonaId(%j) is %s', (value, expected) => {
    expect(isPersonaId(value)).toBe(expected);
  });

  it('keys sign-offs as "<section>:<side>" and rejects other keys', () => {
    expect(signoffKey('goals', 'sales')).toBe('goals:sales');
    expect(isSignoffKey('goals:sales')).toBe(true);
    expect(isSignoffKey('goals:legal')).toBe(false);
    expect(isSignoffKey('nope:sales')).toBe(false);
    expect(isSignoffKey('goals')).toBe(false);
  });

  it('joins and splits the evidence mark ids', () => {
    expect(formatEvidenceIds(['a1', 'b2'])).toBe('a1,b2');
    expect(parseEvidenceIds('a1, b2,,bad id')).toEqual(['a1', 'b2']);
    expect(parseEvidenceIds('')).toEqual([]);
  });

  it('gives typed accessors onto the named roots', () => {
    const doc = new Y.Doc();
    expect(getProfile(doc)).toBeInstanceOf(Y.Map);
    expect(getProfile(doc)).toBe(doc.getMap(ROOT.profile));
    expect(getEvidence(doc)).toBe(doc.getArray(ROOT.evidence));
    expect(getComments(doc)).toBe(doc.getArray(ROOT.comments));
    expect(getSignoff(doc)).toBe(doc.getMap(ROOT.signoff));
    for (const key of SECTION_KEYS) {
      expect(getSection(doc, key)).toBeInstanceOf(Y.XmlFragment);
      expect(getSection(doc, key)).toBe(doc.getXmlFragment(`section:${key}`));
    }
    doc.destroy();
  });
});
