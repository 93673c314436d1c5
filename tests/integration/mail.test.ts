// Mail to members (issue 17), against a real SMTP server the test starts. The inbox's deliveries are
// put on the bus by hand here (the inbox is another piece of work), as the inbox will put them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InboxItem } from '../../shared/feedback/api.ts';
import type { MailConfig } from '../../server/config.ts';
import type { InboxDelivery } from '../../server/feedback/bus.ts';
import { removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtpServer.ts';

const PUBLIC_URL = 'https://tandem.example.com';

const mailConfig = (smtpUrl: string, overrides: Partial<MailConfig> = {}): MailConfig => ({
  smtpUrl,
  from: 'Tandem <tandem@example.com>',
  digestHour: 8,
  locale: 'en',
  burstMs: 300,
  retryBaseMs: 100,
  maxAttempts: 4,
  ...overrides,
});

let smtp: TestSmtpServer;
let t: TestServer;
const servers: TestServer[] = [];

async function start(mail: Partial<MailConfig> | null = {}): Promise<TestServer> {
  const started = await startTestServer({ PUBLIC_URL }, undefined, { overrides: { mail: mail === null ? null : mailConfig(smtp.url, mail) } });
  servers.push(started);
  return started;
}

beforeEach(async () => {
  smtp = await startSmtpServer();
});

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  await smtp.close();
  if (t) removeDataDir(t.dataDir);
});

/** A member with an email, invited as an admin would. */
async function memberWithEmail(name: string, email: string) {
  const { member } = await t.server.invite({ name, team: 'sales', role: 'editor', email });
  return member;
}

const item = (id: string, overrides: Partial<InboxItem> = {}): InboxItem => ({
  id,
  kind: 'mention',
  at: new Date().toISOString(),
  actor: { id: t.people.marketing.member.id, name: 'Mara <Marketing>', team: 'marketing' },
  personaName: 'Olivia & Co',
  place: { personaId: 'p-olivia', section: 'pains', threadId: 't1' },
  detail: { excerpt: `Ask @[m:${t.people.sales.member.id}] about <script>alert(1)</script>` },
  readAt: null,
  ...overrides,
});

const deliver = (memberId: string, items: InboxItem[], mail: InboxDelivery['mail'] = 'immediate') =>
  t.server.feedback().delivered(items.map((i, n) => ({ memberId, item: i, unread: n + 1, mail })));

const mailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));

