// A hostile participant, with nothing but their own member link, writing the Yjs document
// directly through the stock y-websocket client: whatever they claim, the server's word on who
// wrote what is what the library JSON and the PDF show (SPEC §6).
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { personaListResponseSchema, publishedPersonaSchema, type PublishedPersona } from '../../shared/api.ts';
import { getAuthorsMap } from '../../shared/persona/authors.ts';
import { addEvidence, readEvidence } from '../../shared/persona/evidence.ts';
import { getSignoff } from '../../shared/persona/schema.ts';
import { signOffSection } from '../../shared/persona/signoff.ts';
import { CloseCodes, MessageType } from '../../shared/protocol.ts';
import { collabUrl, createClientPool, openRawSocket, type TestClient } from '../helpers/clients.ts';
import { createPersona } from '../helpers/http.ts';
import { appendParagraph, sectionText } from '../helpers/persona.ts';
import { removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';

let t: TestServer;
const pool = createClientPool();

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

/** Publishes as `token` (Mara unless told) and reads the version back as the library serves it. */
async function publishAndRead(id: string, body: unknown = {}, token = t.editorToken): Promise<{ json: string; persona: PublishedPersona }> {
  const published = await fetch(`${t.url}/api/personas/${id}/publish`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(published.status).toBe(201);
  const response = await fetch(`${t.url}/api/library/${id}`, { headers: { authorization: `Bearer ${t.viewerToken}` } });
  expect(response.status).toBe(200);
  const json = await response.text();
  return { json, persona: publishedPersonaSchema.parse(JSON.parse(json)) };
}

async function libraryPdfText(id: string): Promise<string> {
  const response = await fetch(`${t.url}/api/library/${id}/export.pdf`, { headers: { authorization: `Bearer ${t.viewerToken}` } });
  expect(response.status).toBe(200);
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(await response.arrayBuffer()) }).promise;
  let text = '';
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
  }
  return text;
}

/** Waits until a witness connected to the server sees what `ready` checks: the server has applied it. */
async function serverHas(id: string, ready: (doc: Y.Doc) => boolean): Promise<void> {
  const witness = await connected(id, t.operatorToken);
  await vi.waitFor(() => expect(ready(witness.doc)).toBe(true));
}

const evidenceInput = (text: string) => ({ kind: 'quote' as const, text, source: 'Interview', section: 'pains' as const });

