import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PersonaShapeError } from '../../../shared/persona/converters.ts';
import { fragmentToJSON, writeFragmentFromJSON } from '../../../shared/persona/richText.ts';
import { getSection, getSignoff, SECTION_KEYS, sectionRootName, signoffKey } from '../../../shared/persona/schema.ts';
import {
  contentFingerprint,
  readSignoffs,
  readStoredSignoffs,
  sectionFingerprint,
  sectionSignoffState,
  SIGNER_NAME_MAX,
  signOffSection,
  signoffsFromContent,
  withdrawSignoff,
} from '../../../shared/persona/signoff.ts';
import type { RichTextDoc, SectionKey } from '../../../shared/persona/types.ts';
import { createPeers, expectConverged, syncPeers } from '../../helpers/ydocs.ts';

const NOW = new Date('2025-03-04T10:00:00.000Z');
const LATER = new Date('2025-03-05T09:30:00.000Z');
const ana = { by: 'Ana', side: 'marketing' } as const;
const ben = { by: 'Ben', side: 'sales' } as const;

const pains: RichTextDoc = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'Legal review takes ' }, { type: 'text', text: 'three weeks', marks: [{ type: 'evidence', attrs: { ids: 'ev1' } }] }] },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Budget frozen until Q3' }] }] }] },
  ],
};

function docWith(section: SectionKey, content: RichTextDoc): Y.Doc {
  const doc = new Y.Doc();
  writeFragmentFromJSON(getSection(doc, section), content);
  return doc;
}

/** The first paragraph's text node of a section (where `pains` keeps its claim). */
function firstText(doc: Y.Doc, section: SectionKey): Y.XmlText {
  const paragraph = getSection(doc, section).get(0) as Y.XmlElement;
  return paragraph.get(0) as Y.XmlText;
}

/** Counts the updates a doc emits while `fn` runs. */
function updatesDuring(doc: Y.Doc, fn: () => void): number {
  let updates = 0;
  const count = () => updates++;
  doc.on('update', count);
  try {
    fn();
  } finally {
    doc.off('update', count);
  }
  return updates;
}

describe('fingerprints', () => {
  it('are the same for the same content in two separate documents, and match the JSON form', () => {
    const a = docWith('pains', pains);
    const b = docWith('pains', pains);
    expect(sectionFingerprint(a, 'pains')).toBe(sectionFingerprint(b, 'pains'));
    expect(sectionFingerprint(a, 'pains')).toMatch(/^[0-9a-f]{14}$/);
    expect(sectionFingerprint(a, 'pains')).toBe(contentFingerprint(fragmentToJSON(getSection(a, 'pains'), sectionRootName('pains'))));
    // Another section with other content has another fingerprint.
    expect(sectionFingerprint(a, 'goals')).not.toBe(sectionFingerprint(a, 'pains'));
  });

  it('agree across two synced documents, whatever order formatting and attributes arrived in', () => {
    const [a, b] = createPeers(2) as [Y.Doc, Y.Doc];
    writeFragmentFromJSON(getSection(a, 'pains'), pains);
    syncPeers([a, b]);
    // Concurrent formatting of the same words, in opposite orders.
    firstText(a, 'pains').format(0, 5, { bold: {} });
    firstText(a, 'pains').format(0, 5, { italic: {} });
    firstText(b, 'pains').format(0, 5, { italic: {} });
    firstText(b, 'pains').format(0, 5, { bold: {} });
    const list = getSection(a, 'pains').get(1) as Y.XmlElement;
    list.setAttribute('start', '2');
    syncPeers([a, b]);
    expect(sectionFingerprint(a, 'pains')).toBe(sectionFingerprint(b, 'pains'));
    expect(sectionFingerprint(a, 'pains')).not.toBe(contentFingerprint(pains));
  });

  it('change when the text, the formatting or the claim links change', () => {
    const doc = docWith('pains', pains);
    const seen = new Set([sectionFingerprint(doc, 'pains')]);
    const expectNew = () => {
      const fingerprint = sectionFingerprint(doc, 'pains');
      expect(seen.has(fingerprint)).toBe(false);
      seen.add(fingerprint);
    };

    firstText(doc, 'pains').insert(0, 'Often, ');
    expectNew();
    firstText(doc, 'pains').format(0, 6, { bold: {} });
    expectNew();
    // "three weeks" now starts at 26: re-link it to two items.
    firstText(doc, 'pains').format(26, 11, { evidence: { ids: 'ev1,ev2' } });
    expectNew();
    firstText(doc, 'pains').format(26, 11, { evidence: null });
    expectNew();
    // A blank line is not: an editor leaves an empty paragraph behind when all text is deleted.
    const beforeBlank = sectionFingerprint(doc, 'pains');
    getSection(doc, 'pains').insert(2, [new Y.XmlElement('paragraph')]);
    expect(sectionFingerprint(doc, 'pains')).toBe(beforeBlank);
  });

  it('treat a section emptied again, with the paragraph the editor leaves, as the empty section that was signed', () => {
    const doc = new Y.Doc();
    const empty = sectionFingerprint(doc, 'goals');
    getSection(doc, 'goals').insert(0, [new Y.XmlElement('paragraph')]);
    expect(sectionFingerprint(doc, 'goals')).toBe(empty);
  });

  it('come back to the signed one when an edit is undone, so the sign-off is current again', () => {
    const doc = docWith('pains', pains);
    const before = sectionFingerprint(doc, 'pains');
    firstText(doc, 'pains').insert(0, 'x');
    expect(sectionFingerprint(doc, 'pains')).not.toBe(before);
    firstText(doc, 'pains').delete(0, 1);
    expect(sectionFingerprint(doc, 'pains')).toBe(before);
  });
});

