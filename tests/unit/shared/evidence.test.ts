import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  ITEM_ID_PATTERN,
  SECTION_KEYS,
  addEvidence,
  alignmentBySection,
  claimBacking,
  deleteEvidence,
  evidenceFromYjs,
  evidenceToYjs,
  findAssumptions,
  fragmentToJSON,
  getEvidence,
  getSection,
  linkedEvidenceIds,
  newItemId,
  readEvidence,
  updateEvidence,
  writeFragmentFromJSON,
} from '../../../shared/persona/index.ts';
import type { EvidenceInput, EvidenceItem, RichTextDoc, SectionKey, Side } from '../../../shared/persona/index.ts';
import { createPeers, expectConverged, syncPeers } from '../../helpers/ydocs.ts';

const NOW = new Date('2025-03-04T10:00:00.000Z');
const ORIGIN = 'evidence-test';
const MARTA = { author: 'Marta', side: 'marketing' } as const;
const SAM = { author: 'Sam', side: 'sales' } as const;

const input = (overrides: Partial<EvidenceInput> = {}): EvidenceInput => ({
  kind: 'metric',
  text: '62% of trial sign-ups come from ops leads',
  source: 'Q4 funnel dashboard',
  section: 'goals',
  ...overrides,
});

/** One claim per id list, as a bullet list. */
function claims(...idLists: string[]): RichTextDoc {
  return {
    type: 'doc',
    content: [
      {
        type: 'bulletList',
        content: idLists.map((ids, i) => ({
          type: 'listItem',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: `claim ${i}`, marks: [{ type: 'evidence', attrs: { ids } }] }] }],
        })),
      },
    ],
  };
}

function linked(doc: Y.Doc): Record<SectionKey, ReadonlySet<string>> {
  const result = {} as Record<SectionKey, ReadonlySet<string>>;
  for (const key of SECTION_KEYS) result[key] = linkedEvidenceIds(getSection(doc, key));
  return result;
}

/** Counts the transactions and updates a doc emits from now on, with their origins. */
function watch(doc: Y.Doc): { transactions: unknown[]; updates: number } {
  const seen = { transactions: [] as unknown[], updates: 0 };
  doc.on('afterTransaction', (transaction) => seen.transactions.push(transaction.origin));
  doc.on('update', () => (seen.updates += 1));
  return seen;
}

describe('newItemId', () => {
  it('matches ITEM_ID_PATTERN and does not repeat in 1,000 calls', () => {
    const ids = Array.from({ length: 1000 }, () => newItemId());
    for (const id of ids) expect(id).toMatch(ITEM_ID_PATTERN);
    expect(new Set(ids).size).toBe(1000);
  });
});

describe('addEvidence', () => {
  it('writes maps readable by evidenceFromYjs, with author, side and date, in one transaction', () => {
    const doc = new Y.Doc();
    const seen = watch(doc);
    const items = addEvidence(doc, [input(), input({ kind: 'campaign', section: '' })], MARTA, { origin: ORIGIN, now: NOW });

    expect(seen).toEqual({ transactions: [ORIGIN], updates: 1 });
    expect(getEvidence(doc).map((map, i) => evidenceFromYjs(map, `evidence[${i}]`))).toEqual(items);
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item).toMatchObject({ author: 'Marta', side: 'marketing', createdAt: '2025-03-04T10:00:00.000Z' });
      expect(item.id).toMatch(ITEM_ID_PATTERN);
    }
    expect(items[0]?.id).not.toBe(items[1]?.id);
    expect(items.map((item) => [item.kind, item.section])).toEqual([
      ['metric', 'goals'],
      ['campaign', ''],
    ]);
  });

  it('trims text, source and author', () => {
    const doc = new Y.Doc();
    addEvidence(doc, [input({ text: '  Ops leads sign  \n', source: ' CRM ' })], { author: ' Sam ', side: 'sales' });
    expect(readEvidence(doc).items[0]).toMatchObject({ text: 'Ops leads sign', source: 'CRM', author: 'Sam', side: 'sales' });
  });

  it('appends after what is already there', () => {
    const doc = new Y.Doc();
    const [first] = addEvidence(doc, [input({ text: 'first' })], MARTA);
    const [second] = addEvidence(doc, [input({ text: 'second' })], SAM);
    expect(readEvidence(doc).items).toEqual([first, second]);
  });

  it('a batch with one invalid input throws and writes nothing', () => {
    const doc = new Y.Doc();
    // Yjs emits an empty transaction when a root type is first created; do it before watching.
    const evidence = getEvidence(doc);
    const seen = watch(doc);
    const batch = [input(), input({ text: '   ' }), input()];
    expect(() => addEvidence(doc, batch, MARTA)).toThrow(/text is empty/);
    expect(() => addEvidence(doc, [input({ source: 'x'.repeat(301) })], MARTA)).toThrow(/source is over 300/);
    expect(() => addEvidence(doc, [input()], { author: '  ', side: 'sales' })).toThrow(/author is empty/);
    expect(evidence.length).toBe(0);
    expect(seen).toEqual({ transactions: [], updates: 0 });
  });
});