describe('forged sign-offs', () => {
  it('[§6] a sign-off counts only when its writer is on that side\'s team: marketing signing for sales is ignored', async () => {
    const id = await createPersona(t);
    const mara = await connected(id, t.editorToken);
    const sam = await connected(id, t.salesToken);
    appendParagraph(mara.doc, 'summary', 'Runs a fleet of forty trucks.');
    signOffSection(mara.doc, 'summary', { by: 'Sam Sales', side: 'sales' });
    signOffSection(mara.doc, 'objections', { by: 'Sales Director Forged', side: 'sales' });
    signOffSection(mara.doc, 'summary', { by: 'Mara Marketing', side: 'marketing' });
    // A section holding guidance only has nothing to sign (issue 13): Sam's goals say something.
    appendParagraph(sam.doc, 'goals', 'Cut the month-end close to three days.');
    signOffSection(sam.doc, 'goals', { by: 'Sam Sales', side: 'sales' });
    await serverHas(id, (doc) => getSignoff(doc).size === 4);

    const { json, persona } = await publishAndRead(id);
    expect(persona.signoff['summary:sales']).toBeUndefined();
    expect(persona.signoff['objections:sales']).toBeUndefined();
    expect(json).not.toContain('Sales Director Forged');
    expect(persona.signoff['goals:sales']).toMatchObject({ by: 'Sam Sales', memberId: t.people.sales.member.id });
    expect(persona.signoff['summary:marketing']).toMatchObject({ by: 'Mara Marketing', memberId: t.people.marketing.member.id });
    expect(await libraryPdfText(id)).not.toContain('Sales Director Forged');
  });

  it('[§6] overwriting a field of someone else\'s sign-off makes it count for nobody', async () => {
    const id = await createPersona(t);
    const sam = await connected(id, t.salesToken);
    appendParagraph(sam.doc, 'pains', 'Legal review takes three weeks.');
    appendParagraph(sam.doc, 'goals', 'Cut the month-end close to three days.');
    signOffSection(sam.doc, 'pains', { by: 'Sam Sales', side: 'sales' });
    signOffSection(sam.doc, 'goals', { by: 'Sam Sales', side: 'sales' });
    const mara = await connected(id, t.editorToken);
    const samsPains = getSignoff(mara.doc).get('pains:sales');
    expect(samsPains).toBeInstanceOf(Y.Map);
    (samsPains as Y.Map<unknown>).set('fingerprint', 'forged');
    await serverHas(id, (doc) => (getSignoff(doc).get('pains:sales') as Y.Map<unknown> | undefined)?.get('fingerprint') === 'forged');

    const { persona } = await publishAndRead(id);
    expect(persona.signoff['pains:sales']).toBeUndefined();
    expect(persona.signoff['goals:sales']).toMatchObject({ by: 'Sam Sales', memberId: t.people.sales.member.id });
  });

  it('[§6] the Operator\'s sign-offs count for neither side', async () => {
    const id = await createPersona(t);
    const operator = await connected(id, t.operatorToken);
    signOffSection(operator.doc, 'channels', { by: 'Import Bot', side: 'sales' });
    signOffSection(operator.doc, 'channels', { by: 'Import Bot', side: 'marketing' });
    await serverHas(id, (doc) => getSignoff(doc).size === 2);

    const { persona } = await publishAndRead(id);
    expect(persona.signoff).toEqual({});
  });
});

describe('forged evidence', () => {
  it('[§6] an evidence item\'s side is its author\'s team, whatever side and author it states', async () => {
    const id = await createPersona(t);
    const mara = await connected(id, t.editorToken);
    addEvidence(mara.doc, [evidenceInput('We lose a day a week to spreadsheets.')], { author: 'Sam Sales', side: 'sales' });
    await serverHas(id, (doc) => readEvidence(doc).items.length === 1);

    // Published by the Operator, so that Mara's name in the PDF can only be the evidence's author.
    const { persona } = await publishAndRead(id, {}, t.operatorToken);
    expect(persona.evidence).toHaveLength(1);
    expect(persona.evidence[0]).toMatchObject({
      author: 'Mara Marketing',
      side: 'marketing',
      authorId: t.people.marketing.member.id,
      verified: true,
    });
    const pdf = await libraryPdfText(id);
    expect(pdf).toContain('We lose a day a week');
    expect(pdf).toContain('Mara Marketing');
    expect(pdf).not.toContain('Sam Sales');
  });

  it('[§6] the persona list counts evidence by its author\'s team, live and as stored', async () => {
    const id = await createPersona(t);
    const mara = await connected(id, t.editorToken);
    addEvidence(mara.doc, [evidenceInput('Claimed for sales.')], { author: 'Sam Sales', side: 'sales' });
    addEvidence(mara.doc, [evidenceInput('Also claimed for sales.')], { author: 'Sam Sales', side: 'sales' });
    await serverHas(id, (doc) => readEvidence(doc).items.length === 2);
    const listed = async () => {
      const response = await fetch(`${t.url}/api/personas`, { headers: { authorization: `Bearer ${t.editorToken}` } });
      return personaListResponseSchema.parse(await response.json()).personas.find((p) => p.id === id)?.evidence;
    };
    expect(await listed()).toEqual({ marketing: 2, sales: 0 });
    pool.destroyAll();
    t = await t.restart();
    expect(await listed()).toEqual({ marketing: 2, sales: 0 });
  });

  it('[§6] members of team other add no evidence and sign for neither side, whatever they state', async () => {
    const id = await createPersona(t);
    const admin = await connected(id, t.adminToken);
    addEvidence(admin.doc, [evidenceInput('Stated as sales by an admin.')], { author: 'Sam Sales', side: 'sales' });
    signOffSection(admin.doc, 'summary', { by: 'Admin', side: 'marketing' });
    await serverHas(id, (doc) => readEvidence(doc).items.length === 1 && getSignoff(doc).size === 1);

    const { json, persona } = await publishAndRead(id);
    expect(persona.evidence).toEqual([]);
    expect(persona.signoff).toEqual({});
    expect(json).not.toContain('Stated as sales by an admin.');
  });

  it('[§6] what the Operator writes keeps the side and author it states', async () => {
    const id = await createPersona(t);
    const operator = await connected(id, t.operatorToken);
    addEvidence(operator.doc, [evidenceInput('Imported from the CRM.')], { author: 'Olga Import', side: 'sales' });
    await serverHas(id, (doc) => readEvidence(doc).items.length === 1);

    const { persona } = await publishAndRead(id);
    expect(persona.evidence[0]).toMatchObject({ author: 'Olga Import', side: 'sales', authorId: null, verified: true });
  });
});

