import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  libraryListResponseSchema,
  personaListResponseSchema,
  publishedPersonaSchema,
  publishResponseSchema,
} from '../../shared/api.ts';
import { addEvidence } from '../../shared/persona/evidence.ts';
import { getEvidence, getProfile, getSignoff } from '../../shared/persona/schema.ts';
import { signOffSection } from '../../shared/persona/signoff.ts';
import { richTextToPlainText } from '../../shared/persona/snapshot.ts';
import { createClientPool, type TestClient } from '../helpers/clients.ts';
import { appendParagraph, sectionText } from '../helpers/persona.ts';
import { apiCalls, expectApiError } from '../helpers/http.ts';
import { removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';
import { openStoredData } from '../helpers/store.ts';

const pool = createClientPool();
let t: TestServer;
afterEach(() => pool.destroyAll());

/**
 * A server of its own for each block of tests, so no block sees another's personas (the library
 * list and search count them all); a test builds what it needs, or reads what its block's
 * beforeAll built, and changes nothing another test reads.
 */
function serverForThisBlock(): void {
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    pool.destroyAll();
    await t.close();
    removeDataDir(t.dataDir);
  });
}

const { api, postJson } = apiCalls(() => t);
const expectError = expectApiError;

async function createPersona(name: string): Promise<string> {
  const response = await postJson('/api/personas', { name, template: 'blank' });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/**
 * Mara's (marketing) and Sam's (sales) documents, and a check that shows when the server has
 * committed what they wrote: what one of them receives has been stored (S5).
 */
async function openPersona(id: string): Promise<{
  editor: TestClient;
  sales: TestClient;
  settled: (check: (doc: Y.Doc) => boolean) => Promise<void>;
}> {
  const editor = pool.connect(t, id, t.editorToken);
  const sales = pool.connect(t, id, t.salesToken);
  await Promise.all([editor.synced(), sales.synced()]);
  return {
    editor,
    sales,
    settled: (check) => vi.waitFor(() => expect(check(editor.doc) && check(sales.doc)).toBe(true)),
  };
}

async function publish(id: string, body: unknown = {}, token = t.editorToken): Promise<number> {
  const response = await postJson(`/api/personas/${id}/publish`, body, token);
  expect(response.status).toBe(201);
  return publishResponseSchema.parse(await response.json()).version;
}

const library = async (query = '', token = t.viewerToken) => {
  const response = await api(`/api/library${query}`, { token });
  expect(response.status).toBe(200);
  return libraryListResponseSchema.parse(await response.json());
};
const published = async (id: string, query = '', token = t.viewerToken) => {
  const response = await api(`/api/library/${id}${query}`, { token });
  expect(response.status).toBe(200);
  return publishedPersonaSchema.parse(await response.json());
};

/** María's draft as the publishing tests start from it: a profile, a summary and evidence from both sides. */
async function draftMaria(): Promise<string> {
  const maria = await createPersona('María, directora financiera');
  const { editor, sales, settled } = await openPersona(maria);
  getProfile(editor.doc).set('role', 'Directora financiera');
  getProfile(editor.doc).set('segment', 'Logística');
  appendParagraph(editor.doc, 'summary', '¿Quién decide? La señora Núñez, con pingüinos en la cabeza.');
  // Each side's evidence from a member of that team: its side is its author's (SPEC §6).
  addEvidence(editor.doc, [{ kind: 'metric', text: 'El 62 % compara precios en la web', source: 'GA4', section: 'summary' }], {
    author: 'Mara Marketing',
    side: 'marketing',
  });
  addEvidence(sales.doc, [{ kind: 'quote', text: '«No firmo sin ver el ROI»', source: 'Llamada con Acme', section: 'pains' }], {
    author: 'Sam Sales',
    side: 'sales',
  });
  await settled(
    (doc) =>
      sectionText(doc, 'summary').includes('pingüinos') &&
      getProfile(doc).get('segment') === 'Logística' &&
      getProfile(doc).get('role') === 'Directora financiera' &&
      getEvidence(doc).length === 2,
  );
  return maria;
}

/** Mara publishes; the publisher an old client states in the body is ignored (SPEC §3). */
const publishVersion1 = (maria: string) =>
  publish(maria, { note: 'Primera versión, revisada con ventas', publishedBy: { name: 'Ana', side: 'sales' } });

/** Mara, as a version names her publisher. */
const maraAsPublisher = () => ({ id: t.people.marketing.member.id, name: 'Mara Marketing', team: 'marketing', verified: true });

/** The draft goes on after version 1. */
async function changeMariaAfterVersion1(maria: string): Promise<void> {
  const { editor, settled } = await openPersona(maria);
  appendParagraph(editor.doc, 'summary', 'Cambio posterior a la versión 1');
  getProfile(editor.doc).set('name', 'María Núñez');
  await settled((doc) => sectionText(doc, 'summary').includes('Cambio posterior') && getProfile(doc).get('name') === 'María Núñez');
}

/** María published twice: version 1, a change, then version 2 ("Segunda"). */
async function mariaAtVersion2(): Promise<string> {
  const maria = await draftMaria();
  await publishVersion1(maria);
  await changeMariaAfterVersion1(maria);
  await publish(maria, { note: 'Segunda' });
  return maria;
}

describe('publishing', () => {
  serverForThisBlock();

  it('[§3] freezes version 1 with its note and publisher (the member who called publish), and lists it in the library and the persona list', async () => {
    const maria = await draftMaria();
    const version = await publishVersion1(maria);
    expect(version).toBe(1);

    const v1 = await published(maria);
    expect(v1).toMatchObject({
      id: maria,
      version: 1,
      note: 'Primera versión, revisada con ventas',
      publishedBy: maraAsPublisher(),
      profile: { name: 'María, directora financiera', role: 'Directora financiera', segment: 'Logística' },
    });
    expect(richTextToPlainText(v1.sections.summary)).toContain('¿Quién decide? La señora Núñez');
    expect(v1.evidence.map((item) => [item.side, item.author]).sort()).toEqual([
      ['marketing', 'Mara Marketing'],
      ['sales', 'Sam Sales'],
    ]);
    expect(v1.versions.map((v) => v.version)).toEqual([1]);
    // Comment threads stay in the workshop.
    expect(v1).not.toHaveProperty('comments');

    const { personas } = await library();
    expect(personas.find((p) => p.id === maria)).toMatchObject({ version: 1, name: 'María, directora financiera', segment: 'Logística' });

    const drafts = personaListResponseSchema.parse(await (await api('/api/personas')).json()).personas;
    const row = drafts.find((p) => p.id === maria);
    expect(row?.publishedVersion).toBe(1);
    expect(row?.publishedAt).toBe(v1.publishedAt);
  });

  it('keeps a published version as it was while the draft goes on, and numbers the next one 2', async () => {
    const maria = await draftMaria();
    await publishVersion1(maria);
    await changeMariaAfterVersion1(maria);

    const v1Again = await published(maria, '?version=1');
    expect(richTextToPlainText(v1Again.sections.summary)).not.toContain('Cambio posterior');
    expect(v1Again.profile.name).toBe('María, directora financiera');

    expect(await publish(maria, { note: 'Segunda' }, t.salesToken)).toBe(2);
    const latest = await published(maria);
    expect(latest.version).toBe(2);
    expect(latest.publishedBy).toEqual({ id: t.people.sales.member.id, name: 'Sam Sales', team: 'sales', verified: true });
    expect(richTextToPlainText(latest.sections.summary)).toContain('Cambio posterior');
    expect(latest.versions.map((v) => [v.version, v.note])).toEqual([
      [2, 'Segunda'],
      [1, 'Primera versión, revisada con ventas'],
    ]);
    // Version 1 is byte for byte what it was.
    expect(await published(maria, '?version=1')).toEqual({ ...v1Again, versions: latest.versions });

    const { personas } = await library();
    expect(personas.filter((p) => p.id === maria).map((p) => p.version)).toEqual([2]);
  });

  it('[§6] lists the sign-offs members wrote for their own side, named as those members', async () => {
    const id = await createPersona('Firmada por ambos');
    const { editor, sales, settled } = await openPersona(id);
    appendParagraph(editor.doc, 'summary', 'Texto acordado');
    await settled((doc) => sectionText(doc, 'summary') === 'Texto acordado');
    signOffSection(editor.doc, 'summary', { by: 'Mara Marketing', side: 'marketing' });
    signOffSection(sales.doc, 'summary', { by: 'Sam Sales', side: 'sales' });
    await settled((doc) => getSignoff(doc).size === 2);
    await publish(id);
    expect((await published(id)).signoff).toEqual({
      'summary:marketing': expect.objectContaining({ by: 'Mara Marketing', memberId: t.people.marketing.member.id }),
      'summary:sales': expect.objectContaining({ by: 'Sam Sales', memberId: t.people.sales.member.id }),
    });
  });

  it('publishes a persona nobody has open, from the store', async () => {
    const id = await createPersona('Nadie la abrió');
    expect(await publish(id)).toBe(1);
    expect((await published(id)).profile.name).toBe('Nadie la abrió');
  });

  it('keeps each version’s Yjs state as it was published', async () => {
    const maria = await mariaAtVersion2();
    const storage = await openStoredData(t.dataDir);
    try {
      const stateOf = async (version: number) => {
        const state = await storage.library.getVersionState(maria, version);
        if (state === null) throw new Error(`no version ${version}`);
        const doc = new Y.Doc();
        Y.applyUpdate(doc, state);
        return doc;
      };
      expect(sectionText(await stateOf(1), 'summary')).toContain('¿Quién decide?');
      expect(sectionText(await stateOf(1), 'summary')).not.toContain('Cambio posterior');
      expect(sectionText(await stateOf(2), 'summary')).toContain('Cambio posterior');
    } finally {
      await storage.close();
    }
  });

  it('keeps every version across a restart', async () => {
    const maria = await mariaAtVersion2();
    t = await t.restart();
    const latest = await published(maria);
    expect(latest.versions.map((v) => v.version)).toEqual([2, 1]);
    expect((await published(maria, '?version=1')).note).toBe('Primera versión, revisada con ventas');
  });
});

describe('searching the library', () => {
  serverForThisBlock();
  let maria: string;
  let tomas: string;
  beforeAll(async () => {
    maria = await mariaAtVersion2();
    tomas = await createPersona('Tomás, jefe de compras');
    const { editor, settled } = await openPersona(tomas);
    getProfile(editor.doc).set('segment', 'Retail');
    appendParagraph(editor.doc, 'objections', 'Teme la integración con el ERP.');
    await settled((doc) => sectionText(doc, 'objections').includes('ERP'));
    await publish(tomas);
  });

  it('matches name, role, segment and full text, ignoring case and accents, by word prefix', async () => {
    const ids = async (q: string) => (await library(`?q=${encodeURIComponent(q)}`)).personas.map((p) => p.id);
    expect(await ids('maria')).toEqual([maria]);
    expect(await ids('NUÑEZ')).toEqual([maria]);
    expect(await ids('logist')).toEqual([maria]);
    expect(await ids('pinguinos cabeza')).toEqual([maria]);
    expect(await ids('integracion erp')).toEqual([tomas]);
    expect(await ids('tomas')).toEqual([tomas]);
    expect(await ids('ROI')).toEqual([maria]);
    expect(await ids('zzzz')).toEqual([]);
    // FTS5 syntax typed by a person is read as words.
    expect(await ids('"AND (OR* NEAR')).toEqual([]);
    expect(await ids('   ')).toEqual(expect.arrayContaining([maria, tomas]));
  });

  it('filters by segment and lists the segments', async () => {
    const { personas, segments } = await library('?segment=Retail');
    expect(personas.map((p) => p.id)).toEqual([tomas]);
    expect(segments).toEqual(expect.arrayContaining(['Logística', 'Retail']));
    expect((await library('?segment=Retail&q=maria')).personas).toEqual([]);
  });

  it('lists the newest publication first when nothing is searched', async () => {
    const { personas } = await library();
    const times = personas.map((p) => p.publishedAt);
    expect(times).toEqual([...times].sort().reverse());
  });
});

describe('PDF exports', () => {
  serverForThisBlock();
  let maria: string;
  beforeAll(async () => {
    maria = await mariaAtVersion2();
  });

  it('sends a published version as an A4 PDF download, to a viewer and with ?token=', async () => {
    const response = await api(`/api/library/${maria}/export.pdf?version=1&lang=es&token=${t.viewerToken}`, { token: null });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain('maria-directora-financiera-v1.pdf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
  });

  it('sends the draft to an editor, with what was written since the last version', async () => {
    const response = await api(`/api/personas/${maria}/export.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('maria-nunez-draft.pdf');
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await getDocument({ data: new Uint8Array(await response.arrayBuffer()) }).promise;
    let text = '';
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      text += content.items.map((item) => ('str' in item ? item.str : '')).join('');
    }
    expect(text).toContain('Cambio posterior a la versión 1');
    expect(text).toContain('pingüinos');
  });
});

describe('access by role', () => {
  serverForThisBlock();
  let maria: string;
  beforeAll(async () => {
    maria = await mariaAtVersion2();
  });

  it('lets a viewer read the library and its PDFs', async () => {
    expect((await api('/api/library', { token: t.viewerToken })).status).toBe(200);
    expect((await api(`/api/library/${maria}`, { token: t.viewerToken })).status).toBe(200);
    expect((await api(`/api/library/${maria}/export.pdf`, { token: t.viewerToken })).status).toBe(200);
  });

  it('answers a viewer 403 on publishing and on drafts, and publishes nothing', async () => {
    await expectError(await postJson(`/api/personas/${maria}/publish`, {}, t.viewerToken), 403, 'forbidden');
    await expectError(await api(`/api/personas/${maria}/export.pdf`, { token: t.viewerToken }), 403, 'forbidden');
    await expectError(await api('/api/personas', { token: t.viewerToken }), 403, 'forbidden');
    expect((await published(maria)).version).toBe(2);
  });

  it('answers 401 without a valid token', async () => {
    for (const path of ['/api/library', `/api/library/${maria}`, `/api/library/${maria}/export.pdf`, `/api/personas/${maria}/export.pdf`]) {
      await expectError(await api(path, { token: null }), 401, 'unauthorized');
      await expectError(await api(path, { token: 'not-a-jwt' }), 401, 'unauthorized');
    }
    await expectError(await postJson(`/api/personas/${maria}/publish`, {}, null), 401, 'unauthorized');
  });
});

describe('bad input', () => {
  serverForThisBlock();
  let maria: string;
  beforeAll(async () => {
    maria = await mariaAtVersion2();
  });

  it('refuses a bad publish and writes no version', async () => {
    const tooLong = 'x'.repeat(1001);
    expect(await expectError(await postJson(`/api/personas/${maria}/publish`, { note: tooLong }), 400, 'bad_request')).toMatch(/note/);
    await expectError(await postJson(`/api/personas/${maria}/publish`, { publishedBy: { name: 'Ana', side: 'legal' } }), 400, 'bad_request');
    await expectError(await postJson(`/api/personas/${maria}/publish`, { version: 7 }), 400, 'bad_request');
    await expectError(await postJson(`/api/personas/${maria}/publish`, ['note']), 400, 'bad_request');
    const broken = await api(`/api/personas/${maria}/publish`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"note": ' });
    await expectError(broken, 400, 'bad_request');
    await expectError(await postJson('/api/personas/no-such-persona/publish', {}), 404, 'not_found');
    await expectError(await postJson('/api/personas/bad%20id!/publish', {}), 400, 'bad_request');
    expect((await published(maria)).versions).toHaveLength(2);
  });

  it('refuses bad queries with 400 and unknown personas or versions with 404', async () => {
    for (const query of ['?version=abc', '?version=0', '?version=1.5', '?version=-1', '?extra=1']) {
      await expectError(await api(`/api/library/${maria}${query}`, { token: t.viewerToken }), 400, 'bad_request');
    }
    await expectError(await api(`/api/library?q=${'a'.repeat(201)}`, { token: t.viewerToken }), 400, 'bad_request');
    await expectError(await api('/api/library?q=a&q=b', { token: t.viewerToken }), 400, 'bad_request');
    await expectError(await api(`/api/library/${maria}/export.pdf?lang=fr`, { token: t.viewerToken }), 400, 'bad_request');
    await expectError(await api(`/api/personas/${maria}/export.pdf?version=1`), 400, 'bad_request');
    await expectError(await api(`/api/library/${maria}?version=99`, { token: t.viewerToken }), 404, 'not_found');
    await expectError(await api(`/api/library/${maria}/export.pdf?version=99`, { token: t.viewerToken }), 404, 'not_found');
    await expectError(await api('/api/library/never-published', { token: t.viewerToken }), 404, 'not_found');
    await expectError(await api('/api/personas/nobody/export.pdf'), 404, 'not_found');
  });
});
