// SPEC §7's activity: two members (Mara, marketing; Sam, sales) and the Operator work on a persona
// through stock y-websocket clients and the API; every event names the member who did it, edits are
// gathered per member and section, and the persona list says who changed each persona last.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { activityResponseSchema, personaListResponseSchema, type ActivityEventView } from '../../shared/api.ts';
import { addEvidence, deleteEvidence } from '../../shared/persona/evidence.ts';
import { EVIDENCE_MARK, getProfile, getSection, getSignoff } from '../../shared/persona/schema.ts';
import { signOffSection, withdrawSignoff } from '../../shared/persona/signoff.ts';
import { replyToThread, setThreadResolved, startThread } from '../../shared/persona/threads.ts';
import { createClientPool, type TestClient } from '../helpers/clients.ts';
import { apiCalls, createPersona, expectApiError } from '../helpers/http.ts';
import { appendParagraph, sectionText } from '../helpers/persona.ts';
import { removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';

let t: TestServer;
const pool = createClientPool();
const { api, postJson } = apiCalls(() => t);

beforeAll(async () => {
  t = await startTestServer();
});
afterEach(() => pool.destroyAll());
afterAll(async () => {
  await t.close();
  removeDataDir(t.dataDir);
});

async function connected(id: string, token: string): Promise<TestClient> {
  const client = pool.connect(t, id, token);
  await client.synced();
  return client;
}

async function activityOf(id: string, query = ''): Promise<ActivityEventView[]> {
  const response = await api(`/api/personas/${id}/activity${query}`);
  expect(response.status).toBe(200);
  return activityResponseSchema.parse(await response.json()).events;
}

/** Waits until the persona's activity holds an event matching `expected`, and answers all of them. */
async function waitForEvent(id: string, expected: Partial<ActivityEventView> & { type: string }): Promise<ActivityEventView[]> {
  let events: ActivityEventView[] = [];
  await vi.waitFor(async () => {
    events = await activityOf(id);
    expect(events).toContainEqual(expect.objectContaining(expected));
  });
  return events;
}

const mara = () => ({ id: t.people.marketing.member.id, name: 'Mara Marketing', team: 'marketing' as const });
const sam = () => ({ id: t.people.sales.member.id, name: 'Sam Sales', team: 'sales' as const });
const editsOf = (events: ActivityEventView[], memberId: string | null, section: string) =>
  events.filter((e) => e.type === 'edited' && (e.member?.id ?? null) === memberId && e.detail.section === section);

describe('activity (SPEC §7)', () => {
  it('[§7] names the creator and each member who edits, gathering edits per member and section', async () => {
    const id = await createPersona(t, { name: 'Ana' });
    const [created] = await activityOf(id);
    expect(created).toEqual({ at: expect.any(String), member: mara(), type: 'created', detail: { template: 'blank' } });

    const maraClient = await connected(id, t.editorToken);
    const samClient = await connected(id, t.salesToken);
    appendParagraph(maraClient.doc, 'goals', 'Grow pipeline');
    appendParagraph(maraClient.doc, 'goals', 'Shorter cycles');
    appendParagraph(samClient.doc, 'goals', 'Fewer tools');
    getProfile(maraClient.doc).set('role', 'CFO');
    await waitForEvent(id, { type: 'edited', member: sam(), detail: { section: 'goals' } });
    const first = await waitForEvent(id, { type: 'edited', member: mara(), detail: { section: 'profile' } });
    expect(editsOf(first, mara().id, 'goals')).toHaveLength(1);
    expect(editsOf(first, sam().id, 'goals')).toHaveLength(1);

    // Written already (the list above flushed it): another edit a moment later joins the same event.
    const before = editsOf(first, mara().id, 'goals')[0]?.at ?? '';
    appendParagraph(maraClient.doc, 'goals', 'Better forecasts');
    await vi.waitFor(async () => {
      const gathered = editsOf(await activityOf(id), mara().id, 'goals');
      expect(gathered).toHaveLength(1);
      expect(gathered[0]?.at.localeCompare(before)).toBe(1);
    });
    appendParagraph(maraClient.doc, 'pains', 'Manual reporting');
    const events = await waitForEvent(id, { type: 'edited', member: mara(), detail: { section: 'pains' } });
    expect(events.map((e) => e.type)).toEqual(['edited', 'edited', 'edited', 'edited', 'created']);
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort().reverse());
  });

  it('[§7] records evidence added and removed, with who did it', async () => {
    const id = await createPersona(t);
    const samClient = await connected(id, t.salesToken);
    const maraClient = await connected(id, t.editorToken);
    const [item] = addEvidence(
      samClient.doc,
      [{ kind: 'objection', text: 'Too expensive for a team of five', source: 'Call', section: 'objections' }],
      { author: 'Sam Sales', side: 'sales' },
    );
    const text = 'Too expensive for a team of five';
    const detail = { id: item?.id, evidenceId: item?.id, side: 'sales', kind: 'objection', text, excerpt: text, mentions: [], section: 'objections' };
    await waitForEvent(id, { type: 'evidence-added', member: sam(), detail });
    // Sam links a claim in Objections to it.
    const claim = new Y.XmlText();
    claim.insert(0, 'Price is the first objection', { [EVIDENCE_MARK.name]: { [EVIDENCE_MARK.idsAttr]: item?.id } });
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [claim]);
    getSection(samClient.doc, 'objections').push([paragraph]);
    await vi.waitFor(() => expect(sectionText(maraClient.doc, 'objections')).toContain('Price is the first objection'));
    deleteEvidence(maraClient.doc, new Set([item?.id ?? '']));
    const events = await waitForEvent(id, { type: 'evidence-removed', member: mara(), detail });
    // Removing an item unlinks its claims in the sections: not an edit of Mara's.
    expect(events.filter((e) => e.type === 'edited')).toEqual([expect.objectContaining({ member: sam(), detail: { section: 'objections' } })]);
  });

  it('[§7] records sign-offs and their withdrawal, section keys and other keys alike', async () => {
    const id = await createPersona(t);
    const samClient = await connected(id, t.salesToken);
    const maraClient = await connected(id, t.editorToken);
    signOffSection(samClient.doc, 'goals', { by: 'Sam Sales', side: 'sales' });
    await waitForEvent(id, { type: 'signed-off', member: sam(), detail: { key: 'goals:sales', section: 'goals', side: 'sales' } });
    withdrawSignoff(samClient.doc, 'goals', 'sales');
    await waitForEvent(id, { type: 'sign-off-withdrawn', member: sam(), detail: { key: 'goals:sales', section: 'goals', side: 'sales' } });
    maraClient.doc.transact(() => getSignoff(maraClient.doc).set('target:t1:marketing', new Y.Map<unknown>([['by', 'Mara'], ['at', new Date().toISOString()]])));
    await waitForEvent(id, { type: 'signed-off', member: mara(), detail: { key: 'target:t1:marketing', side: 'marketing' } });
  });

  it('[§7] records threads started, replied to and resolved', async () => {
    const id = await createPersona(t);
    const maraClient = await connected(id, t.editorToken);
    const samClient = await connected(id, t.salesToken);
    const thread = startThread(maraClient.doc, 'pains', { text: 'Is this true for retail?', author: 'Mara', side: 'marketing' });
    const detail = { thread: thread.id, threadId: thread.id, section: 'pains' };
    await waitForEvent(id, { type: 'thread-started', member: mara(), detail: { ...detail, excerpt: 'Is this true for retail?', mentions: [] } });
    await vi.waitFor(() => expect(samClient.doc.getArray('comments').length).toBe(1));
    // Sam states Mara's name; the activity (and the inbox reading it) knows who wrote what (issue 17).
    replyToThread(samClient.doc, thread.id, { text: 'Mostly, yes @[team:marketing]', author: 'Mara', side: 'marketing' });
    await waitForEvent(id, {
      type: 'replied',
      member: sam(),
      detail: { ...detail, excerpt: 'Mostly, yes @[team:marketing]', mentions: [{ kind: 'team', team: 'marketing' }], threadAuthor: mara().id, participants: [] },
    });
    await vi.waitFor(() => expect(maraClient.doc.getArray('comments').toJSON()[0]).toMatchObject({ replies: [{ text: 'Mostly, yes @[team:marketing]' }] }));
    setThreadResolved(maraClient.doc, thread.id, true);
    const events = await waitForEvent(id, { type: 'resolved', member: mara(), detail });
    expect(events.map((e) => e.type)).toEqual(['resolved', 'replied', 'thread-started', 'created']);
  });

  it('[§7] records publishing by its member and the Operator\'s edits as nobody\'s', async () => {
    const id = await createPersona(t, {}, t.salesToken);
    expect(await postJson(`/api/personas/${id}/publish`, { note: 'first' }, t.salesToken)).toHaveProperty('status', 201);
    const operator = await connected(id, t.operatorToken);
    appendParagraph(operator.doc, 'summary', 'Imported');
    const events = await waitForEvent(id, { type: 'edited', member: null, detail: { section: 'summary' } });
    expect(events.slice(1)).toEqual([
      { at: expect.any(String), member: sam(), type: 'published', detail: { version: 1 } },
      { at: expect.any(String), member: sam(), type: 'created', detail: { template: 'blank' } },
    ]);
  });

  it('[§7] names members as the directory does now, former members too', async () => {
    const rita = await t.server.invite({ name: 'Rita', team: 'sales', role: 'editor' });
    const id = await createPersona(t, {}, rita.token);
    const patch = await api(`/api/members/${rita.member.id}`, {
      token: t.adminToken,
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Rita Ruiz' }),
    });
    expect(patch.status).toBe(200);
    expect((await activityOf(id))[0]?.member).toEqual({ id: rita.member.id, name: 'Rita Ruiz', team: 'sales' as const });
    expect((await api(`/api/members/${rita.member.id}`, { token: t.adminToken, method: 'DELETE' })).status).toBe(204);
    expect((await activityOf(id))[0]?.member).toEqual({ id: rita.member.id, name: 'Rita Ruiz', team: 'sales' as const });
  });

  it('[§7] the persona list says who changed each persona last', async () => {
    const id = await createPersona(t);
    const lastChangedBy = async () => {
      const body: unknown = await (await api('/api/personas')).json();
      const list = personaListResponseSchema.parse(body);
      return list.personas.find((p) => p.id === id)?.lastChangedBy;
    };
    expect(await lastChangedBy()).toEqual(mara());
    const samClient = await connected(id, t.salesToken);
    appendParagraph(samClient.doc, 'goals', 'Sam was here');
    await vi.waitFor(async () => expect(await lastChangedBy()).toEqual(sam()));
    // Publishing changes nothing in the draft: the last change stays Sam's.
    expect(await postJson(`/api/personas/${id}/publish`, {})).toHaveProperty('status', 201);
    expect(await lastChangedBy()).toEqual(sam());
    const operator = await connected(id, t.operatorToken);
    appendParagraph(operator.doc, 'goals', 'Imported');
    await vi.waitFor(async () => expect(await lastChangedBy()).toBeNull());
  });

  it('[§7] pages with limit and before', async () => {
    const id = await createPersona(t);
    for (let i = 0; i < 3; i++) expect(await postJson(`/api/personas/${id}/publish`, {})).toHaveProperty('status', 201);
    const all = await activityOf(id);
    expect(all.map((e) => e.type)).toEqual(['published', 'published', 'published', 'created']);
    const [newest] = await activityOf(id, '?limit=1');
    expect(newest?.detail).toEqual({ version: 3 });
    const older = await activityOf(id, `?before=${encodeURIComponent(all[2]?.at ?? '')}`);
    expect(older.every((e) => e.at < (all[2]?.at ?? ''))).toBe(true);
    expect(older.at(-1)?.type).toBe('created');
  });

  it('[§7] bad input: viewer 403, unknown persona 404, bad id or query 400', async () => {
    const id = await createPersona(t);
    await expectApiError(await api(`/api/personas/${id}/activity`, { token: t.viewerToken }), 403, 'forbidden');
    await expectApiError(await api(`/api/personas/${id}/activity`, { token: null }), 401, 'unauthorized');
    await expectApiError(await api('/api/personas/nope/activity'), 404, 'not_found');
    await expectApiError(await api('/api/personas/no%20pe/activity'), 400, 'bad_request');
    for (const query of ['?limit=0', '?limit=501', '?limit=two', '?before=yesterday', '?colour=blue']) {
      await expectApiError(await api(`/api/personas/${id}/activity${query}`), 400, 'bad_request');
    }
    expect(await activityOf(id)).toHaveLength(1);
  });
});
