// The PDF names people as the server knows them (SPEC §6): a persona written by several Yjs clients,
// some forging names, sides and sign-offs, read through the attributed snapshot and rendered.
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildPdfLayout } from '../../../server/pdf/layout.ts';
import type { PdfLayout, PdfMeta } from '../../../server/pdf/layoutModel.ts';
import { renderPersonaPdf } from '../../../server/pdf/renderPdf.ts';
import { AUTHORS_CLIENT_ID, OPERATOR_AUTHOR, getAuthorsMap } from '../../../shared/persona/authors.ts';
import type { Directory } from '../../../shared/persona/authors.ts';
import { evidenceToYjs, signoffToYjs } from '../../../shared/persona/converters.ts';
import { writeFragmentFromJSON } from '../../../shared/persona/richText.ts';
import { PROFILE_FIELDS, SECTION_KEYS, getEvidence, getProfile, getSection, getSignoff } from '../../../shared/persona/schema.ts';
import { contentFingerprint } from '../../../shared/persona/signoff.ts';
import { readPersonaSnapshot } from '../../../shared/persona/snapshot.ts';
import type { EvidenceItem, Side } from '../../../shared/persona/types.ts';
import { EN_PERSONA } from './pdfFixtures.ts';

const PRIYA = 101; // marketing editor
const TOM = 102; // sales editor
const OPERATOR = 103;
const VERA = 104; // team other
const BEFORE_MEMBERS = 999; // a client id the server never recorded: written before members

const DIRECTORY: Directory = new Map([
  ['m-priya', { name: 'Priya Shah', team: 'marketing' }],
  ['m-tom', { name: 'Tom Reyes', team: 'sales' }],
  ['m-vera', { name: 'Vera Lind', team: 'other' }],
]);

/** Applies what one client writes to `main`, as the room would. */
function writeAs(main: Y.Doc, clientId: number, write: (doc: Y.Doc) => void): void {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(main));
  const before = Y.encodeStateVector(doc);
  write(doc);
  Y.applyUpdate(main, Y.encodeStateAsUpdate(doc, before));
  doc.destroy();
}

const item = (id: string, side: Side, author: string, text: string): EvidenceItem => ({
  id,
  side,
  kind: 'anecdote',
  text,
  source: '',
  section: 'summary',
  author,
  createdAt: '2026-03-04T09:00:00.000Z',
});

const signoffOf = (by: string) => signoffToYjs({ by, at: '2026-03-10T10:00:00.000Z', fingerprint: contentFingerprint(EN_PERSONA.sections.summary) });

function hostilePersona(): Y.Doc {
  const main = new Y.Doc();
  writeAs(main, AUTHORS_CLIENT_ID, (doc) => {
    const authors = getAuthorsMap(doc);
    authors.set(String(PRIYA), 'm-priya');
    authors.set(String(TOM), 'm-tom');
    authors.set(String(OPERATOR), OPERATOR_AUTHOR);
    authors.set(String(VERA), 'm-vera');
  });
  writeAs(main, PRIYA, (doc) => {
    for (const field of PROFILE_FIELDS) getProfile(doc).set(field, EN_PERSONA.profile[field]);
    for (const key of SECTION_KEYS) writeFragmentFromJSON(getSection(doc, key), EN_PERSONA.sections[key]);
    getEvidence(doc).push([evidenceToYjs(item('by-priya', 'sales', 'CEO Jane Doe', 'Priya posted this claiming to be sales.'))]);
    // Her own side under another name, and the other side forged.
    getSignoff(doc).set('summary:marketing', signoffOf('Somebody Else'));
    getSignoff(doc).set('summary:sales', signoffOf('Tom Reyes'));
  });
  writeAs(main, TOM, (doc) => {
    getEvidence(doc).push([evidenceToYjs(item('by-tom', 'marketing', 'Priya Shah', 'Tom posted this as Priya.'))]);
    getSignoff(doc).set('goals:sales', signoffOf('Tom Reyes'));
  });
  writeAs(main, OPERATOR, (doc) => {
    getEvidence(doc).push([evidenceToYjs(item('by-operator', 'sales', 'CRM import', 'Imported from the CRM.'))]);
    getSignoff(doc).set('goals:marketing', signoffOf('Operator'));
  });
  writeAs(main, VERA, (doc) => getEvidence(doc).push([evidenceToYjs(item('by-vera', 'marketing', 'Vera', 'A viewer of team other wrote this.'))]));
  writeAs(main, BEFORE_MEMBERS, (doc) => getEvidence(doc).push([evidenceToYjs(item('by-olga', 'marketing', 'Olga Ruiz', 'Written before members.'))]));
  return main;
}

