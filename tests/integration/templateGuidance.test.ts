import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { PersonaStatusResponse, PublishedPersona } from '../../shared/api.ts';
import type { ProfileField, SectionKey } from '../../shared/persona/index.ts';
import { fragmentToJSON, getProfile, getSection, SECTION_KEYS, writeFragmentFromJSON } from '../../shared/persona/index.ts';
import { LEGACY_B2B_TEMPLATES, type LegacyTemplate } from '../../server/persona/legacyTemplates.ts';
import { DATABASE_FILE } from '../../server/server.ts';
import { openSqliteStorage } from '../../server/storage/sqliteStorage.ts';
import { useCollabFixture } from '../helpers/fixture.ts';
import { apiCalls, createPersona } from '../helpers/http.ts';
import { appendParagraph, sectionText } from '../helpers/persona.ts';
import { signOffSection } from '../../shared/persona/signoff.ts';
import { getSignoff } from '../../shared/persona/schema.ts';
import { makeDataDir, type TestServer } from '../helpers/server.ts';
import { metricValue, openStoredData, readStoredDoc } from '../helpers/store.ts';

const { pool, start } = useCollabFixture();
let t: TestServer;
const { api, postJson } = apiCalls(() => t);
const [ENGLISH, SPANISH] = LEGACY_B2B_TEMPLATES as [LegacyTemplate, LegacyTemplate];
const EXAMPLE_FIELDS: ProfileField[] = ['role', 'segment', 'companySize', 'location'];

/** Every word the old template wrote, in both languages, to look for where guidance must not be. */
const templateWords = (template: LegacyTemplate) => [
  template.profile.role,
  template.profile.segment,
  ...Object.values(template.sections).map((content) => {
    const doc = new Y.Doc();
    writeFragmentFromJSON(getSection(doc, 'summary'), { type: 'doc', content });
    return sectionText(doc, 'summary').split('\n')[0] ?? '';
  }),
];

/** A persona as the old server wrote it from the B2B template: profile examples and prompts as content. */
function legacyDoc(template: LegacyTemplate): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const profile = getProfile(doc);
    for (const [field, value] of Object.entries({ ...template.profile, createdAt: '2026-10-01T09:00:00.000Z' })) profile.set(field, value);
    for (const [key, content] of Object.entries(template.sections) as [SectionKey, NonNullable<LegacyTemplate['sections'][SectionKey]>][]) {
      writeFragmentFromJSON(getSection(doc, key), { type: 'doc', content });
    }
  });
  return doc;
}

/** A person's later edit: made from another client, as a browser makes it. */
function editAsPerson(doc: Y.Doc, edit: (personal: Y.Doc) => void): void {
  const personal = new Y.Doc();
  Y.applyUpdate(personal, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(personal);
  edit(personal);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(personal, before));
}

/** Stores personas as a server from before issue 13 left them (never checked), in a new data dir. */
async function dataDirWith(personas: Record<string, Y.Doc>): Promise<string> {
  const dataDir = makeDataDir();
  const file = join(dataDir, DATABASE_FILE);
  const storage = await openSqliteStorage({ file });
  for (const [id, doc] of Object.entries(personas)) {
    const name = String(getProfile(doc).get('name'));
    await storage.createPersona({ id, name, role: '', segment: '', evidence: { marketing: 0, sales: 0 }, updatedAt: '2026-10-01T09:00:00.000Z' }, Y.encodeStateAsUpdate(doc));
  }
  await storage.close();
  const db = new Database(file);
  db.prepare("UPDATE personas SET template_checked_at = NULL, template = 'blank'").run();
  db.close();
  return dataDir;
}

const json = (doc: Y.Doc, key: SectionKey) => JSON.stringify(fragmentToJSON(getSection(doc, key)));

async function status(id: string): Promise<PersonaStatusResponse> {
  return (await (await api(`/api/personas/${id}/status`)).json()) as PersonaStatusResponse;
}

async function pdfText(response: Response): Promise<string> {
  expect(response.status).toBe(200);
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(await response.arrayBuffer()) }).promise;
  let text = '';
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join('');
  }
  return text;
}

