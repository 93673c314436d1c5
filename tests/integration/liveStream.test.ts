// The live stream (issue 17, GET /api/me/stream): member auth like every call, closed within a
// second of a revocation, notices only to those who may read the persona, bounded per member and
// per slow reader.
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Member } from '../../shared/api.ts';
import type { InboxItem } from '../../shared/feedback/api.ts';
import { addEvidence } from '../../shared/persona/evidence.ts';
import { signOffSection } from '../../shared/persona/signoff.ts';
import { toMember } from '../../server/auth/members.ts';
import type { FeedbackEvent } from '../../server/feedback/bus.ts';
import { createClientPool } from '../helpers/clients.ts';
import { apiCalls, createPersona, expectApiError } from '../helpers/http.ts';
import { createStreamPool, noticesOf, type OpenStream } from '../helpers/liveStream.ts';
import { removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';

const MAX_BUFFERED_BYTES = 64 * 1024;
let t: TestServer;
let personaId: string;
const streams = createStreamPool();
const pool = createClientPool();
const { api, postJson } = apiCalls(() => t);

beforeAll(async () => {
  t = await startTestServer({}, undefined, { streams: { keepAliveMs: 200, maxPerMember: 3, maxBufferedBytes: MAX_BUFFERED_BYTES } });
  personaId = await createPersona(t);
});
afterEach(() => {
  streams.stopAll();
  pool.destroyAll();
});
afterAll(async () => {
  await t.close();
  removeDataDir(t.dataDir);
});

const admin = (path: string, method: string, body?: unknown) =>
  api(path, { method, token: t.adminToken, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });

async function newMember(name: string, role: Member['role'] = 'editor'): Promise<{ member: Member; token: string }> {
  const { member, token } = await t.server.invite({ name, team: role === 'viewer' ? 'other' : 'sales', role });
  return { member: toMember(member), token };
}

/** A stream the server let in (its first comment arrived). */
async function opened(token: string): Promise<OpenStream> {
  const stream = await streams.open(t, token);
  expect(stream.status).toBe(200);
  await vi.waitFor(() => expect(stream.text()).toContain(': connected'));
  return stream;
}

const event = (type: FeedbackEvent['type'], actorId: string | null, detail: Record<string, unknown> = {}, id = personaId): FeedbackEvent => ({
  type,
  personaId: id,
  at: new Date().toISOString(),
  actorId,
  detail,
});

/** Runs `change`; resolves with how long the stream took to end after it. */
async function endsAfter(stream: OpenStream, change: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  expect((await change()).status).toBeLessThan(300);
  await vi.waitFor(() => expect(stream.isEnded()).toBe(true), { timeout: 1_000, interval: 10 });
  return performance.now() - started;
}

describe('who may open a stream', () => {
  it('refuses no token, a forged one and a token in the address (401), and the Operator (403)', async () => {
    await expectApiError((await streams.open(t, null)).asResponse(), 401, 'unauthorized');
    await expectApiError((await streams.open(t, `${t.salesToken}x`)).asResponse(), 401, 'unauthorized');
    await expectApiError((await streams.open(t, null, `/api/me/stream?token=${t.salesToken}`)).asResponse(), 401, 'unauthorized');
    await expectApiError((await streams.open(t, t.operatorToken)).asResponse(), 403, 'forbidden');
  });

  it('opens an event stream for a member, viewers included', async () => {
    const stream = await opened(t.salesToken);
    expect(stream.contentType).toBe('text/event-stream; charset=utf-8');
    await opened(t.viewerToken);
  });

  it('keeps a quiet stream open with comment lines', async () => {
    const stream = await opened(t.salesToken);
    await vi.waitFor(() => expect(stream.text()).toContain(': keep-alive'));
    expect(stream.messages).toEqual([]);
  });

  it('refuses one stream more than the cap per member (503, Retry-After) until one closes', async () => {
    const { token } = await newMember('Tabby Tabs');
    const first = await opened(token);
    await opened(token);
    await opened(token);
    const refused = await streams.open(t, token);
    expect(refused.retryAfter).toBe('30');
    await expectApiError(refused.asResponse(), 503, 'unavailable');
    // Others are not counted against this member.
    await opened(t.salesToken);
    first.stop();
    await vi.waitFor(async () => expect((await streams.open(t, token)).status).toBe(200));
  });
});

describe('revocation ends the stream within a second', () => {
  it('when the member is removed, and their token is then refused', async () => {
    const { member, token } = await newMember('Rita Removed');
    const stream = await opened(token);
    expect(await endsAfter(stream, () => admin(`/api/members/${member.id}`, 'DELETE'))).toBeLessThan(1_000);
    await expectApiError((await streams.open(t, token)).asResponse(), 401, 'unauthorized');
  });

  it('when the member is deactivated', async () => {
    const { member, token } = await newMember('Dora Deactivated');
    const stream = await opened(token);
    expect(await endsAfter(stream, () => admin(`/api/members/${member.id}`, 'PATCH', { active: false }))).toBeLessThan(1_000);
  });

  it('when the token is revoked, and only that token', async () => {
    const { member, token } = await newMember('Toby Token');
    const other = await postJson(`/api/members/${member.id}/tokens`, {}, t.adminToken);
    const { token: secondToken, id: secondId } = (await other.json()) as { token: string; id: string };
    const kept = await opened(token);
    const revoked = await opened(secondToken);
    expect(await endsAfter(revoked, () => admin(`/api/members/${member.id}/tokens/${secondId}`, 'DELETE'))).toBeLessThan(1_000);
    expect(kept.isEnded()).toBe(false);
  });
});

describe('what reaches whom', () => {
  it('tells a notice to every member who may read the persona, not the one who did it, and viewers only of publishing', async () => {
    const [mara, sam, vera] = await Promise.all([opened(t.editorToken), opened(t.salesToken), opened(t.viewerToken)]);
    const bus = t.server.feedback();
    bus.emit(event('evidence-added', t.people.sales.member.id, { id: 'ev1', side: 'sales', kind: 'anecdote', section: 'pains', text: 'a secret excerpt' }));
    bus.emit(event('published', t.people.admin.member.id, { version: 2 }));
    await vi.waitFor(() => {
      for (const stream of [mara, sam, vera]) expect(noticesOf(stream).some((n) => n.kind === 'published')).toBe(true);
    });
    expect(noticesOf(mara)).toEqual([
      {
        kind: 'evidence-added',
        at: expect.any(String),
        personaId,
        actor: { id: t.people.sales.member.id, name: 'Sam Sales', team: 'sales' },
        place: { personaId, section: 'pains', evidenceId: 'ev1' },
        detail: { section: 'pains', side: 'sales', evidenceKind: 'anecdote' },
      },
      expect.objectContaining({ kind: 'published', place: { personaId, version: 2 }, actor: expect.objectContaining({ name: 'Admin' }) }),
    ]);
    // Sam added the evidence: not told of it. Vera reads the library: told only of the new version.
    expect(noticesOf(sam).map((n) => n.kind)).toEqual(['published']);
    expect(noticesOf(vera).map((n) => n.kind)).toEqual(['published']);
  });

  it('tells nothing of a persona in the trash, nor of events that are not notices', async () => {
    const trashed = await createPersona(t);
    expect((await admin(`/api/personas/${trashed}`, 'DELETE')).status).toBe(200);
    const mara = await opened(t.editorToken);
    const bus = t.server.feedback();
    bus.emit(event('published', t.people.sales.member.id, { version: 1 }, trashed));
    bus.emit(event('resolved', t.people.sales.member.id, { thread: 't1', section: 'pains' }));
    bus.emit(event('signed-off', t.people.sales.member.id, { key: 'pains:sales', section: 'pains', side: 'sales' }));
    await vi.waitFor(() => expect(noticesOf(mara)).toHaveLength(1));
    expect(noticesOf(mara)[0]).toMatchObject({ kind: 'signed-off', personaId, place: { personaId, section: 'pains' }, detail: { section: 'pains', side: 'sales' } });
  });

  it('takes a downgrade in: an editor made a viewer hears only of publishing', async () => {
    const { member, token } = await newMember('Dan Downgraded');
    const stream = await opened(token);
    expect((await admin(`/api/members/${member.id}`, 'PATCH', { role: 'viewer', team: 'other' })).status).toBe(200);
    const bus = t.server.feedback();
    // The recheck after the change is asynchronous: wait until a draft notice no longer arrives.
    await vi.waitFor(async () => {
      const before = noticesOf(stream).length;
      bus.emit(event('thread-started', t.people.sales.member.id, { thread: 'x', section: 'goals' }));
      bus.emit(event('published', t.people.sales.member.id, { version: 3 }));
      await vi.waitFor(() => expect(noticesOf(stream).at(-1)?.kind).toBe('published'));
      expect(noticesOf(stream).slice(before).map((n) => n.kind)).toEqual(['published']);
    });
  });

  it('carries inbox items and unread counts to their member only', async () => {
    const [mara, sam] = await Promise.all([opened(t.editorToken), opened(t.salesToken)]);
    const item: InboxItem = {
      id: 'i1',
      kind: 'mention',
      at: new Date().toISOString(),
      actor: { id: t.people.marketing.member.id, name: 'Mara Marketing', team: 'marketing' },
      personaName: 'Ana',
      place: { personaId, section: 'pains', threadId: 't1' },
      detail: { excerpt: 'for Sam only' },
      readAt: null,
    };
    const bus = t.server.feedback();
    bus.delivered([{ memberId: t.people.sales.member.id, item, unread: 4, mail: null }]);
    bus.unreadChanged(t.people.sales.member.id, 0);
    bus.unreadChanged(t.people.marketing.member.id, 7);
    await vi.waitFor(() => expect(sam.messages).toEqual([{ type: 'inbox', item, unread: 4 }, { type: 'unread', unread: 0 }]));
    await vi.waitFor(() => expect(mara.messages).toEqual([{ type: 'unread', unread: 7 }]));
  });

  it('tells of real actions: a publish through the API and a sign-off through the workshop socket', async () => {
    const id = await createPersona(t);
    const mara = await opened(t.editorToken);
    const sam = await opened(t.salesToken);
    const samClient = pool.connect(t, id, t.salesToken);
    await samClient.synced();
    signOffSection(samClient.doc, 'objections', { by: 'Sam Sales', side: 'sales' });
    addEvidence(samClient.doc, [{ kind: 'anecdote', text: 'Heard at the fair', source: 'Fair', section: 'pains' }], { author: 'Sam Sales', side: 'sales' });
    expect((await postJson(`/api/personas/${id}/publish`, { note: '' }, t.salesToken)).status).toBe(201);
    await vi.waitFor(() => expect(noticesOf(mara).filter((n) => n.personaId === id).map((n) => n.kind)).toEqual(['signed-off', 'evidence-added', 'published']));
    expect(noticesOf(mara).find((n) => n.kind === 'published')).toMatchObject({ actor: { name: 'Sam Sales' }, place: { personaId: id, version: 1 } });
    expect(noticesOf(sam)).toEqual([]);
  });
});

describe('a slow reader', () => {
  it('is cut off rather than buffered for, and the others keep hearing', async () => {
    const { member, token } = await newMember('Sol Slow');
    // A raw connection that sends the request and then reads nothing.
    const { port } = new URL(t.url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.write(`GET /api/me/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n\r\n`);
    socket.pause();
    let received = 0;
    let closed = false;
    socket.on('data', (chunk: Buffer) => (received += chunk.length));
    socket.on('close', () => (closed = true));
    socket.on('error', () => undefined);
    const fast = await opened(t.editorToken);
    const bus = t.server.feedback();
    const excerpt = 'x'.repeat(16 * 1024);
    const big: InboxItem = {
      id: 'big',
      kind: 'reply',
      at: new Date().toISOString(),
      actor: null,
      personaName: 'Ana',
      place: { personaId },
      detail: { excerpt },
      readAt: null,
    };
    // Far more than the socket buffers hold: 32 MB sent to a reader that takes none of it.
    const rounds = 2_000;
    await vi.waitFor(() => expect(socket.bytesWritten).toBeGreaterThan(0));
    for (let i = 0; i < rounds; i += 1) bus.delivered([{ memberId: member.id, item: big, unread: i, mail: null }]);
    bus.unreadChanged(t.people.marketing.member.id, 1);
    await vi.waitFor(() => expect(fast.messages).toEqual([{ type: 'unread', unread: 1 }]));
    socket.resume();
    await vi.waitFor(() => expect(closed).toBe(true), { timeout: 5_000 });
    expect(received).toBeLessThan(rounds * excerpt.length);
  });
});
