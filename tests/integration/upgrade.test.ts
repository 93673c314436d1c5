// Data that came before (issue 12): a data directory written by the server before members
// (commit b6dae0e; tests/fixtures/legacy-data.ts made it) opens with nothing lost, its text-only
// authors shown unverified and its sign-offs counting for neither side.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import { libraryListResponseSchema, personaListResponseSchema, publishedPersonaSchema } from '../../shared/api.ts';
import { readEvidence } from '../../shared/persona/evidence.ts';
import { getProfile, getSignoff } from '../../shared/persona/schema.ts';
import { signOffSection } from '../../shared/persona/signoff.ts';
import { readThreads } from '../../shared/persona/threads.ts';
import { DATABASE_FILE } from '../../server/server.ts';
import { createClientPool } from '../helpers/clients.ts';
import { appendParagraph, sectionText } from '../helpers/persona.ts';
import { makeDataDir, removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/legacy-data', DATABASE_FILE);

let t: TestServer;
let id: string;
const pool = createClientPool();

const get = (path: string, token = t.viewerToken) => fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  const dir = makeDataDir();
  copyFileSync(FIXTURE, join(dir, DATABASE_FILE));
  t = await startTestServer({}, dir);
  const library = libraryListResponseSchema.parse(await (await get('/api/library')).json());
  expect(library.personas).toHaveLength(1);
  id = library.personas[0]?.id ?? '';
});
afterEach(() => pool.destroyAll());
afterAll(async () => {
  await t.close();
  removeDataDir(t.dataDir);
});

describe('a data directory from before members', () => {
  it('starts, creating the first admin since no member exists yet', () => {
    expect(t.people.admin.member).toMatchObject({ name: 'Admin', team: 'other', role: 'admin' });
  });

  it('keeps the persona\'s draft: profile, text, evidence, threads and sign-offs as stored', async () => {
    const drafts = personaListResponseSchema.parse(await (await get('/api/personas', t.editorToken)).json());
    expect(drafts.personas).toEqual([expect.objectContaining({ id, name: 'Legacy Lena', role: 'Head of Operations', publishedVersion: 1 })]);
    const reader = pool.connect(t, id, t.operatorToken);
    await reader.synced();
    expect(getProfile(reader.doc).get('name')).toBe('Legacy Lena');
    expect(sectionText(reader.doc, 'summary')).toContain('Lena runs operations at a mid-size logistics firm.');
    expect(readEvidence(reader.doc).items.map((item) => [item.author, item.side, item.text])).toEqual([
      ['Ana', 'marketing', 'We lose a day a week to spreadsheets.'],
      ['Bo', 'sales', 'Closed a 40-seat pilot.'],
    ]);
    const [thread] = readThreads(reader.doc).threads;
    expect(thread).toMatchObject({ text: 'Is this goal measurable?', author: 'Ana', replies: [expect.objectContaining({ text: 'Yes: hours saved.' })] });
    expect([...getSignoff(reader.doc).keys()].sort()).toEqual(['summary:marketing', 'summary:sales']);
  });

  it('[§6] reads the old version with its authors unverified, its sign-offs counting for neither side and its publisher as stated', async () => {
    const response = await get(`/api/library/${id}`);
    expect(response.status).toBe(200);
    const persona = publishedPersonaSchema.parse(await response.json());
    expect(persona.version).toBe(1);
    expect(persona.note).toBe('First cut');
    expect(persona.profile.name).toBe('Legacy Lena');
    expect(persona.evidence.map((item) => [item.author, item.side, item.authorId, item.verified])).toEqual([
      ['Ana', 'marketing', null, false],
      ['Bo', 'sales', null, false],
    ]);
    expect(persona.signoff).toEqual({});
    expect(persona.publishedBy).toEqual({ id: null, name: 'Ana', team: 'marketing', verified: false });
    expect(persona.versions).toHaveLength(1);
    expect((await get(`/api/library/${id}/export.pdf`)).status).toBe(200);
  });

  it('finds the old version in a library search', async () => {
    const found = libraryListResponseSchema.parse(await (await get('/api/library?q=spreadsheets')).json());
    expect(found.personas.map((p) => p.id)).toEqual([id]);
  });

  it('[§6] lets members write on and sign again, under their own names, while the old authors stay unverified', async () => {
    const sam = pool.connect(t, id, t.salesToken);
    await sam.synced();
    appendParagraph(sam.doc, 'goals', 'Cut onboarding to a week.');
    const mara = pool.connect(t, id, t.editorToken);
    await vi.waitFor(() => expect(sectionText(mara.doc, 'goals')).toContain('Cut onboarding to a week.'));
    // The old sign-offs need signing again: signed over, they count.
    signOffSection(sam.doc, 'summary', { by: 'Sam Sales', side: 'sales' });
    signOffSection(mara.doc, 'summary', { by: 'Mara Marketing', side: 'marketing' });
    const signerSeen = (doc: Y.Doc, key: string) => (getSignoff(doc).get(key) as Y.Map<unknown> | undefined)?.get('by');
    await vi.waitFor(() => {
      expect(signerSeen(sam.doc, 'summary:marketing')).toBe('Mara Marketing');
      expect(signerSeen(mara.doc, 'summary:sales')).toBe('Sam Sales');
    });
    expect(sam.closes).toEqual([]);
    expect(mara.closes).toEqual([]);

    const published = await fetch(`${t.url}/api/personas/${id}/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.salesToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(published.status).toBe(201);
    const persona = publishedPersonaSchema.parse(await (await get(`/api/library/${id}`)).json());
    expect(persona.version).toBe(2);
    expect(persona.publishedBy).toMatchObject({ name: 'Sam Sales', verified: true });
    expect(persona.evidence.every((item) => !item.verified)).toBe(true);
    expect(persona.signoff).toEqual({
      'summary:sales': expect.objectContaining({ by: 'Sam Sales', memberId: t.people.sales.member.id }),
      'summary:marketing': expect.objectContaining({ by: 'Mara Marketing', memberId: t.people.marketing.member.id }),
    });
    expect(persona.versions.map((v) => v.version).sort()).toEqual([1, 2]);
  });
});
