import { describe, expect, it, vi } from 'vitest';
import type { LifecycleResponse, PersonaSummary } from '../../shared/api.ts';
import { CloseCodes, MessageType, SyncMessageType } from '../../shared/protocol.ts';
import * as decoding from 'lib0/decoding';
import { collabUrl, openRawSocket, syncStep1Frame, syncUpdateFrame } from '../helpers/clients.ts';
import { useCollabFixture } from '../helpers/fixture.ts';
import { apiCalls, createPersona, expectApiError } from '../helpers/http.ts';
import { appendParagraph, sectionText } from '../helpers/persona.ts';
import type { TestServer } from '../helpers/server.ts';
import { openStoredData, readStoredDoc } from '../helpers/store.ts';
import * as Y from 'yjs';
import { getSection } from '../../shared/persona/schema.ts';

const { pool, start, track } = useCollabFixture();
let t: TestServer;
const { api, postJson } = apiCalls(() => t);

const DAY_MS = 86_400_000;

async function list(query = '', token = t.editorToken): Promise<PersonaSummary[]> {
  const response = await api(`/api/personas${query}`, { token });
  expect(response.status).toBe(200);
  return ((await response.json()) as { personas: PersonaSummary[] }).personas;
}
const ids = async (query = '', token = t.adminToken) => (await list(query, token)).map((p) => p.id).sort();

async function lifecycle(path: string, token: string, method = 'POST'): Promise<LifecycleResponse> {
  const response = await api(path, { method, token });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as LifecycleResponse;
}
const archive = (id: string, token = t.editorToken) => lifecycle(`/api/personas/${id}/archive`, token);
const unarchive = (id: string, token = t.editorToken) => lifecycle(`/api/personas/${id}/unarchive`, token);
const trash = (id: string, token = t.adminToken) => lifecycle(`/api/personas/${id}`, token, 'DELETE');
const untrash = (id: string, token = t.adminToken) => lifecycle(`/api/personas/${id}/untrash`, token);

async function publish(id: string): Promise<void> {
  expect((await postJson(`/api/personas/${id}/publish`, { note: 'v' })).status).toBe(201);
}
const librarySearch = async (q = '') =>
  ((await (await api(`/api/library${q ? `?q=${encodeURIComponent(q)}` : ''}`, { token: t.viewerToken })).json()) as { personas: { id: string }[] }).personas.map(
    (p) => p.id,
  );

describe('§7 / S1 a mistyped link creates nothing', () => {
  it('[S1] a socket to an id nobody created closes with 4404, and no list (drafts, archived, trash) gains anything', async () => {
    t = await start();
    await createPersona(t, { name: 'Real' });
    const before = await Promise.all([ids(), ids('?archived=true'), ids('?trashed=true')]);
    const client = pool.connect(t, 'typo-in-the-link', t.editorToken);
    await vi.waitFor(() => expect(client.closes[0]?.code).toBe(CloseCodes.PersonaNotFound.code));
    // A stock client that writes before it learns the answer creates nothing either.
    appendParagraph(client.doc, 'summary', 'typed into nothing');
    const raw = openRawSocket(collabUrl(t, 'another-typo', t.adminToken));
    track(raw.ws);
    expect((await raw.closed).code).toBe(CloseCodes.PersonaNotFound.code);
    expect(await Promise.all([ids(), ids('?archived=true'), ids('?trashed=true')])).toEqual(before);
    const storage = await openStoredData(t.dataDir);
    try {
      expect(await storage.index.status('typo-in-the-link')).toBeNull();
      expect(await storage.log.load('typo-in-the-link')).toBeNull();
    } finally {
      await storage.close();
    }
  });
});