describe('updateEvidence', () => {
  it('changes what the item says but keeps its id, author, side and date', () => {
    const doc = new Y.Doc();
    const [item, other] = addEvidence(doc, [input(), input({ text: 'other' })], SAM, { now: NOW });
    if (item === undefined || other === undefined) throw new Error('two items');
    const seen = watch(doc);

    const next = { kind: 'quote', text: ' "We need SSO" ', source: 'Call with Acme', section: 'objections' } as const;
    expect(updateEvidence(doc, item.id, next, ORIGIN)).toBe(true);

    expect(seen).toEqual({ transactions: [ORIGIN], updates: 1 });
    expect(readEvidence(doc).items).toEqual([{ ...item, ...next, text: '"We need SSO"' }, other]);
  });

  it('returns false, writing nothing, for an unknown id', () => {
    const doc = new Y.Doc();
    addEvidence(doc, [input()], MARTA);
    const before = readEvidence(doc).items;
    const seen = watch(doc);
    expect(updateEvidence(doc, 'no-such-item', input({ text: 'changed' }))).toBe(false);
    expect(seen.updates).toBe(0);
    expect(readEvidence(doc).items).toEqual(before);
  });

  it('rejects an invalid input before looking for the item', () => {
    const doc = new Y.Doc();
    const [item] = addEvidence(doc, [input()], MARTA);
    expect(() => updateEvidence(doc, item?.id ?? '', input({ text: '' }))).toThrow(/text is empty/);
    expect(readEvidence(doc).items).toEqual([item]);
  });
});

describe('deleteEvidence', () => {
  it('removes the item and strips its id from claims in every section, in one transaction', () => {
    const doc = new Y.Doc();
    const [x, y, z] = addEvidence(doc, [input({ text: 'x' }), input({ text: 'y' }), input({ text: 'z' })], MARTA);
    if (x === undefined || y === undefined || z === undefined) throw new Error('three items');
    writeFragmentFromJSON(getSection(doc, 'goals'), claims(`${x.id},${y.id}`, z.id));
    writeFragmentFromJSON(getSection(doc, 'pains'), claims(x.id));
    writeFragmentFromJSON(getSection(doc, 'messaging'), claims(`${y.id},${x.id}`));
    const seen = watch(doc);

    expect(deleteEvidence(doc, new Set([x.id]), ORIGIN)).toBe(1);

    expect(seen).toEqual({ transactions: [ORIGIN], updates: 1 });
    expect(readEvidence(doc)).toEqual({ items: [y, z], skipped: 0 });
    expect(fragmentToJSON(getSection(doc, 'goals'))).toEqual(claims(y.id, z.id));
    expect(linkedEvidenceIds(getSection(doc, 'pains')).size).toBe(0);
    expect(fragmentToJSON(getSection(doc, 'messaging'))).toEqual(claims(y.id));
    for (const key of SECTION_KEYS) expect(linkedEvidenceIds(getSection(doc, key)).has(x.id)).toBe(false);
  });

  it('deletes several items at once and counts only those that existed', () => {
    const doc = new Y.Doc();
    const items = addEvidence(doc, ['a', 'b', 'c', 'd'].map((text) => input({ text })), SAM);
    const ids = items.map((item) => item.id);
    expect(deleteEvidence(doc, new Set([ids[0] ?? '', ids[2] ?? '', 'never-existed']))).toBe(2);
    expect(readEvidence(doc).items.map((item) => item.text)).toEqual(['b', 'd']);
  });
});

describe('readEvidence', () => {
  it('skips and counts a malformed item, keeping the others in order', () => {
    const doc = new Y.Doc();
    const [first] = addEvidence(doc, [input({ text: 'first' })], MARTA);
    const legal = evidenceToYjs({ ...(first as EvidenceItem), id: 'legal1' });
    getEvidence(doc).push([legal]);
    legal.set('side', 'legal');
    (getEvidence(doc) as Y.Array<unknown>).push(['not a map']);
    const [last] = addEvidence(doc, [input({ text: 'last' })], SAM);

    expect(readEvidence(doc)).toEqual({ items: [first, last], skipped: 2 });
  });
});

describe('a delete racing a new link', () => {
  it('leaves the concurrent link dangling, and readers treat it as unbacked', () => {
    const [a, b] = createPeers(2);
    if (a === undefined || b === undefined) throw new Error('two peers');
    const [x, y] = addEvidence(a, [input({ text: 'x', section: '' }), input({ text: 'y', section: '' })], SAM);
    if (x === undefined || y === undefined) throw new Error('two items');
    writeFragmentFromJSON(getSection(a, 'goals'), claims(x.id));
    syncPeers([a, b]);

    // Concurrently: A deletes X while B links a claim in another section to X (and one to X and Y).
    deleteEvidence(a, new Set([x.id]));
    writeFragmentFromJSON(getSection(b, 'pains'), claims(x.id, `${x.id},${y.id}`));
    syncPeers([a, b]);
    expectConverged([a, b]);

    for (const doc of [a, b]) {
      const { items } = readEvidence(doc);
      expect(items).toEqual([y]);
      // A's unlink only saw the claims it knew about: B's new link survives, pointing at nothing.
      expect(linkedEvidenceIds(getSection(doc, 'goals')).size).toBe(0);
      expect([...linkedEvidenceIds(getSection(doc, 'pains'))].sort()).toEqual([x.id, y.id].sort());

      const sideOf = new Map<string, Side>(items.map((item) => [item.id, item.side]));
      expect(claimBacking([x.id], sideOf)).toBe('none');
      expect(claimBacking([x.id, y.id], sideOf)).toBe('sales');
      const existing = new Set(items.map((item) => item.id));
      const assumptions = findAssumptions(fragmentToJSON(getSection(doc, 'pains')).content, existing);
      expect(assumptions.map((node) => node.content?.[0]?.content?.[0]?.text)).toEqual(['claim 0']);
      expect(alignmentBySection(items, linked(doc)).pains).toEqual({ marketing: 0, sales: 1, state: 'needsData' });
    }
  });
});
