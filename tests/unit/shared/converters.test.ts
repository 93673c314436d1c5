import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  PersonaShapeError,
  SECTION_KEYS,
  evidenceCounts,
  evidenceFromYjs,
  evidenceToYjs,
  getComments,
  getEvidence,
  getProfile,
  getSection,
  getSignoff,
  profileFromYjs,
  readPersona,
  replyFromYjs,
  replyToYjs,
  signoffFromYjs,
  signoffKey,
  signoffToYjs,
  threadFromYjs,
  threadToYjs,
  writeFragmentFromJSON,
} from '../../../shared/persona/index.ts';
import type { CommentThread, EvidenceItem } from '../../../shared/persona/index.ts';
import { createPeers, expectConverged, syncPeers } from '../../helpers/ydocs.ts';

const AT = '2025-03-04T10:00:00.000Z';

const evidence = (overrides: Partial<EvidenceItem> = {}): EvidenceItem => ({
  id: 'ev1',
  side: 'marketing',
  kind: 'metric',
  text: '62% of trial sign-ups come from ops leads',
  source: 'Q4 funnel dashboard',
  section: 'summary',
  author: 'Marta',
  createdAt: AT,
  ...overrides,
});

const thread: CommentThread = {
  id: 't1',
  section: 'objections',
  author: 'Sam',
  side: 'sales',
  text: 'Price is not the real blocker',
  createdAt: AT,
  resolved: false,
  replies: [
    { author: 'Marta', side: 'marketing', text: 'Our survey agrees', createdAt: AT },
    { author: 'Sam', side: 'sales', text: '¿Seguro? Let us check the lost deals', createdAt: AT },
  ],
};

/** Integrates a prelim map into a doc, as a real write does, and returns the live map. */
function integrate(map: Y.Map<unknown>): Y.Map<unknown> {
  const doc = new Y.Doc();
  doc.getArray<Y.Map<unknown>>('scratch').push([map]);
  const live = doc.getArray<Y.Map<unknown>>('scratch').get(0);
  return live;
}

function shapeError(run: () => unknown): PersonaShapeError {
  try {
    run();
  } catch (error) {
    if (error instanceof PersonaShapeError) return error;
    throw error;
  }
  throw new Error('expected a PersonaShapeError');
}

describe('converters round-trip', () => {
  it('evidence', () => {
    const item = evidence({ section: '' });
    expect(evidenceFromYjs(integrate(evidenceToYjs(item)))).toEqual(item);
  });

  it('comment thread with replies stored as a Y.Array of Y.Maps', () => {
    const live = integrate(threadToYjs(thread));
    const replies = live.get('replies');
    expect(replies).toBeInstanceOf(Y.Array);
    expect((replies as Y.Array<unknown>).get(0)).toBeInstanceOf(Y.Map);
    expect(threadFromYjs(live)).toEqual(thread);
  });

  it('reply and sign-off', () => {
    const reply = thread.replies[0];
    if (reply === undefined) throw new Error('fixture has a reply');
    expect(replyFromYjs(integrate(replyToYjs(reply)))).toEqual(reply);
    const signoff = { by: 'Sam', at: AT, fingerprint: 'abc123' };
    expect(signoffFromYjs(integrate(signoffToYjs(signoff)))).toEqual(signoff);
  });

  it('profile fills missing fields with empty strings', () => {
    const doc = new Y.Doc();
    getProfile(doc).set('name', 'Olga Núñez');
    expect(profileFromYjs(getProfile(doc))).toEqual({
      name: 'Olga Núñez',
      role: '',
      segment: '',
      companySize: '',
      location: '',
      avatar: '',
      createdAt: '',
    });
  });
});