describe('§7 archive and unarchive', () => {
  it('[§7] an archived persona leaves the list for ?archived=true, keeps its library versions, and unarchive brings it back', async () => {
    t = await start();
    const [kept, shelved] = [await createPersona(t, { name: 'Kept' }), await createPersona(t, { name: 'Shelved' })];
    await publish(shelved);
    const archived = await archive(shelved);
    expect(archived).toEqual({ id: shelved, archived: true, trashedAt: null, eraseAt: null });
    expect(await ids()).toEqual([kept]);
    const archivedList = await list('?archived=true');
    expect(archivedList).toMatchObject([{ id: shelved, name: 'Shelved', archived: true, publishedVersion: 1 }]);
    expect((await list()).every((p) => !p.archived)).toBe(true);
    expect(await librarySearch()).toEqual([shelved]);
    expect((await api(`/api/library/${shelved}`, { token: t.viewerToken })).status).toBe(200);
    expect(await (await api(`/api/personas/${shelved}/status`)).json()).toMatchObject({ archived: true, template: 'blank' });

    expect(await unarchive(shelved)).toMatchObject({ archived: false });
    expect(await ids()).toEqual([kept, shelved].sort());
    expect(await ids('?archived=true')).toEqual([]);
  });

  it('[§7] an archived workshop is read-only: a raw client\'s update is not applied, stored or sent; its writer keeps its copy, which arrives once unarchived', async () => {
    t = await start();
    const id = await createPersona(t, { name: 'Frozen' });
    const writer = pool.connect(t, id, t.editorToken);
    const witness = pool.connect(t, id, t.salesToken);
    await Promise.all([writer.synced(), witness.synced()]);
    appendParagraph(writer.doc, 'summary', 'before the archive');
    await vi.waitFor(() => expect(sectionText(witness.doc, 'summary')).toBe('before the archive'));

    await archive(id);
    // Every socket is told to reconnect and read that the persona is read-only now.
    await vi.waitFor(() => expect(writer.closes.map((c) => c.code)).toContain(CloseCodes.LifecycleChanged.code));
    await vi.waitFor(() => expect(writer.provider.wsconnected && witness.provider.wsconnected).toBe(true));
    await Promise.all([writer.synced(), witness.synced()]);

    // A raw socket writes after the archive: ignored, and its socket stays open. Its next sync
    // step 1 is answered after the update was handled (a socket's messages are taken in order).
    const raw = openRawSocket(collabUrl(t, id, t.editorToken));
    track(raw.ws);
    await raw.firstMessage;
    const replies: Uint8Array[] = [];
    raw.ws.on('message', (data: Buffer) => replies.push(new Uint8Array(data)));
    const forged = new Y.Doc();
    getSection(forged, 'pains').insert(0, [new Y.XmlElement('paragraph')]);
    raw.ws.send(syncUpdateFrame(Y.encodeStateAsUpdate(forged)));
    raw.ws.send(syncStep1Frame());
    const answer = await vi.waitFor(() => {
      const found = replies.find((m) => m[0] === MessageType.sync && m[1] === SyncMessageType.step2);
      if (!found) throw new Error('no sync step 2 yet');
      return found;
    });
    const seenByRaw = new Y.Doc();
    Y.applyUpdate(seenByRaw, decoding.readVarUint8Array(decoding.createDecoder(answer.subarray(2))));
    expect(getSection(seenByRaw, 'pains').length).toBe(0);
    expect(sectionText(seenByRaw, 'summary')).toBe('before the archive');
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
    expect(sectionText((await readStoredDoc(t.dataDir, id)).doc, 'pains')).toBe('');

    // The honest writer's edit is kept in its own copy, never sent on to the others.
    appendParagraph(writer.doc, 'summary', 'while archived');
    const late = pool.connect(t, id, t.adminToken);
    await late.synced();
    expect(sectionText(late.doc, 'summary')).toBe('before the archive');
    expect(sectionText(writer.doc, 'summary')).toBe('before the archive\nwhile archived');

    // Unarchived: the writer reconnects and its sync sends what it kept; nothing was lost.
    await unarchive(id);
    await vi.waitFor(() => expect(sectionText(witness.doc, 'summary')).toBe('before the archive\nwhile archived'));
    await vi.waitFor(async () => expect(sectionText((await readStoredDoc(t.dataDir, id)).doc, 'summary')).toBe('before the archive\nwhile archived'));
  });

  it('[§7] an archived persona cannot be published or restored: 409 conflict, and its library, history and draft stay as they were', async () => {
    t = await start();
    const id = await createPersona(t, { name: 'Shelved' });
    await publish(id);
    const historyOf = async () => ((await (await api(`/api/personas/${id}/history`)).json()) as { checkpoints: { id: string }[] }).checkpoints;
    const [checkpoint] = await historyOf();
    if (!checkpoint) throw new Error('the publish kept no checkpoint');
    await archive(id);
    const history = await historyOf();
    const draftOf = async () => {
      const { doc, logLength } = await readStoredDoc(t.dataDir, id);
      return { stateVector: Y.encodeStateVector(doc), logLength };
    };
    const draft = await draftOf();
    expect(await expectApiError(await postJson(`/api/personas/${id}/publish`, { note: 'v2' }), 409, 'conflict')).toMatch(/archived/);
    expect(await expectApiError(await postJson(`/api/personas/${id}/restore`, { checkpoint: checkpoint.id }), 409, 'conflict')).toMatch(/archived/);
    expect(await expectApiError(await postJson(`/api/personas/${id}/restore`, { version: 1 }), 409, 'conflict')).toMatch(/archived/);
    expect(await list('?archived=true')).toMatchObject([{ id, publishedVersion: 1 }]);
    expect(await historyOf()).toEqual(history);
    expect(await draftOf()).toEqual(draft);
    // Unarchived, it is a draft again: publishing works.
    await unarchive(id);
    await publish(id);
  });

  it('[§7] bad input: unknown id 404, bad id 400, viewer 403, archiving twice or unarchiving a draft 409; nothing changes', async () => {
    t = await start();
    const id = await createPersona(t);
    await expectApiError(await api('/api/personas/nobody/archive', { method: 'POST' }), 404, 'not_found');
    await expectApiError(await api('/api/personas/nobody/status'), 404, 'not_found');
    await expectApiError(await api('/api/personas/bad%20id!/archive', { method: 'POST' }), 400, 'bad_request');
    await expectApiError(await api(`/api/personas/${id}/archive`, { method: 'POST', token: t.viewerToken }), 403, 'forbidden');
    await expectApiError(await api(`/api/personas/${id}/archive`, { method: 'POST', token: null }), 401, 'unauthorized');
    await expectApiError(await api(`/api/personas/${id}/unarchive`, { method: 'POST' }), 409, 'conflict');
    expect(await ids('?archived=true')).toEqual([]);
    await archive(id);
    expect(await expectApiError(await api(`/api/personas/${id}/archive`, { method: 'POST' }), 409, 'conflict')).toMatch(/already archived/);
    await expectApiError(await api('/api/personas?archived=maybe'), 400, 'bad_request');
    expect(await ids('?archived=true')).toEqual([id]);
  });
});