describe('sign-off states', () => {
  it('start unsigned in every section', () => {
    const signoffs = readSignoffs(new Y.Doc());
    expect(Object.keys(signoffs)).toEqual([...SECTION_KEYS]);
    for (const section of SECTION_KEYS) {
      expect(signoffs[section]).toEqual({ marketing: { state: 'missing' }, sales: { state: 'missing' }, status: 'unsigned' });
    }
  });

  it('go partial, then signed, then stale on an edit; each side signs again on its own', () => {
    const doc = docWith('pains', pains);
    signOffSection(doc, 'pains', ana, { now: NOW });
    expect(readSignoffs(doc).pains).toEqual({
      marketing: { state: 'current', by: 'Ana', at: NOW.toISOString() },
      sales: { state: 'missing' },
      status: 'partial',
    });

    signOffSection(doc, 'pains', ben, { now: LATER });
    expect(readSignoffs(doc).pains).toEqual({
      marketing: { state: 'current', by: 'Ana', at: NOW.toISOString() },
      sales: { state: 'current', by: 'Ben', at: LATER.toISOString() },
      status: 'signed',
    });
    // Other sections are untouched.
    expect(readSignoffs(doc).goals.status).toBe('unsigned');

    firstText(doc, 'pains').insert(0, 'Usually, ');
    expect(readSignoffs(doc).pains).toEqual({
      marketing: { state: 'stale', by: 'Ana', at: NOW.toISOString() },
      sales: { state: 'stale', by: 'Ben', at: LATER.toISOString() },
      status: 'stale',
    });

    signOffSection(doc, 'pains', ana, { now: LATER });
    const afterOne = readSignoffs(doc).pains;
    expect(afterOne.marketing.state).toBe('current');
    expect(afterOne.sales.state).toBe('stale');
    expect(afterOne.status).toBe('stale');

    signOffSection(doc, 'pains', ben, { now: LATER });
    expect(readSignoffs(doc).pains.status).toBe('signed');
  });

  it('count one stale side with the other missing as stale', () => {
    expect(sectionSignoffState('new', { sales: { by: 'Ben', at: NOW.toISOString(), fingerprint: 'old' } })).toEqual({
      marketing: { state: 'missing' },
      sales: { state: 'stale', by: 'Ben', at: NOW.toISOString() },
      status: 'stale',
    });
  });

  it('read the same from a published copy of the content as from the live document', () => {
    const doc = docWith('pains', pains);
    signOffSection(doc, 'pains', ana, { now: NOW });
    signOffSection(doc, 'goals', ben, { now: NOW });
    firstText(doc, 'pains').insert(0, 'Edited: ');
    const sections = Object.fromEntries(
      SECTION_KEYS.map((key) => [key, fragmentToJSON(getSection(doc, key), sectionRootName(key))]),
    ) as Record<SectionKey, RichTextDoc>;
    const fromContent = signoffsFromContent(JSON.parse(JSON.stringify(sections)) as Record<SectionKey, RichTextDoc>, readStoredSignoffs(doc));
    expect(fromContent).toEqual(readSignoffs(doc));
    expect(fromContent.pains.status).toBe('stale');
    expect(fromContent.goals.status).toBe('partial');
  });
});