describe('bad shapes throw PersonaShapeError naming the path', () => {
  it('a wrong side deep in the evidence list', () => {
    const doc = new Y.Doc();
    getEvidence(doc).push([0, 1, 2, 3].map((i) => evidenceToYjs(evidence({ id: `ev${i}` }))));
    getEvidence(doc).get(3).set('side', 'legal');
    const error = shapeError(() => readPersona(doc));
    expect(error.reason).toBe('evidence[3].side: expected "marketing" | "sales", got "legal"');
    expect(shapeError(() => evidenceCounts(doc)).reason).toMatch(/^evidence\[3\]\.side: /);
  });

  it('a non-string profile field', () => {
    const doc = new Y.Doc();
    (getProfile(doc) as Y.Map<unknown>).set('role', 42);
    expect(shapeError(() => readPersona(doc)).reason).toBe('profile.role: expected string, got 42');
  });

  it('a missing evidence field, a bad date and a non-map item', () => {
    const missing = integrate(evidenceToYjs(evidence()));
    missing.delete('kind');
    expect(shapeError(() => evidenceFromYjs(missing, 'evidence[0]')).reason).toMatch(/^evidence\[0\]\.kind: .*got nothing$/);

    const badDate = integrate(evidenceToYjs(evidence()));
    badDate.set('createdAt', 'yesterday');
    expect(shapeError(() => evidenceFromYjs(badDate)).reason).toMatch(/^evidence\.createdAt: expected an ISO 8601/);

    const doc = new Y.Doc();
    (getEvidence(doc) as Y.Array<unknown>).push(['just a string']);
    expect(shapeError(() => readPersona(doc)).reason).toBe('evidence[0]: expected a Y.Map, got "just a string"');
  });

  it('replies written as a plain array instead of a Y.Array', () => {
    const doc = new Y.Doc();
    getComments(doc).push([threadToYjs(thread)]);
    getComments(doc).get(0).set('replies', []);
    expect(shapeError(() => readPersona(doc)).reason).toBe('comments[0].replies: expected a Y.Array, got an array');
  });

  it('a bad reply inside a thread', () => {
    const doc = new Y.Doc();
    getComments(doc).push([threadToYjs(thread)]);
    const replies = getComments(doc).get(0).get('replies') as Y.Array<Y.Map<unknown>>;
    replies.get(1).set('side', 'ceo');
    expect(shapeError(() => readPersona(doc)).reason).toMatch(/^comments\[0\]\.replies\[1\]\.side: /);
  });

  it('a sign-off under a key that is not "<section>:<side>"', () => {
    const doc = new Y.Doc();
    getSignoff(doc).set('goals:legal', signoffToYjs({ by: 'x', at: AT, fingerprint: 'f' }));
    expect(shapeError(() => readPersona(doc)).reason).toMatch(/^signoff\["goals:legal"\]: /);
  });

  it('toYjs validates before anything is written', () => {
    const bad = { ...evidence(), kind: 'rumour' } as unknown as EvidenceItem;
    expect(shapeError(() => evidenceToYjs(bad)).reason).toMatch(/^evidence\.kind: expected "metric" \| /);
    const badId = { ...thread, id: 'a,b' };
    expect(shapeError(() => threadToYjs(badId)).reason).toMatch(/^comments\.id: /);
  });
});

describe('readPersona', () => {
  it('returns all seven sections even on an empty doc', () => {
    const persona = readPersona(new Y.Doc());
    expect(Object.keys(persona.sections)).toEqual([...SECTION_KEYS]);
    for (const key of SECTION_KEYS) expect(persona.sections[key]).toEqual({ type: 'doc', content: [] });
    expect(persona.evidence).toEqual([]);
    expect(persona.comments).toEqual([]);
    expect(persona.signoff).toEqual({});
  });

  it('counts evidence per side', () => {
    const doc = new Y.Doc();
    getEvidence(doc).push([
      evidenceToYjs(evidence({ id: 'a' })),
      evidenceToYjs(evidence({ id: 'b', side: 'sales', kind: 'quote' })),
      evidenceToYjs(evidence({ id: 'c', side: 'sales', kind: 'deal' })),
    ]);
    expect(evidenceCounts(doc)).toEqual({ marketing: 1, sales: 2 });
  });
});

describe('concurrent edits from both sides', () => {
  it('merge so every peer shows both sides\u2019 work', () => {
    const [marketing, sales] = createPeers(2);
    if (marketing === undefined || sales === undefined) throw new Error('two peers');

    getEvidence(marketing).push([evidenceToYjs(evidence({ id: 'm1' }))]);
    getProfile(marketing).set('segment', 'Mid-market SaaS');
    writeFragmentFromJSON(getSection(marketing, 'goals'), {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Cut onboarding time' }] }],
    });
    getSignoff(marketing).set(signoffKey('goals', 'marketing'), signoffToYjs({ by: 'Marta', at: AT, fingerprint: 'f1' }));

    getEvidence(sales).push([evidenceToYjs(evidence({ id: 's1', side: 'sales', kind: 'objection' }))]);
    getProfile(sales).set('role', 'Head of Operations');
    writeFragmentFromJSON(getSection(sales, 'goals'), {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Fewer manual handoffs' }] }],
    });
    getComments(sales).push([threadToYjs(thread)]);

    syncPeers([marketing, sales]);
    expectConverged([marketing, sales]);

    const persona = readPersona(marketing);
    expect(persona.evidence.map((item) => item.id).sort()).toEqual(['m1', 's1']);
    expect(persona.profile).toMatchObject({ segment: 'Mid-market SaaS', role: 'Head of Operations' });
    const goals = JSON.stringify(persona.sections.goals);
    expect(goals).toContain('Cut onboarding time');
    expect(goals).toContain('Fewer manual handoffs');
    expect(persona.comments).toEqual([thread]);
    expect(Object.keys(persona.signoff)).toEqual(['goals:marketing']);
    expect(evidenceCounts(sales)).toEqual({ marketing: 1, sales: 1 });
  });

  it('a profile field edited on every peer resolves to one of the edits, the same everywhere', () => {
    const peers = createPeers(3);
    peers.forEach((doc, i) => getProfile(doc).set('name', `Name from peer ${i}`));
    syncPeers(peers);
    expectConverged(peers);
    const names = new Set(peers.map((doc) => readPersona(doc).profile.name));
    expect(names.size).toBe(1);
    expect(['Name from peer 0', 'Name from peer 1', 'Name from peer 2']).toContain([...names][0]);
  });
});
