import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemberResponseSchema, personaListResponseSchema } from '../../shared/api.ts';
import { evidenceToYjs } from '../../shared/persona/converters.ts';
import { getEvidence, getProfile } from '../../shared/persona/schema.ts';
import { createClientPool } from '../helpers/clients.ts';
import { apiCalls, expectApiError } from '../helpers/http.ts';
import { removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';
import { openStoredData } from '../helpers/store.ts';

const pool = createClientPool();
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  pool.destroyAll();
  await t.close();
  removeDataDir(t.dataDir);
});

const { api, postJson: post } = apiCalls(() => t);
const postJson = (body: unknown, token: string | null = t.editorToken) => post('/api/personas', body, token);
const listPersonas = async () => personaListResponseSchema.parse(await (await api('/api/personas')).json()).personas;
const expectError = expectApiError;

describe('health and metrics', () => {
  it('answers /healthz with 200', async () => {
    const response = await fetch(`${t.url}/healthz`);
    expect(response.status).toBe(200);
  });

  it('serves the Prometheus metrics without a token', async () => {
    const response = await fetch(`${t.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    for (const name of ['tandem_documents_loaded', 'tandem_connections', 'tandem_updates_total', 'tandem_store_write_seconds']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(text).toContain('tandem_connections{role="viewer"} 0');
  });
});

describe('GET and POST /api/personas', () => {
  it('refuses a missing token with 401 and a viewer with 403', async () => {
    await expectError(await api('/api/personas', { token: null }), 401, 'unauthorized');
    await expectError(await api('/api/personas', { token: 'garbage' }), 401, 'unauthorized');
    await expectError(await api('/api/personas', { token: t.viewerToken }), 403, 'forbidden');
    await expectError(await postJson({}, t.viewerToken), 403, 'forbidden');
  });

  it('accepts ?token= on download links only (issue 14: refused elsewhere)', async () => {
    const response = await fetch(`${t.url}/api/personas?token=${t.editorToken}`);
    expect(response.status).toBe(401);
  });

  it('creates a blank persona by default and a named one from the B2B template', async () => {
    const blank = await postJson({});
    expect(blank.status).toBe(201);
    const { id: blankId } = (await blank.json()) as { id: string };
    const b2b = await postJson({ template: 'b2b', name: 'Ñuria, Directora de Compras' });
    expect(b2b.status).toBe(201);
    const { id } = (await b2b.json()) as { id: string };
    expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);

    const personas = await listPersonas();
    expect(personas.find((p) => p.id === blankId)).toMatchObject({ name: '', publishedVersion: null });
    expect(personas.find((p) => p.id === id)).toMatchObject({
      name: 'Ñuria, Directora de Compras',
      evidence: { marketing: 0, sales: 0 },
      publishedVersion: null,
    });
  });

  it('creates a blank persona when the POST has no body at all', async () => {
    const response = await api('/api/personas', { method: 'POST' });
    expect(response.status).toBe(201);
  });

  it.each([
    [{ template: 'enterprise' }, /template/],
    [{ name: 'x'.repeat(201) }, /name must be at most 200 characters/],
    [{ colour: 'red' }, /colour|Unrecognized/i],
    [{ name: 42 }, /name/],
  ])('refuses %j with 400 and says why', async (body, why) => {
    const before = (await listPersonas()).length;
    expect(await expectError(await postJson(body), 400, 'bad_request')).toMatch(why);
    expect((await listPersonas()).length).toBe(before);
  });

  it('refuses malformed JSON with 400, a wrong content type with 415 and an oversized body with 413', async () => {
    await expectError(await postJson('{"name": '), 400, 'bad_request');
    await expectError(
      await api('/api/personas', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a,b' }),
      415,
      'unsupported_media_type',
    );
    await expectError(await postJson({ name: 'x'.repeat(2 * 1024 * 1024) }), 413, 'too_large');
  });

  it('answers an unknown API route with 404 in the error shape', async () => {
    await expectError(await api('/api/nothing-here'), 404, 'not_found');
  });

  it('says plainly when a page is asked for and no web client is built', async () => {
    const message = await expectError(await api('/p/acme'), 404, 'not_found');
    expect(message).toMatch(/No web client is built here/);
    expect(message).toContain('/collab/<personaId>');
  });

  it('[§6] keeps the index current from the documents themselves, each item counted on its author\'s side', async () => {
    const { id } = (await (await postJson({ name: 'Before' })).json()) as { id: string };
    const editor = pool.connect(t, id, t.editorToken);
    const sam = pool.connect(t, id, t.salesToken);
    await Promise.all([editor.synced(), sam.synced()]);
    getProfile(editor.doc).set('name', 'After');
    getProfile(editor.doc).set('segment', 'Fintech');
    const item = (side: 'marketing' | 'sales', n: number) =>
      evidenceToYjs({
        id: `${side}-${n}`,
        side,
        kind: side === 'marketing' ? 'metric' : 'objection',
        text: 'finding',
        source: 'source',
        section: '',
        author: 'someone',
        createdAt: new Date().toISOString(),
      });
    // An item in a bad shape (a kind the schema does not have) is left out, as the board leaves it out.
    const malformed = item('sales', 3);
    malformed.set('kind', 'webinar');
    // An item's side is its author's team (SPEC §6): Mara's counts for marketing whatever side it states.
    getEvidence(editor.doc).push([item('marketing', 1), item('sales', 9)]);
    getEvidence(sam.doc).push([item('sales', 1), item('sales', 2), malformed]);
    const expected = { name: 'After', segment: 'Fintech', evidence: { marketing: 2, sales: 2 } };
    await vi.waitFor(async () => expect((await listPersonas()).find((p) => p.id === id)).toMatchObject(expected));
    // The stored row too, which the list shows once nobody has the persona open.
    const stored = await openStoredData(t.dataDir);
    try {
      await vi.waitFor(async () => expect((await stored.index.listIndex()).find((p) => p.id === id)).toMatchObject(expected), {
        timeout: 5_000,
      });
    } finally {
      await stored.close();
    }
    // The most recently changed persona comes first.
    expect((await listPersonas())[0]?.id).toBe(id);
  });
});

describe('POST /api/personas with a template language', () => {
  it('writes the B2B template in Spanish when asked, and refuses a language it does not have', async () => {
    const response = await postJson({ template: 'b2b', language: 'es' });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    await vi.waitFor(async () => expect((await listPersonas()).find((p) => p.id === id)?.name).toBe('Nuevo comprador B2B'));
    await expectError(await postJson({ template: 'b2b', language: 'fr' }), 400, 'bad_request');
  });
});

describe('POST /api/members (the product hands out member links only)', () => {
  const invite = (body: unknown, token: string | null = t.adminToken) =>
    api('/api/members', {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const tokenOf = (link: string) => new URL(link).searchParams.get('token');

  it('[§6] gives an admin a reader link that cannot open drafts, and an editor link that can', async () => {
    const readerResponse = await invite({ name: 'Sales all-hands', team: 'other', role: 'viewer' });
    expect(readerResponse.status).toBe(201);
    const reader = createMemberResponseSchema.parse(await readerResponse.json());
    expect(reader.member).toMatchObject({ name: 'Sales all-hands', team: 'other', role: 'viewer', active: true });
    expect(reader.link.startsWith(`${t.server.publicUrl()}/?token=`)).toBe(true);
    await expectError(await api('/api/personas', { token: tokenOf(reader.link) }), 403, 'forbidden');
    expect((await api('/api/library', { token: tokenOf(reader.link) })).status).toBe(200);

    const editor = createMemberResponseSchema.parse(await (await invite({ name: 'Eve', team: 'sales', role: 'editor', days: 1 })).json());
    expect((await api('/api/personas', { token: tokenOf(editor.link) })).status).toBe(200);
  });

  it('refuses editors (403), missing tokens (401) and bad bodies (400); POST /api/invites is gone', async () => {
    await expectError(await invite({ name: 'Eve', team: 'sales', role: 'viewer' }, t.editorToken), 403, 'forbidden');
    await expectError(await invite({ name: 'Eve', team: 'sales', role: 'viewer' }, null), 401, 'unauthorized');
    await expectError(await invite({ name: 'Eve', team: 'sales', role: 'owner' }), 400, 'bad_request');
    await expectError(await invite({ name: 'Eve', team: 'other', role: 'editor' }), 400, 'bad_request');
    await expectError(await invite({ name: 'Eve', team: 'sales', role: 'viewer', days: 0 }), 400, 'bad_request');
    await expectError(await invite({ name: 'Eve', team: 'sales', role: 'viewer', extra: true }), 400, 'bad_request');
    await expectError(await invite('{not json'), 400, 'bad_request');
    await expectError(
      await api('/api/invites', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"viewer"}' }),
      404,
      'not_found',
    );
  });
});
