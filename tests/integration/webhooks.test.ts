// Outgoing webhooks (issue 17): the admin API, and deliveries to a receiver the test starts. Feedback
// events are put on the bus as their producers (the recorder, the publish route) will put them.
import { createHmac } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createWebhookResponseSchema,
  webhookDeliveriesResponseSchema,
  webhookListResponseSchema,
  webhookTestResponseSchema,
} from '../../shared/feedback/webhooks.ts';
import { DEFAULT_WEBHOOK_CONFIG, type WebhookConfig } from '../../server/config.ts';
import type { FeedbackEvent } from '../../server/feedback/bus.ts';
import { apiCalls, createPersona, expectApiError } from '../helpers/http.ts';
import { removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhookReceiver.ts';

const PUBLIC_URL = 'https://tandem.example.com';
let t: TestServer;
let receiver: WebhookReceiver;
const { api, postJson } = apiCalls(() => t);

async function start(webhooks: Partial<WebhookConfig> = {}): Promise<void> {
  receiver = await startWebhookReceiver();
  t = await startTestServer({ PUBLIC_URL }, undefined, { overrides: { webhooks: { ...DEFAULT_WEBHOOK_CONFIG, retryBaseMs: 100, ...webhooks } } });
}

afterEach(async () => {
  await t.close();
  await receiver.close();
  removeDataDir(t.dataDir);
});

async function addHook(body: Record<string, unknown>) {
  const response = await postJson('/api/webhooks', body, t.adminToken);
  expect(response.status).toBe(201);
  return createWebhookResponseSchema.parse(await response.json());
}

async function deliveries(hookId: string) {
  const response = await api(`/api/webhooks/${hookId}/deliveries`, { token: t.adminToken });
  expect(response.status).toBe(200);
  return webhookDeliveriesResponseSchema.parse(await response.json()).deliveries;
}

const event = (overrides: Partial<FeedbackEvent> & Pick<FeedbackEvent, 'type' | 'personaId'>): FeedbackEvent => ({
  at: new Date().toISOString(),
  actorId: t.people.marketing.member.id,
  detail: {},
  ...overrides,
});

const sign = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('webhooks', () => {
  it('POSTs a publish as JSON, signed with the secret shown once, with a link to the version', async () => {
    await start();
    const { webhook, secret } = await addHook({ url: receiver.url, events: ['published', 'mention'] });
    expect(webhook).toMatchObject({ url: receiver.url, events: ['published', 'mention'], format: 'json', lastDelivery: null });
    expect(secret.length).toBeGreaterThanOrEqual(32);
    // Never shown again.
    const listed = await api('/api/webhooks', { token: t.adminToken });
    const text = await listed.text();
    expect(text).not.toContain(secret);
    expect(webhookListResponseSchema.parse(JSON.parse(text)).webhooks).toHaveLength(1);

    // A real publish: its route records the activity, which the bus carries to the hooks.
    const personaId = await createPersona(t, { name: 'Olivia' });
    expect((await postJson(`/api/personas/${personaId}/publish`, {})).status).toBe(201);

    await vi.waitFor(() => expect(receiver.received).toHaveLength(1), { timeout: 10_000 });
    const [got] = receiver.received;
    expect(got?.headers['x-tandem-signature']).toBe(sign(secret, got?.body ?? ''));
    expect(got?.headers['x-tandem-event']).toBe('published');
    expect(got?.headers['content-type']).toBe('application/json');
    const payload = JSON.parse(got?.body ?? '{}') as Record<string, unknown>;
    expect(payload).toMatchObject({
      event: 'published',
      persona: { id: personaId, name: 'Olivia' },
      actor: { id: t.people.marketing.member.id, name: 'Mara Marketing', team: 'marketing' },
      link: `${PUBLIC_URL}/library/${personaId}?version=1`,
      text: 'Mara Marketing published version 1 of Olivia',
      detail: { version: 1 },
    });
    await vi.waitFor(async () => expect(await deliveries(webhook.id)).toMatchObject([{ id: got?.headers['x-tandem-delivery'], event: 'published', status: 'delivered', attempts: 1, statusCode: 200 }]));
  });

  it('sends only the events a hook chose, and one mention per mentioned member or team', async () => {
    await start();
    const { webhook, secret } = await addHook({ url: receiver.url, events: ['mention'] });
    const sam = t.people.sales.member;
    t.server.feedback().emit(event({ type: 'published', personaId: 'p1', detail: { version: 3 } }));
    t.server.feedback().emit(
      event({
        type: 'thread-started',
        personaId: 'p1',
        detail: { threadId: 't9', section: 'objections', excerpt: `@[m:${sam.id}] and @[team:marketing]: price?`, mentions: [{ kind: 'member', id: sam.id }, { kind: 'team', team: 'marketing' }] },
      }),
    );
    await vi.waitFor(() => expect(receiver.received).toHaveLength(2), { timeout: 10_000 });
    await t.server.webhooks().flush();
    expect(receiver.received).toHaveLength(2);
    const payloads = receiver.received.map((r) => {
      expect(r.headers['x-tandem-signature']).toBe(sign(secret, r.body));
      expect(r.headers['x-tandem-event']).toBe('mention');
      return JSON.parse(r.body) as { detail: Record<string, unknown>; link: string; text: string };
    });
    expect(payloads.map((p) => p.detail['mentioned'])).toEqual([{ kind: 'member', id: sam.id, name: 'Sam Sales' }, { kind: 'team', team: 'marketing' }]);
    expect(payloads[0]).toMatchObject({ link: `${PUBLIC_URL}/p/p1?section=objections&thread=t9`, text: 'Mara Marketing mentioned Sam Sales on a persona (Objections)' });
    expect(payloads[0]?.detail['excerpt']).toBe('@Sam Sales and @Marketing: price?');
    expect(await deliveries(webhook.id)).toHaveLength(2);
  });

  it('tries a failing receiver again with backoff until it recovers, the log showing each failure', async () => {
    await start({ retryBaseMs: 150 });
    const { webhook, secret } = await addHook({ url: receiver.url, events: ['evidence-added'] });
    receiver.answerWith([500, 503]);
    t.server.feedback().emit(event({ type: 'evidence-added', personaId: 'p1', detail: { id: 'e1', side: 'marketing', kind: 'metric', text: '42% churn', section: 'pains' } }));
    await vi.waitFor(async () => expect(await deliveries(webhook.id)).toMatchObject([{ status: 'pending', attempts: 1, statusCode: 500, lastError: 'HTTP 500' }]), { timeout: 10_000 });
    await vi.waitFor(() => expect(receiver.received.map((r) => r.status)).toEqual([500, 503, 200]), { timeout: 10_000 });
    const [log] = await deliveries(webhook.id);
    expect(log).toMatchObject({ status: 'delivered', attempts: 3, statusCode: 200, lastError: null, nextAt: null });
    // Each attempt is the same delivery: the same id, body and signature.
    expect(new Set(receiver.received.map((r) => r.headers['x-tandem-delivery']))).toEqual(new Set([log?.id]));
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect(receiver.received[0]?.headers['x-tandem-signature']).toBe(sign(secret, receiver.received[0]?.body ?? ''));
    // Backoff: the second retry waited longer than the first.
    expect(Date.parse(log?.lastAttemptAt ?? '') - Date.parse(log?.createdAt ?? '')).toBeGreaterThanOrEqual(150 + 600);
  });

  it('gives up after the bounded attempts, and shows why', async () => {
    await start({ retryBaseMs: 10, maxAttempts: 3 });
    const { webhook } = await addHook({ url: receiver.url, events: ['signed-off'] });
    receiver.answerWith([500, 500, 500, 500]);
    t.server.feedback().emit(event({ type: 'signed-off', personaId: 'p1', detail: { key: 'goals:sales', section: 'goals', side: 'sales' } }));
    await vi.waitFor(async () => expect(await deliveries(webhook.id)).toMatchObject([{ status: 'failed', attempts: 3, statusCode: 500, lastError: 'HTTP 500' }]), { timeout: 10_000 });
    expect(receiver.received).toHaveLength(3);
    const list = webhookListResponseSchema.parse(await (await api('/api/webhooks', { token: t.adminToken })).json());
    expect(list.webhooks[0]?.lastDelivery).toMatchObject({ status: 'failed' });
  });

  it('waits for an answer only so long, and says so in the log', async () => {
    await start({ timeoutMs: 300, maxAttempts: 1 });
    // Takes the connection and never answers.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { webhook } = await addHook({ url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/hook`, events: ['published'] });
      t.server.feedback().emit(event({ type: 'published', personaId: 'p1', detail: { version: 1 } }));
      await vi.waitFor(async () => expect(await deliveries(webhook.id)).toMatchObject([{ status: 'failed', attempts: 1, statusCode: null, lastError: 'no answer within 0.3 s' }]), { timeout: 10_000 });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('resumes a pending delivery after a restart', async () => {
    await start({ retryBaseMs: 2_000 });
    const { webhook } = await addHook({ url: receiver.url, events: ['target-met'] });
    receiver.answerWith([500]);
    t.server.feedback().emit(event({ type: 'target-met', personaId: 'p1', actorId: null, detail: { targetId: 'x', metric: 'winRate', period: '2026-Q4', value: 30, actual: 35 } }));
    await vi.waitFor(async () => expect(await deliveries(webhook.id)).toMatchObject([{ status: 'pending', attempts: 1 }]), { timeout: 10_000 });
    t = await t.restart();
    await vi.waitFor(() => expect(receiver.received.map((r) => r.status)).toEqual([500, 200]), { timeout: 10_000 });
    expect(await deliveries(webhook.id)).toMatchObject([{ status: 'delivered', attempts: 2 }]);
  });

  it('formats for Slack and Teams incoming webhooks, with the link', async () => {
    await start();
    const slack = await addHook({ url: `${receiver.url}?to=slack`, events: ['published'], format: 'slack' });
    await addHook({ url: `${receiver.url}?to=teams`, events: ['published'], format: 'teams' });
    t.server.feedback().emit(event({ type: 'published', personaId: 'p1', detail: { version: 2 } }));
    await vi.waitFor(() => expect(receiver.received).toHaveLength(2), { timeout: 10_000 });
    const bodies = receiver.received.map((r) => JSON.parse(r.body) as Record<string, unknown>);
    const link = `${PUBLIC_URL}/library/p1?version=2`;
    expect(bodies).toContainEqual({ text: `Mara Marketing published version 2 of a persona <${link}|Open>` });
    expect(bodies).toContainEqual(
      expect.objectContaining({ '@type': 'MessageCard', text: 'Mara Marketing published version 2 of a persona', potentialAction: [expect.objectContaining({ targets: [{ os: 'default', uri: link }] })] }),
    );
    // A test send goes to one hook at once and answers with its delivery.
    const tested = await postJson(`/api/webhooks/${slack.webhook.id}/test`, {}, t.adminToken);
    expect(tested.status).toBe(200);
    expect(webhookTestResponseSchema.parse(await tested.json()).delivery).toMatchObject({ event: 'test', status: 'delivered', statusCode: 200 });
    expect(JSON.parse(receiver.received.at(-1)?.body ?? '{}')).toEqual({ text: `A test from Tandem: this webhook works. <${PUBLIC_URL}|Open>` });
  });

  it('edits and removes hooks; unknown ones are 404', async () => {
    await start();
    const { webhook } = await addHook({ url: receiver.url, events: ['published'] });
    const patch = (id: string, body: unknown) => api(`/api/webhooks/${id}`, { method: 'PATCH', token: t.adminToken, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const changed = await patch(webhook.id, { events: ['mention', 'published'], format: 'teams' });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ webhook: { events: ['published', 'mention'], format: 'teams', url: receiver.url } });
    await expectApiError(await patch(webhook.id, {}), 400, 'bad_request');
    await expectApiError(await patch(webhook.id, { url: 'ftp://x.example' }), 400, 'bad_request');
    await expectApiError(await patch('nope', { format: 'json' }), 404, 'not_found');
    expect((await api(`/api/webhooks/${webhook.id}`, { method: 'DELETE', token: t.adminToken })).status).toBe(204);
    await expectApiError(await api(`/api/webhooks/${webhook.id}`, { method: 'DELETE', token: t.adminToken }), 404, 'not_found');
    await expectApiError(await api(`/api/webhooks/${webhook.id}/deliveries`, { token: t.adminToken }), 404, 'not_found');
    await expectApiError(await postJson(`/api/webhooks/${webhook.id}/test`, {}, t.adminToken), 404, 'not_found');
  });

  it('refuses bad hooks, creating nothing', async () => {
    await start();
    const bad: unknown[] = [
      { url: 'ftp://hooks.example.com/x', events: ['published'] },
      { url: 'javascript:alert(1)', events: ['published'] },
      { url: 'file:///etc/passwd', events: ['published'] },
      { url: 'https://user:secret@hooks.example.com/x', events: ['published'] },
      { url: `https://hooks.example.com/${'a'.repeat(2_000)}`, events: ['published'] },
      { url: 'not a url', events: ['published'] },
      { url: receiver.url, events: [] },
      { url: receiver.url, events: ['edited'] },
      { url: receiver.url, events: ['published'], format: 'xml' },
      { url: receiver.url, events: ['published'], secret: 'mine' },
      { events: ['published'] },
      'null',
      '[]',
    ];
    for (const body of bad) await expectApiError(await postJson('/api/webhooks', body, t.adminToken), 400, 'bad_request');
    const list = webhookListResponseSchema.parse(await (await api('/api/webhooks', { token: t.adminToken })).json());
    expect(list.webhooks).toEqual([]);
  });

  it('is for admins only: editors, viewers and operators get 403, no token 401', async () => {
    await start();
    const { webhook } = await addHook({ url: receiver.url, events: ['published'] });
    const calls: [string, string][] = [
      ['GET', '/api/webhooks'],
      ['POST', '/api/webhooks'],
      ['PATCH', `/api/webhooks/${webhook.id}`],
      ['DELETE', `/api/webhooks/${webhook.id}`],
      ['GET', `/api/webhooks/${webhook.id}/deliveries`],
      ['POST', `/api/webhooks/${webhook.id}/test`],
    ];
    const body = JSON.stringify({ url: 'https://evil.example.com', events: ['published'] });
    for (const [method, path] of calls) {
      const init = (token: string | null) => ({ method, token, ...(method === 'GET' || method === 'DELETE' ? {} : { headers: { 'content-type': 'application/json' }, body }) });
      for (const token of [t.editorToken, t.salesToken, t.viewerToken, t.operatorToken]) await expectApiError(await api(path, init(token)), 403, 'forbidden');
      await expectApiError(await api(path, init(null)), 401, 'unauthorized');
    }
    const list = webhookListResponseSchema.parse(await (await api('/api/webhooks', { token: t.adminToken })).json());
    expect(list.webhooks).toMatchObject([{ id: webhook.id, url: receiver.url, format: 'json' }]);
    expect(receiver.received).toHaveLength(0);
  });
});