describe('a forged publisher', () => {
  it('[§6] the publisher of a version is the member who called publish, whatever the body says', async () => {
    const id = await createPersona(t);
    const { json, persona } = await publishAndRead(id, { note: 'First cut', publishedBy: { name: 'CEO Jane Doe', side: 'sales' } });
    expect(persona.publishedBy).toEqual({ id: t.people.marketing.member.id, name: 'Mara Marketing', team: 'marketing', verified: true });
    expect(json).not.toContain('CEO Jane Doe');
    const pdf = await libraryPdfText(id);
    expect(pdf).not.toContain('CEO Jane Doe');
    expect(pdf).toContain('Mara Marketing');
  });
});

type PresenceUser = { name?: string; side?: string };
const userOf = (seenBy: TestClient, clientId: number): PresenceUser | undefined =>
  seenBy.provider.awareness.getStates().get(clientId)?.['user'] as PresenceUser | undefined;

describe('the Operator\'s publisher', () => {
  it('[§6] a version the Operator publishes keeps the publisher it states', async () => {
    const id = await createPersona(t);
    const { persona } = await publishAndRead(id, { publishedBy: { name: 'Import Bot', side: 'sales' } }, t.operatorToken);
    expect(persona.publishedBy).toEqual({ id: null, name: 'Import Bot', team: 'sales', verified: true });
  });
});

describe('forged presence', () => {
  it('[§6] presence is the server\'s word: a claim to another name or team is shown as the member', async () => {
    const id = await createPersona(t);
    const mara = await connected(id, t.editorToken);
    const sam = await connected(id, t.salesToken);
    mara.provider.awareness.setLocalStateField('user', { name: 'Sam Sales', side: 'sales', color: '#000000' });
    await vi.waitFor(() => expect(userOf(sam, mara.doc.clientID)).toMatchObject({ name: 'Mara Marketing', side: 'marketing' }));
    mara.provider.awareness.setLocalStateField('section', 'goals');
    await vi.waitFor(() => expect(sam.provider.awareness.getStates().get(mara.doc.clientID)?.['section']).toBe('goals'));
    expect(userOf(sam, mara.doc.clientID)).toMatchObject({ name: 'Mara Marketing', side: 'marketing' });
  });
});