describe('signOffSection', () => {
  it('stores by, at and the fingerprint under <section>:<side>, with the origin given', () => {
    const doc = docWith('pains', pains);
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const origin = Symbol('test');
    const signoff = signOffSection(doc, 'pains', { by: '  Ana  ', side: 'marketing' }, { origin, now: NOW });
    expect(signoff).toEqual({ by: 'Ana', at: NOW.toISOString(), fingerprint: sectionFingerprint(doc, 'pains') });
    expect(readStoredSignoffs(doc)).toEqual({ 'pains:marketing': signoff });
    expect(origins).toEqual([origin]);
  });

  it('replaces that side’s earlier sign-off and leaves the other side’s alone', () => {
    const doc = docWith('pains', pains);
    signOffSection(doc, 'pains', ben, { now: NOW });
    signOffSection(doc, 'pains', ana, { now: NOW });
    signOffSection(doc, 'pains', { by: 'Alex', side: 'marketing' }, { now: LATER });
    expect(getSignoff(doc).size).toBe(2);
    const stored = readStoredSignoffs(doc);
    expect(stored['pains:marketing']).toMatchObject({ by: 'Alex', at: LATER.toISOString() });
    expect(stored['pains:sales']).toMatchObject({ by: 'Ben', at: NOW.toISOString() });
  });

  it.each([
    ['an empty name', { by: '', side: 'marketing' }],
    ['a blank name', { by: '   ', side: 'sales' }],
    ['a name that is too long', { by: 'x'.repeat(SIGNER_NAME_MAX + 1), side: 'sales' }],
    ['an unknown side', { by: 'Ana', side: 'legal' }],
  ])('refuses %s and writes nothing', (_, signer) => {
    const doc = docWith('pains', pains);
    const updates = updatesDuring(doc, () => {
      expect(() => signOffSection(doc, 'pains', signer as typeof ana)).toThrow(PersonaShapeError);
    });
    expect(updates).toBe(0);
    expect(getSignoff(doc).size).toBe(0);
  });
});

describe('withdrawSignoff', () => {
  it('removes one side’s sign-off; a second withdrawal says false and writes nothing', () => {
    const doc = docWith('pains', pains);
    signOffSection(doc, 'pains', ana, { now: NOW });
    signOffSection(doc, 'pains', ben, { now: NOW });
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));

    expect(withdrawSignoff(doc, 'pains', 'marketing', 'mine')).toBe(true);
    expect(origins).toEqual(['mine']);
    expect(readSignoffs(doc).pains).toMatchObject({ marketing: { state: 'missing' }, sales: { state: 'current' }, status: 'partial' });

    expect(updatesDuring(doc, () => expect(withdrawSignoff(doc, 'pains', 'marketing')).toBe(false))).toBe(0);
    expect(withdrawSignoff(doc, 'pains', 'sales')).toBe(true);
    expect(readSignoffs(doc).pains.status).toBe('unsigned');
  });
});