describe('issue 13: a template that guides', () => {
  it('a new B2B persona holds no example or prompt: nothing to publish, search or print, and it remembers its template', async () => {
    t = await start();
    const b2b = await createPersona(t, { template: 'b2b', language: 'es' });
    const blank = await createPersona(t, { template: 'blank', name: 'Blanca' });
    expect(await status(b2b)).toEqual({ id: b2b, archived: false, archivedAt: null, template: 'b2b' });
    expect((await status(blank)).template).toBe('blank');
    expect(await (await api('/api/personas')).json()).toMatchObject({ personas: expect.arrayContaining([expect.objectContaining({ id: b2b, name: 'Nuevo comprador B2B', role: '', segment: '' })]) });

    const client = pool.connect(t, b2b, t.editorToken);
    await client.synced();
    for (const key of SECTION_KEYS) expect(getSection(client.doc, key).length, key).toBe(0);

    expect((await postJson(`/api/personas/${b2b}/publish`, {})).status).toBe(201);
    const published = (await (await api(`/api/library/${b2b}`, { token: t.viewerToken })).json()) as PublishedPersona;
    for (const key of SECTION_KEYS) expect(published.sections[key], key).toEqual({ type: 'doc', content: [] });
    expect(published.profile).toMatchObject({ role: '', segment: '', companySize: '', location: '' });
    for (const words of [...templateWords(ENGLISH), ...templateWords(SPANISH)]) {
      expect(JSON.stringify(published)).not.toContain(words);
    }
    const text = await pdfText(await api(`/api/library/${b2b}/export.pdf?lang=es&token=${t.viewerToken}`, { token: null }));
    expect(text).toContain('Nuevo comprador B2B');
    for (const words of templateWords(SPANISH)) expect(text).not.toContain(words);
    const search = (await (await api('/api/library?q=Operaciones', { token: t.viewerToken })).json()) as { personas: unknown[] };
    expect(search.personas).toEqual([]);
  });

  it('an old persona\'s untouched template text, English or Spanish, becomes guidance on its first open, by the server, once', async () => {
    const english = legacyDoc(ENGLISH);
    const spanish = legacyDoc(SPANISH);
    t = await start({ UNLOAD_AFTER_MS: '50' }, await dataDirWith({ 'old-en': english, 'old-es': spanish }));

    for (const [id, template] of [['old-en', ENGLISH], ['old-es', SPANISH]] as const) {
      const client = pool.connect(t, id, t.editorToken);
      await client.synced();
      for (const key of SECTION_KEYS) expect(getSection(client.doc, key).length, `${id} ${key}`).toBe(0);
      const profile = getProfile(client.doc);
      for (const field of EXAMPLE_FIELDS) expect(profile.get(field), `${id} ${field}`).toBeUndefined();
      expect(profile.get('name')).toBe(template.profile.name);
      expect(profile.get('avatar')).toBe(template.profile.avatar);
      expect((await status(id)).template).toBe('b2b');
    }
    const storage = await openStoredData(t.dataDir);
    try {
      expect((await storage.index.status('old-en'))?.templateCheckedAt).not.toBeNull();
      const stored = await storage.log.load('old-en');
      const doc = new Y.Doc();
      for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
      for (const key of SECTION_KEYS) expect(getSection(doc, key).length).toBe(0);
    } finally {
      await storage.close();
    }

    // Once: the same text pasted back by a person after the check stays, through an unload and a reload.
    const writer = pool.connect(t, 'old-en', t.editorToken);
    await writer.synced();
    writeFragmentFromJSON(getSection(writer.doc, 'channels'), { type: 'doc', content: ENGLISH.sections.channels ?? [] });
    const pasted = json(writer.doc, 'channels');
    pool.destroyAll();
    await vi.waitFor(() => expect(metricValue(t.url, 'tandem_documents_loaded')).resolves.toBe(0));
    const again = pool.connect(t, 'old-en', t.editorToken);
    await again.synced();
    expect(json(again.doc, 'channels')).toBe(pasted);
  });

  it('a sign-off of a section holding only guidance, forced by a raw client, is never published', async () => {
    t = await start();
    const id = await createPersona(t, { template: 'b2b' });
    const client = pool.connect(t, id, t.editorToken);
    await client.synced();
    signOffSection(client.doc, 'goals', { by: 'Mara Marketing', side: 'marketing' });
    appendParagraph(client.doc, 'summary', 'Runs finance at a retailer.');
    signOffSection(client.doc, 'summary', { by: 'Mara Marketing', side: 'marketing' });
    await vi.waitFor(async () => expect(getSignoff((await readStoredDoc(t.dataDir, id)).doc).size).toBe(2));
    expect((await postJson(`/api/personas/${id}/publish`, {})).status).toBe(201);
    const published = (await (await api(`/api/library/${id}`, { token: t.viewerToken })).json()) as PublishedPersona;
    expect(Object.keys(published.signoff)).toEqual(['summary:marketing']);
  });

  it('an old persona published or printed before anyone opened it shows no template text either', async () => {
    t = await start({}, await dataDirWith({ unopened: legacyDoc(ENGLISH) }));
    expect((await postJson('/api/personas/unopened/publish', {})).status).toBe(201);
    const published = (await (await api('/api/library/unopened', { token: t.viewerToken })).json()) as PublishedPersona;
    for (const key of SECTION_KEYS) expect(published.sections[key], key).toEqual({ type: 'doc', content: [] });
    for (const words of templateWords(ENGLISH)) expect(JSON.stringify(published)).not.toContain(words);
    const text = await pdfText(await api('/api/personas/unopened/export.pdf'));
    for (const words of templateWords(ENGLISH)) expect(text).not.toContain(words);
  });

  it('edited template text is never touched: a section with one character changed, or text added, keeps everything; a field a person typed stays', async () => {
    const doc = legacyDoc(SPANISH);
    const untouched = legacyDoc(SPANISH);
    editAsPerson(doc, (personal) => {
      // One character: the summary prompt's closing full stop becomes an exclamation mark.
      const summary = getSection(personal, 'summary');
      const prompt = summary.get(0) as Y.XmlElement;
      const words = prompt.get(0) as Y.XmlText;
      words.delete(words.length - 1, 1);
      words.insert(words.length, '!', { italic: true });
      // A paragraph added under the goals' template text.
      const added = new Y.XmlElement('paragraph');
      added.insert(0, [new Y.XmlText('Reducir el cierre mensual a tres días.')]);
      getSection(personal, 'goals').push([added]);
      // The same segment, typed again by a person.
      getProfile(personal).set('segment', SPANISH.profile.segment);
    });
    const edited = { summary: json(doc, 'summary'), goals: json(doc, 'goals') };
    expect(edited.summary).not.toBe(json(untouched, 'summary'));
    t = await start({}, await dataDirWith({ edited: doc }));

    const client = pool.connect(t, 'edited', t.editorToken);
    await client.synced();
    expect(json(client.doc, 'summary')).toBe(edited.summary);
    expect(json(client.doc, 'goals')).toBe(edited.goals);
    expect(sectionText(client.doc, 'goals')).toContain('¿Cómo es el éxito');
    for (const key of ['pains', 'objections', 'buyingProcess', 'channels', 'messaging'] as const) expect(getSection(client.doc, key).length, key).toBe(0);
    expect(getProfile(client.doc).get('segment')).toBe(SPANISH.profile.segment);
    expect(getProfile(client.doc).get('role')).toBeUndefined();
  });

  it('a persona that never held the template keeps all it has and stays blank', async () => {
    const doc = new Y.Doc();
    getProfile(doc).set('name', 'Own words');
    getProfile(doc).set('role', 'Head of Operations, but typed by us');
    const own = new Y.XmlElement('paragraph');
    own.insert(0, [new Y.XmlText('Two or three sentences a new sales rep could repeat after one read')]);
    getSection(doc, 'summary').push([own]);
    const before = Y.encodeStateAsUpdate(doc);
    t = await start({}, await dataDirWith({ own: doc }));
    const client = pool.connect(t, 'own', t.editorToken);
    await client.synced();
    const expected = new Y.Doc();
    Y.applyUpdate(expected, before);
    expect(client.doc.getMap('profile').toJSON()).toEqual(expected.getMap('profile').toJSON());
    expect(json(client.doc, 'summary')).toBe(json(expected, 'summary'));
    expect((await status('own')).template).toBe('blank');
  });
});