const PUBLISHED_BY_OLD_CLIENT: PdfMeta = {
  kind: 'version',
  version: 3,
  publishedAt: '2026-03-12T10:00:00.000Z',
  publishedBy: { id: null, name: 'Dana Old', team: 'sales', verified: false },
  note: '',
};

const entries = (layout: PdfLayout) =>
  layout.evidence.groups.flatMap((group) => group.items.map((entry) => ({ id: entry.id, side: group.side, author: entry.author })));

describe('the PDF names people as the server knows them', () => {
  let en: PdfLayout;
  let es: PdfLayout;

  beforeAll(() => {
    const main = hostilePersona();
    const { snapshot } = readPersonaSnapshot(main, DIRECTORY);
    main.destroy();
    en = buildPdfLayout(snapshot, PUBLISHED_BY_OLD_CLIENT, 'en');
    es = buildPdfLayout(snapshot, PUBLISHED_BY_OLD_CLIENT, 'es');
  });

  it('[§6] shows each evidence item under its writer’s name and team, unverified ones marked, team other’s left out', () => {
    expect(entries(en)).toEqual([
      { id: 'by-priya', side: 'marketing', author: 'Priya Shah' },
      { id: 'by-olga', side: 'marketing', author: 'Olga Ruiz (unverified)' },
      { id: 'by-tom', side: 'sales', author: 'Tom Reyes' },
      { id: 'by-operator', side: 'sales', author: 'CRM import' },
    ]);
    expect(entries(es).find((entry) => entry.id === 'by-olga')?.author).toBe('Olga Ruiz (sin verificar)');
  });

  it('[§6] shows only genuine sign-offs, named as their signer', () => {
    const summary = en.sections.find((s) => s.key === 'summary');
    const goals = en.sections.find((s) => s.key === 'goals');
    expect(summary?.signoff.sides.map((side) => side.text)).toEqual(['Signed off by Priya Shah, 10 Mar 2026', 'Not signed off yet']);
    expect(goals?.signoff.sides.map((side) => side.state)).toEqual(['missing', 'stale']);
    expect(goals?.signoff.sides[1]?.text).toContain('Tom Reyes');
  });

  it('[§6] marks a publisher the server cannot vouch for, and names a publisher of team other', () => {
    expect(en.header.status.detail).toBe('published 12 Mar 2026 by Dana Old (Sales, unverified)');
    expect(es.header.status.detail).toBe('publicada el 12 mar 2026 por Dana Old (Ventas, sin verificar)');
    const admin: PdfMeta = { ...PUBLISHED_BY_OLD_CLIENT, publishedBy: { id: 'm-admin', name: 'Admin', team: 'other', verified: true } };
    expect(buildPdfLayout(EN_PERSONA, admin, 'en').header.status.detail).toBe('published 12 Mar 2026 by Admin (no team)');
  });

  it('[§6] leaves every forged name out of the rendered text', async () => {
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await getDocument({ data: new Uint8Array(await renderPersonaPdf(en)), verbosity: 0 }).promise;
    let text = '';
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      text += content.items.map((part) => ('str' in part ? part.str : '')).join('');
    }
    await pdf.destroy();
    text = text.replace(/\s+/g, ' ');
    for (const forged of ['CEO Jane Doe', 'Somebody Else', 'A viewer of team other']) expect(text).not.toContain(forged);
    expect(text).toContain('Olga Ruiz (unverified)');
    expect(text).toContain('Tom posted this as Priya.');
  });
});