describe('readStoredSignoffs', () => {
  it('keeps the well-formed sign-offs and skips malformed entries and unknown keys', () => {
    const doc = new Y.Doc();
    const valid = { by: 'Ana', at: NOW.toISOString(), fingerprint: contentFingerprint({ type: 'doc', content: [] }) };
    const map = getSignoff(doc);
    doc.transact(() => {
      map.set('summary:marketing', new Y.Map(Object.entries(valid)));
      map.set('summary:sales', new Y.Map(Object.entries({ by: 'Ben', at: NOW.toISOString() })));
      map.set('goals:marketing', new Y.Map(Object.entries({ ...valid, at: 'yesterday' })));
      (map as Y.Map<unknown>).set('goals:sales', 'signed');
      map.set('pains:sales', new Y.Map(Object.entries({ ...valid, by: 42 })));
      map.set('summary:legal', new Y.Map(Object.entries(valid)));
      map.set('nonsense', new Y.Map(Object.entries(valid)));
      map.set(signoffKey('messaging', 'sales'), new Y.Map(Object.entries(valid)));
    });

    expect(readStoredSignoffs(doc)).toEqual({ 'summary:marketing': valid, 'messaging:sales': valid });
    const signoffs = readSignoffs(doc);
    // The empty summary is what Ana signed; the malformed sales entry counts as missing.
    expect(signoffs.summary).toMatchObject({ marketing: { state: 'current', by: 'Ana' }, sales: { state: 'missing' }, status: 'partial' });
    expect(signoffs.goals.status).toBe('unsigned');
    expect(signoffs.pains.status).toBe('unsigned');
    expect(signoffs.messaging.status).toBe('partial');
  });
});

describe('sign-offs from two browsers', () => {
  it('concurrent sign-offs of both sides converge to signed on both documents', () => {
    const [a, b] = createPeers(2) as [Y.Doc, Y.Doc];
    writeFragmentFromJSON(getSection(a, 'pains'), pains);
    syncPeers([a, b]);

    signOffSection(a, 'pains', ana, { now: NOW });
    signOffSection(b, 'pains', ben, { now: LATER });
    expect(readSignoffs(a).pains.status).toBe('partial');
    expect(readSignoffs(b).pains.status).toBe('partial');

    syncPeers([a, b]);
    expectConverged([a, b]);
    for (const doc of [a, b]) {
      expect(readSignoffs(doc).pains).toEqual({
        marketing: { state: 'current', by: 'Ana', at: NOW.toISOString() },
        sales: { state: 'current', by: 'Ben', at: LATER.toISOString() },
        status: 'signed',
      });
    }
  });

  it('a sign-off made while the other browser edits the section ends stale on both', () => {
    const [a, b] = createPeers(2) as [Y.Doc, Y.Doc];
    writeFragmentFromJSON(getSection(a, 'pains'), pains);
    syncPeers([a, b]);

    signOffSection(a, 'pains', ana, { now: NOW });
    firstText(b, 'pains').insert(0, 'Mostly, ');
    syncPeers([a, b]);
    expect(readSignoffs(a).pains).toEqual(readSignoffs(b).pains);
    expect(readSignoffs(a).pains.marketing.state).toBe('stale');
    expect(readSignoffs(a).pains.status).toBe('stale');
  });

  it('two signers of the same side at once leave exactly one sign-off, the same on both', () => {
    const [a, b] = createPeers(2) as [Y.Doc, Y.Doc];
    signOffSection(a, 'goals', ana, { now: NOW });
    signOffSection(b, 'goals', { by: 'Alex', side: 'marketing' }, { now: LATER });
    syncPeers([a, b]);
    expect(getSignoff(a).size).toBe(1);
    expect(readStoredSignoffs(a)).toEqual(readStoredSignoffs(b));
    expect(readSignoffs(a).goals.status).toBe('partial');
  });
});