describe('§7 trash, untrash and erase', () => {
  it('[§7][S1] trash closes the persona\'s sockets with 4404 at once, refuses new ones, and takes it out of the list and the library', async () => {
    t = await start();
    const [kept, binned] = [await createPersona(t, { name: 'Kept' }), await createPersona(t, { name: 'Binned' })];
    await publish(kept);
    await publish(binned);
    const editor = pool.connect(t, binned, t.editorToken);
    await editor.synced();
    appendParagraph(editor.doc, 'summary', 'written before the trash');
    await vi.waitFor(async () => expect(sectionText((await readStoredDoc(t.dataDir, binned)).doc, 'summary')).toBe('written before the trash'));

    const before = Date.now();
    const trashed = await trash(binned);
    expect(trashed.archived).toBe(false);
    const trashedAt = Date.parse(trashed.trashedAt ?? '');
    expect(trashedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(trashed.eraseAt ?? '') - trashedAt).toBe(30 * DAY_MS);
    await vi.waitFor(() => expect(editor.closes[0]?.code).toBe(CloseCodes.PersonaNotFound.code));
    for (const token of [t.editorToken, t.adminToken, t.viewerToken]) {
      const late = openRawSocket(collabUrl(t, binned, token));
      track(late.ws);
      expect((await late.closed).code).toBe(CloseCodes.PersonaNotFound.code);
    }

    expect(await ids()).toEqual([kept]);
    expect(await ids('?archived=true')).toEqual([]);
    expect(await list('?trashed=true', t.adminToken)).toMatchObject([{ id: binned, name: 'Binned', trashedAt: trashed.trashedAt, eraseAt: trashed.eraseAt }]);
    expect(await librarySearch()).toEqual([kept]);
    expect(await librarySearch('Binned')).toEqual([]);
    await expectApiError(await api(`/api/library/${binned}`, { token: t.viewerToken }), 404, 'not_found');
    await expectApiError(await api(`/api/personas/${binned}/export.pdf`), 404, 'not_found');
    await expectApiError(await postJson(`/api/personas/${binned}/publish`, {}), 404, 'not_found');
    await expectApiError(await api(`/api/personas/${binned}/status`), 404, 'not_found');
    await expectApiError(await api(`/api/personas/${binned}/archive`, { method: 'POST' }), 404, 'not_found');

    const back = await untrash(binned);
    expect(back).toEqual({ id: binned, archived: false, trashedAt: null, eraseAt: null });
    expect(await ids()).toEqual([binned, kept].sort());
    expect((await librarySearch()).sort()).toEqual([binned, kept].sort());
    const reopened = pool.connect(t, binned, t.editorToken);
    await reopened.synced();
    expect(sectionText(reopened.doc, 'summary')).toBe('written before the trash');
  });

  it('[§7] only admins trash, list the trash and untrash; trashing twice or untrashing a draft is a conflict', async () => {
    t = await start();
    const id = await createPersona(t);
    await expectApiError(await api(`/api/personas/${id}`, { method: 'DELETE' }), 403, 'forbidden');
    await expectApiError(await api(`/api/personas/${id}`, { method: 'DELETE', token: t.viewerToken }), 403, 'forbidden');
    await expectApiError(await api('/api/personas?trashed=true'), 403, 'forbidden');
    await expectApiError(await api('/api/personas/nobody', { method: 'DELETE', token: t.adminToken }), 404, 'not_found');
    await expectApiError(await api(`/api/personas/${id}/untrash`, { method: 'POST', token: t.adminToken }), 409, 'conflict');
    expect(await ids()).toEqual([id]);
    await trash(id);
    await expectApiError(await api(`/api/personas/${id}`, { method: 'DELETE', token: t.adminToken }), 409, 'conflict');
    await expectApiError(await api(`/api/personas/${id}/untrash`, { method: 'POST' }), 403, 'forbidden');
    expect(await ids('?trashed=true')).toEqual([id]);
  });

  it('[§7] an archived persona can be trashed, and comes back from the trash archived', async () => {
    t = await start();
    const id = await createPersona(t);
    await archive(id);
    await trash(id);
    expect(await ids('?archived=true')).toEqual([]);
    expect(await list('?trashed=true', t.adminToken)).toMatchObject([{ id, archived: true }]);
    await untrash(id);
    expect(await ids('?archived=true')).toEqual([id]);
  });

  it('[§7] a persona in the trash past the retention is erased with its log, versions and search entry, on start and by the periodic sweep', async () => {
    t = await start();
    const [kept, old] = [await createPersona(t, { name: 'Kept' }), await createPersona(t, { name: 'Old' })];
    await publish(kept);
    await publish(old);
    await trash(old);
    // Within the retention nothing is erased.
    expect(await ids('?trashed=true')).toEqual([old]);
    const people = t.people;
    await t.close();

    // The same data with no retention: the check on start erases it.
    t = await start({ TRASH_RETENTION_DAYS: '0', TRASH_SWEEP_INTERVAL_MS: '50' }, t.dataDir, {}, people);
    await vi.waitFor(async () => expect(await ids('?trashed=true')).toEqual([]));
    const storage = await openStoredData(t.dataDir);
    try {
      expect(await storage.index.status(old)).toBeNull();
      expect(await storage.log.load(old)).toBeNull();
      expect(await storage.library.getVersionState(old, 1)).toBeNull();
      expect(await storage.library.getVersionState(kept, 1)).not.toBeNull();
    } finally {
      await storage.close();
    }
    await expectApiError(await api(`/api/personas/${old}/untrash`, { method: 'POST', token: t.adminToken }), 404, 'not_found');
    const socket = openRawSocket(collabUrl(t, old, t.editorToken));
    track(socket.ws);
    expect((await socket.closed).code).toBe(CloseCodes.PersonaNotFound.code);

    // And the periodic sweep erases one trashed while the server runs.
    const later = await createPersona(t, { name: 'Later' });
    await trash(later);
    await vi.waitFor(async () => expect(await ids('?trashed=true')).toEqual([]), { timeout: 5000 });
    expect(await ids()).toEqual([kept]);
  });
});
