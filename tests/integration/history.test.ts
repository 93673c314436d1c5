import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  checkpointContentSchema,
  historyResponseSchema,
  publishedPersonaSchema,
  publishResponseSchema,
  restoreResponseSchema,
  type Checkpoint,
} from '../../shared/api.ts';
import { addEvidence } from '../../shared/persona/evidence.ts';
import { PROFILE_FIELDS, SECTION_KEYS, getComments, getEvidence, getProfile, getSection } from '../../shared/persona/schema.ts';
import { signOffSection } from '../../shared/persona/signoff.ts';
import { startThread } from '../../shared/persona/threads.ts';
import { createClientPool, type TestClient } from '../helpers/clients.ts';
import { apiCalls, createPersona, expectApiError } from '../helpers/http.ts';
import { appendParagraph, sectionText } from '../helpers/persona.ts';
import { removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';
import { readStoredDoc } from '../helpers/store.ts';

/** Short, so the tests see automatic checkpoints (SPEC §7 asks for one per 5 minutes with changes). */
const CHECKPOINT_EVERY_MS = '200';

const pool = createClientPool();
let t: TestServer;
beforeEach(async () => {
  t = await startTestServer({ CHECKPOINT_EVERY_MS });
});
afterEach(async () => {
  pool.destroyAll();
  await t.close();
  removeDataDir(t.dataDir);
});

const { api, postJson } = apiCalls(() => t);

async function history(id: string, token = t.editorToken): Promise<Checkpoint[]> {
  const response = await api(`/api/personas/${id}/history`, { token });
  expect(response.status).toBe(200);
  return historyResponseSchema.parse(await response.json()).checkpoints;
}

async function restore(id: string, body: unknown, token = t.editorToken): Promise<string> {
  const response = await postJson(`/api/personas/${id}/restore`, body, token);
  expect(response.status).toBe(200);
  return restoreResponseSchema.parse(await response.json()).checkpoint;
}

const names = (checkpoint: Checkpoint | undefined) => (checkpoint?.authors ?? []).map((a) => a.name).sort();
/** Everyone the checkpoints name, sorted. */
const everyone = (checkpoints: readonly Checkpoint[]) => [...new Set(checkpoints.flatMap(names))].sort();

async function read(id: string, checkpoint: Checkpoint | undefined) {
  const response = await api(`/api/personas/${id}/history/${checkpoint?.id}`);
  expect(response.status).toBe(200);
  return checkpointContentSchema.parse(await response.json());
}

/** The newest checkpoint, once an automatic one holds all the work workedOnPersona did (threads aside). */
async function checkpointOfTheWork(id: string): Promise<Checkpoint | undefined> {
  await vi.waitFor(
    async () => {
      const listed = await history(id);
      expect(everyone(listed)).toEqual(['Mara Marketing', 'Sam Sales']);
      const body = await read(id, listed[0]);
      expect(body.evidence).toHaveLength(2);
      expect(body.signoff['summary:sales']).toBeDefined();
    },
    { timeout: 5_000 },
  );
  return (await history(id))[0];
}

/** Everything the wipe removes, as one string: every section's text, every profile field and evidence text. */
function content(doc: Y.Doc): string {
  const profile = getProfile(doc);
  return [
    ...SECTION_KEYS.map((key) => sectionText(doc, key)),
    ...PROFILE_FIELDS.map((field) => String(profile.get(field) ?? '')),
    ...getEvidence(doc).map((item) => String(item.get('text'))),
  ].join('|');
}

/** A B2B persona that Mara and Sam worked on: text, evidence from both sides, Sam's sign-off and a thread. */
async function workedOnPersona(): Promise<{ id: string; mara: TestClient; sam: TestClient }> {
  const id = await createPersona(t, { name: 'María Núñez', template: 'b2b' });
  const mara = pool.connect(t, id, t.editorToken);
  const sam = pool.connect(t, id, t.salesToken);
  await Promise.all([mara.synced(), sam.synced()]);
  appendParagraph(mara.doc, 'summary', 'Decide con datos; ¿quién firma? La señora Núñez.');
  addEvidence(mara.doc, [{ kind: 'metric', text: 'El 62 % compara precios', source: 'GA4', section: 'summary' }], { author: 'Mara Marketing', side: 'marketing' });
  addEvidence(sam.doc, [{ kind: 'quote', text: '«No firmo sin ROI»', source: 'Llamada', section: 'pains' }], { author: 'Sam Sales', side: 'sales' });
  await vi.waitFor(() => expect(getEvidence(sam.doc).length + getEvidence(mara.doc).length).toBe(4));
  signOffSection(sam.doc, 'summary', { by: 'Sam Sales', side: 'sales' });
  startThread(sam.doc, 'summary', { text: 'Falta el presupuesto', author: 'Sam Sales', side: 'sales' });
  await vi.waitFor(() => expect(getComments(mara.doc).length).toBe(1));
  return { id, mara, sam };
}

/** Deletes every section's content, every profile field and every evidence item, as a raw client can. */
function wipe(doc: Y.Doc): void {
  doc.transact(() => {
    for (const key of SECTION_KEYS) getSection(doc, key).delete(0, getSection(doc, key).length);
    for (const field of [...getProfile(doc).keys()]) getProfile(doc).delete(field);
    getEvidence(doc).delete(0, getEvidence(doc).length);
  });
}

describe('history and restore (SPEC §7)', () => {
  it('[§7] the wipe: a restore through the API brings everything back live, after a restart too, and restoring the checkpoint before it brings the wipe back', async () => {
    const { id, sam } = await workedOnPersona();
    // Automatic checkpoints name both of them; the newest holds all they did.
    const worked = await checkpointOfTheWork(id);
    const before = content(sam.doc);
    expect(before).toContain('señora Núñez');

    // A second editor link, a stock y-websocket client, empties the persona.
    const vandal = pool.connect(t, id, t.editorToken);
    await vandal.synced();
    wipe(vandal.doc);
    await vi.waitFor(() => expect(content(sam.doc)).toBe(content(vandal.doc)));
    expect(getEvidence(sam.doc).length).toBe(0);
    expect(sectionText(sam.doc, 'summary')).toBe('');

    const undo = await restore(id, { checkpoint: worked?.id }, t.salesToken);
    // The store holds it too.
    expect(content((await readStoredDoc(t.dataDir, id)).doc)).toBe(before);
    // Live, to Sam who stayed connected: sections, profile and evidence; the thread was never touched.
    await vi.waitFor(() => expect(content(sam.doc)).toBe(before));
    expect(getComments(sam.doc).length).toBe(1);

    // Authors survive the restore: each side's evidence and Sam's sign-off are still theirs (SPEC §6).
    const published = await publishAndRead(id);
    expect(published.evidence.map((item) => [item.author, item.side]).sort()).toEqual([
      ['Mara Marketing', 'marketing'],
      ['Sam Sales', 'sales'],
    ]);
    expect(published.signoff['summary:sales']?.by).toBe('Sam Sales');

    // The restore is kept as the restorer's change, and survives a restart.
    t = await t.restart();
    pool.destroyAll();
    const later = pool.connect(t, id, t.editorToken);
    await later.synced();
    expect(content(later.doc)).toBe(before);
    const listed = await history(id);
    const undoPoint = listed.find((c) => c.id === undo);
    expect(undoPoint?.kind).toBe('restore');
    // The wipe is named: by the restore's checkpoint, or by an automatic one taken between the two.
    const sinceWork = listed.filter((c) => c.at > (worked?.at ?? '') && c.at <= (undoPoint?.at ?? ''));
    expect(everyone(sinceWork)).toEqual(['Mara Marketing']);

    // Restoring the checkpoint taken just before the restore undoes it, live.
    const watcher = pool.connect(t, id, t.salesToken);
    await watcher.synced();
    await restore(id, { checkpoint: undo });
    await vi.waitFor(() => expect(sectionText(watcher.doc, 'summary')).toBe(''));
    expect(getEvidence(watcher.doc).length).toBe(0);
    expect(getComments(watcher.doc).length).toBe(1);
  });

  it('[§7] takes a checkpoint every CHECKPOINT_EVERY_MS in which the persona changed, naming who changed it', async () => {
    const id = await createPersona(t, { name: 'Tomás' });
    const mara = pool.connect(t, id, t.editorToken);
    const sam = pool.connect(t, id, t.salesToken);
    await Promise.all([mara.synced(), sam.synced()]);
    appendParagraph(sam.doc, 'pains', 'Solo Sam escribe ahora');
    // The draft as it was before the first change is kept too, naming nobody.
    await vi.waitFor(async () => expect((await history(id)).map(names)).toEqual([['Sam Sales'], []]), { timeout: 5_000 });
    appendParagraph(mara.doc, 'goals', 'Y ahora Mara');
    await vi.waitFor(async () => expect((await history(id)).map(names)).toEqual([['Mara Marketing'], ['Sam Sales'], []]), { timeout: 5_000 });
    // Each checkpoint holds the draft as it was then.
    const [latest, previous, first] = await history(id);
    expect(JSON.stringify((await read(id, latest)).sections.goals)).toContain('Y ahora Mara');
    expect(JSON.stringify((await read(id, previous)).sections.goals)).not.toContain('Y ahora Mara');
    expect(JSON.stringify((await read(id, previous)).sections.pains)).toContain('Solo Sam escribe ahora');
    expect(JSON.stringify((await read(id, first)).sections.pains)).not.toContain('Solo Sam');
  });

  it('[§7] names only who changed something: a browser sending back what the server has is no author', async () => {
    const id = await createPersona(t, { name: 'Tomás' });
    const sam = pool.connect(t, id, t.salesToken);
    await sam.synced();
    appendParagraph(sam.doc, 'pains', 'Borrador');
    getSection(sam.doc, 'pains').delete(0, 1);
    appendParagraph(sam.doc, 'pains', 'Sam escribe');
    await vi.waitFor(async () => expect((await history(id)).map(names)).toEqual([['Sam Sales'], []]), { timeout: 5_000 });
    // Mara's browser holds a copy of all that (deletions too) and sends it back on connecting.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(sam.doc));
    const mara = pool.connect(t, id, t.editorToken, copy);
    await mara.synced();
    appendParagraph(sam.doc, 'goals', 'Sam otra vez');
    await vi.waitFor(async () => expect((await history(id)).length).toBe(3), { timeout: 5_000 });
    expect((await history(id)).map(names)).toEqual([['Sam Sales'], ['Sam Sales'], []]);
  });

  it('[§7] keeps history across publishes and restores, newest first, with the members named', async () => {
    const { id, mara, sam } = await workedOnPersona();
    await publish(id, t.editorToken);
    const [published] = await history(id);
    expect(published?.kind).toBe('publish');
    // Both are named by the publish checkpoint, or by automatic ones taken before it.
    expect(everyone(await history(id))).toEqual(['Mara Marketing', 'Sam Sales']);

    appendParagraph(sam.doc, 'summary', 'Después de publicar');
    await vi.waitFor(() => expect(sectionText(mara.doc, 'summary')).toContain('Después de publicar'));
    // Sam brings back the published version 1.
    await restore(id, { version: 1 }, t.salesToken);
    await vi.waitFor(() => expect(sectionText(mara.doc, 'summary')).not.toContain('Después de publicar'));
    let [newest] = await history(id);
    expect(newest?.kind).toBe('restore');
    // Sam's edit after the publish is named by the restore's checkpoint, or an automatic one before it.
    expect(everyone((await history(id)).filter((c) => c.at > (published?.at ?? '')))).toEqual(['Sam Sales']);
    // The restore itself is Sam's change: the next checkpoint names him.
    await vi.waitFor(async () => expect((await history(id))[0]?.kind).toBe('auto'), { timeout: 5_000 });
    [newest] = await history(id);
    expect(names(newest)).toEqual(['Sam Sales']);
    const kinds = (await history(id)).map((c) => c.kind);
    expect(kinds.indexOf('restore')).toBeLessThan(kinds.indexOf('publish'));
    const times = (await history(id)).map((c) => c.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('[§7] bad input: viewer 403, unknown persona or checkpoint 404, malformed body 400; nothing changes', async () => {
    const { id, sam } = await workedOnPersona();
    await publish(id, t.editorToken);
    const listed = await history(id);
    const text = content(sam.doc);
    const [first] = listed;

    await expectApiError(await api(`/api/personas/${id}/history`, { token: t.viewerToken }), 403, 'forbidden');
    await expectApiError(await api(`/api/personas/${id}/history/${first?.id}`, { token: t.viewerToken }), 403, 'forbidden');
    await expectApiError(await postJson(`/api/personas/${id}/restore`, { checkpoint: first?.id }, t.viewerToken), 403, 'forbidden');
    await expectApiError(await api(`/api/personas/${id}/history`, { token: null }), 401, 'unauthorized');

    await expectApiError(await api('/api/personas/nobody-here/history'), 404, 'not_found');
    await expectApiError(await api('/api/personas/nobody-here/history/1'), 404, 'not_found');
    await expectApiError(await postJson('/api/personas/nobody-here/restore', { checkpoint: first?.id }), 404, 'not_found');
    await expectApiError(await api(`/api/personas/${id}/history/999999`), 404, 'not_found');
    await expectApiError(await api(`/api/personas/${id}/history/not-an-id`), 404, 'not_found');
    await expectApiError(await postJson(`/api/personas/${id}/restore`, { checkpoint: '999999' }), 404, 'not_found');
    await expectApiError(await postJson(`/api/personas/${id}/restore`, { version: 7 }), 404, 'not_found');
    // Another persona's checkpoint is not this one's.
    const other = await createPersona(t, { name: 'Otra' });
    await publish(other, t.editorToken);
    const [theirs] = await history(other);
    await expectApiError(await postJson(`/api/personas/${id}/restore`, { checkpoint: theirs?.id }), 404, 'not_found');

    for (const body of ['{', '[]', {}, { checkpoint: 12 }, { checkpoint: 'abc' }, { version: 0 }, { version: '1' }, { checkpoint: first?.id, version: 1 }, { checkpoint: first?.id, extra: true }]) {
      await expectApiError(await postJson(`/api/personas/${id}/restore`, body), 400, 'bad_request');
    }
    expect(await history(id)).toEqual(listed);
    expect(content(sam.doc)).toBe(text);
  });

  it('[§7] shows a checkpoint in the shape of a library version', async () => {
    const { id } = await workedOnPersona();
    await publish(id, t.editorToken);
    const [checkpoint] = await history(id);
    const response = await api(`/api/personas/${id}/history/${checkpoint?.id}`);
    expect(response.status).toBe(200);
    const body = checkpointContentSchema.parse(await response.json());
    const version = publishedPersonaSchema.parse(await (await api(`/api/library/${id}`)).json());
    expect({ profile: body.profile, sections: body.sections, evidence: body.evidence, signoff: body.signoff }).toEqual({
      profile: version.profile,
      sections: version.sections,
      evidence: version.evidence,
      signoff: version.signoff,
    });
    expect(body.checkpoint).toEqual(checkpoint);
  });
});

async function publish(id: string, token: string): Promise<number> {
  const response = await postJson(`/api/personas/${id}/publish`, {}, token);
  expect(response.status).toBe(201);
  return publishResponseSchema.parse(await response.json()).version;
}

async function publishAndRead(id: string) {
  const version = await publish(id, t.editorToken);
  const response = await api(`/api/library/${id}?version=${version}`);
  return publishedPersonaSchema.parse(await response.json());
}