describe('writing as someone else', () => {
  it('[§6] a socket writing under another member\'s client id is closed with 4403 and nothing of it is applied', async () => {
    const id = await createPersona(t);
    const sam = await connected(id, t.salesToken);
    appendParagraph(sam.doc, 'summary', 'Sam was here.');
    await serverHas(id, (doc) => sectionText(doc, 'summary').includes('Sam was here.'));

    // Once synced (Yjs would pick a new id on seeing its own from someone else), Mara's doc takes
    // Sam's client id and writes, continuing his clock.
    const mara = await connected(id, t.editorToken);
    const own = mara.doc.clientID;
    mara.doc.clientID = sam.doc.clientID;
    appendParagraph(mara.doc, 'summary', 'Forged as Sam.');
    await vi.waitFor(() => expect(mara.closes[0]?.code).toBe(CloseCodes.ForeignClient.code));
    mara.provider.shouldConnect = false;
    mara.doc.clientID = own; // her awareness is kept under her own id

    // Something sent after the forgery reaches Sam: had the forgery been applied, it would have too.
    const witness = await connected(id, t.operatorToken);
    appendParagraph(witness.doc, 'goals', 'After the forgery.');
    await vi.waitFor(() => expect(sectionText(sam.doc, 'goals')).toContain('After the forgery.'));
    expect(sectionText(sam.doc, 'summary')).not.toContain('Forged as Sam.');
    pool.destroyAll();

    t = await t.restart();
    const reader = await connected(id, t.operatorToken);
    expect(sectionText(reader.doc, 'summary')).toContain('Sam was here.');
    expect(sectionText(reader.doc, 'goals')).toContain('After the forgery.');
    expect(sectionText(reader.doc, 'summary')).not.toContain('Forged as Sam.');
  });

  it('[§6] an update mixing the writer\'s own client id with another member\'s is refused whole', async () => {
    const id = await createPersona(t);
    const sam = await connected(id, t.salesToken);
    appendParagraph(sam.doc, 'summary', 'Sam was here.');
    const witness = await connected(id, t.operatorToken);
    await vi.waitFor(() => expect(sectionText(witness.doc, 'summary')).toContain('Sam was here.'));

    const own = new Y.Doc();
    appendParagraph(own, 'goals', 'Mara\'s own part.');
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(witness.doc));
    const before = Y.encodeStateVector(forged);
    forged.clientID = sam.doc.clientID;
    appendParagraph(forged, 'summary', 'Forged as Sam.');
    const update = Y.mergeUpdates([Y.encodeStateAsUpdate(own), Y.encodeStateAsUpdate(forged, before)]);

    const socket = openRawSocket(collabUrl(t, id, t.editorToken));
    await socket.firstMessage;
    const frame = encoding.createEncoder();
    encoding.writeVarUint(frame, MessageType.sync);
    syncProtocol.writeUpdate(frame, update);
    socket.ws.send(encoding.toUint8Array(frame));
    expect((await socket.closed).code).toBe(CloseCodes.ForeignClient.code);

    appendParagraph(sam.doc, 'channels', 'After the forgery.');
    await vi.waitFor(() => expect(sectionText(witness.doc, 'channels')).toContain('After the forgery.'));
    expect(sectionText(witness.doc, 'goals')).not.toContain('Mara\'s own part.');
    expect(sectionText(witness.doc, 'summary')).not.toContain('Forged as Sam.');
  });

  it('[§6] writing into the server\'s authors records is closed with 4403', async () => {
    const id = await createPersona(t);
    const mara = await connected(id, t.editorToken);
    getAuthorsMap(mara.doc).set('123456', t.people.sales.member.id);
    await vi.waitFor(() => expect(mara.closes[0]?.code).toBe(CloseCodes.ForeignClient.code));
    mara.provider.disconnect();
    const witness = await connected(id, t.operatorToken);
    expect(getAuthorsMap(witness.doc).get('123456')).toBeUndefined();
  });

  it('[§6] deleting from the server\'s authors records is closed with 4403', async () => {
    const id = await createPersona(t);
    const sam = await connected(id, t.salesToken);
    appendParagraph(sam.doc, 'summary', 'Sam was here.');
    await serverHas(id, (doc) => getAuthorsMap(doc).has(String(sam.doc.clientID)));

    const mara = await connected(id, t.editorToken);
    await vi.waitFor(() => expect(getAuthorsMap(mara.doc).has(String(sam.doc.clientID))).toBe(true));
    getAuthorsMap(mara.doc).delete(String(sam.doc.clientID));
    await vi.waitFor(() => expect(mara.closes[0]?.code).toBe(CloseCodes.ForeignClient.code));
    mara.provider.disconnect();
    const witness = await connected(id, t.operatorToken);
    expect(getAuthorsMap(witness.doc).get(String(sam.doc.clientID))).toBe(t.people.sales.member.id);
  });
});