describe('mail (SMTP_URL set)', () => {
  it('turns an inbox delivery into one mail with the exact place, in plain text and escaped HTML', async () => {
    t = await start();
    expect(t.server.mailer().available).toBe(true);
    const ana = await memberWithEmail('Ana Ruiz', 'ana@example.com');
    deliver(ana.id, [item('i1')]);
    await vi.waitFor(() => expect(mailsTo('ana@example.com')).toHaveLength(1), { timeout: 10_000 });
    const [{ parsed } = { parsed: null }] = mailsTo('ana@example.com');
    const link = `${PUBLIC_URL}/p/p-olivia?section=pains&thread=t1`;
    expect(parsed?.subject).toBe('Mara <Marketing> mentioned you on Olivia & Co (Pains & challenges)');
    expect(parsed?.from?.text).toContain('tandem@example.com');
    expect(parsed?.text).toContain('Hello Ana Ruiz,');
    expect(parsed?.text).toContain(link);
    // The mention token reads as the member's current name.
    expect(parsed?.text).toContain('Ask @Sam Sales about <script>');
    const html = typeof parsed?.html === 'string' ? parsed.html : '';
    expect(html).toContain(`href="${link.replace(/&/g, '&#38;')}"`);
    expect(html).toContain('&#60;script&#62;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Mara &#60;Marketing&#62;');
  });

  it('gathers a member’s burst into one mail, and mails nobody without an email', async () => {
    t = await start();
    const ana = await memberWithEmail('Ana Ruiz', 'ana@example.com');
    deliver(ana.id, [item('i1')]);
    deliver(ana.id, [item('i2', { kind: 'published', place: { personaId: 'p-olivia', version: 2 }, detail: {} })]);
    deliver(t.people.sales.member.id, [item('i3')]);
    await vi.waitFor(() => expect(mailsTo('ana@example.com')).toHaveLength(1), { timeout: 10_000 });
    await t.server.mailer().flush();
    const [{ parsed } = { parsed: null }] = mailsTo('ana@example.com');
    expect(parsed?.subject).toBe('2 updates in Tandem');
    expect(parsed?.text).toContain(`${PUBLIC_URL}/library/p-olivia?version=2`);
    expect(parsed?.text).toContain('Mara <Marketing> published version 2 of Olivia & Co');
    expect(smtp.received).toHaveLength(1);
  });

  it('mails nobody who was deactivated or removed since the item was queued', async () => {
    t = await start({ burstMs: 1_000 });
    const ana = await memberWithEmail('Ana Ruiz', 'ana@example.com');
    const luis = await memberWithEmail('Luis Gil', 'luis@example.com');
    const eva = await memberWithEmail('Eva Paz', 'eva@example.com');
    const admin = { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json' };
    // The API loads on its first request, which may take longer than the burst.
    expect((await fetch(`${t.url}/api/me`, { headers: admin })).status).toBe(200);
    deliver(ana.id, [item('i1')]);
    deliver(luis.id, [item('i2')]);
    deliver(eva.id, [item('i3')]);
    await t.server.mailer().flush();
    expect((await fetch(`${t.url}/api/members/${ana.id}`, { method: 'PATCH', headers: admin, body: JSON.stringify({ active: false }) })).status).toBe(200);
    expect((await fetch(`${t.url}/api/members/${luis.id}`, { method: 'DELETE', headers: { authorization: admin.authorization } })).status).toBe(204);
    await vi.waitFor(() => expect(mailsTo('eva@example.com')).toHaveLength(1), { timeout: 10_000 });
    await t.server.mailer().flush();
    expect(smtp.received.map((m) => m.to)).toEqual([['eva@example.com']]);
  });

  it('keeps daily items for the digest, sent once with all of them when it is due', async () => {
    t = await start();
    const ana = await memberWithEmail('Ana Ruiz', 'ana@example.com');
    const luis = await memberWithEmail('Luis Gil', 'luis@example.com');
    deliver(ana.id, [item('d1'), item('d2', { kind: 'evidence-added', detail: { count: 3 } })], 'daily');
    deliver(luis.id, [item('d3', { kind: 'reply' })], 'daily');
    await t.server.mailer().flush();
    expect(smtp.received).toHaveLength(0);
    await t.server.mailer().sendDigestNow();
    await vi.waitFor(() => expect(smtp.received).toHaveLength(2), { timeout: 10_000 });
    const [{ parsed } = { parsed: null }] = mailsTo('ana@example.com');
    expect(parsed?.subject).toBe('Your Tandem digest: 2 updates');
    expect(parsed?.text).toContain('Mara <Marketing> added 3 evidence items to Olivia & Co (Pains & challenges)');
    expect(mailsTo('luis@example.com')[0]?.parsed.subject).toBe('Your Tandem digest: 1 update');
    // Sent is sent: another digest now has nothing to say.
    await t.server.mailer().sendDigestNow();
    expect(smtp.received).toHaveLength(2);
  });

  it('keeps the digest across a restart', async () => {
    t = await start();
    const ana = await memberWithEmail('Ana Ruiz', 'ana@example.com');
    deliver(ana.id, [item('d1')], 'daily');
    await t.server.mailer().flush();
    t = await t.restart();
    servers.push(t);
    await t.server.mailer().sendDigestNow();
    await vi.waitFor(() => expect(mailsTo('ana@example.com')).toHaveLength(1), { timeout: 10_000 });
  });

  it('tries again with backoff when the mail server refuses, then sends once', async () => {
    t = await start({ retryBaseMs: 100 });
    const ana = await memberWithEmail('Ana Ruiz', 'ana@example.com');
    smtp.refuseNext(2);
    deliver(ana.id, [item('i1')]);
    await vi.waitFor(() => expect(mailsTo('ana@example.com')).toHaveLength(1), { timeout: 10_000 });
    expect(smtp.refused()).toBe(2);
    await t.server.mailer().flush();
    expect(smtp.received).toHaveLength(1);
  });

  it('gives a mail up after the bounded number of attempts', async () => {
    t = await start({ retryBaseMs: 20, maxAttempts: 2 });
    const ana = await memberWithEmail('Ana Ruiz', 'ana@example.com');
    smtp.refuseNext(5);
    deliver(ana.id, [item('i1')]);
    await vi.waitFor(() => expect(smtp.refused()).toBe(2), { timeout: 10_000 });
    await vi.waitFor(async () => expect(await storageNextDue()).toBeNull(), { timeout: 10_000 });
    expect(smtp.refused()).toBe(2);
  });
});

/** When the mail queue next has something due (the test server's own file, read through its storage). */
async function storageNextDue(): Promise<string | null> {
  const { openSqliteStorage } = await import('../../server/storage/sqliteStorage.ts');
  const storage = await openSqliteStorage({ file: `${t.dataDir}/tandem.sqlite`, readOnly: true });
  try {
    return await storage.mailQueue.nextDueAt();
  } finally {
    await storage.close();
  }
}

describe('mail (no SMTP_URL)', () => {
  it('sends nothing and queues nothing, and says mail is not available', async () => {
    t = await start(null);
    expect(t.config.mail).toBeNull();
    expect(t.server.mailer().available).toBe(false);
    const ana = await memberWithEmail('Ana Ruiz', 'ana@example.com');
    deliver(ana.id, [item('i1')]);
    deliver(ana.id, [item('d1')], 'daily');
    await t.server.mailer().sendDigestNow();
    await t.server.mailer().flush();
    expect(await storageNextDue()).toBeNull();
    expect(smtp.received).toHaveLength(0);
  });
});
