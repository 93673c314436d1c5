// The inbox on a real SQLite store (issue 17): settings say what is kept and mailed, bursts gather,
// a repeated event is kept once, and every delivery reaches the bus with the unread count.
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../../../shared/feedback/api.ts';
import { FeedbackBus, type FeedbackEvent, type InboxDelivery } from '../../../../server/feedback/bus.ts';
import { FeedbackInbox, mailModeOf } from '../../../../server/feedback/inbox.ts';
import { openSqliteStorage } from '../../../../server/storage/sqliteStorage.ts';
import type { MemberRecord, Storage } from '../../../../server/storage/storage.ts';
import { makeDataDir, quietLogger, removeDataDir } from '../../../helpers/server.ts';

const AT = '2026-11-24T10:00:00.000Z';
let dir: string;
let storage: Storage;
let bus: FeedbackBus;
let inbox: FeedbackInbox;
let deliveries: InboxDelivery[];
let mail = false;

beforeEach(async () => {
  dir = makeDataDir();
  storage = await openSqliteStorage({ file: join(dir, 'tandem.sqlite') });
  await storage.createPersona({ id: 'p1', name: 'Olivia', role: '', segment: '', evidence: { marketing: 0, sales: 0 }, updatedAt: AT }, Y.encodeStateAsUpdate(new Y.Doc()));
  for (const [id, team, email] of [['ana', 'marketing', null], ['luis', 'sales', 'luis@example.com'], ['sol', 'sales', null]] as const) {
    await storage.people.addMember({ id, name: id.toUpperCase(), team, role: 'editor', email, createdAt: AT });
  }
  bus = new FeedbackBus(quietLogger());
  inbox = new FeedbackInbox({ bus, storage, logger: quietLogger(), mailAvailable: () => mail });
  deliveries = [];
  bus.onInbox((batch) => deliveries.push(...batch));
});
afterEach(async () => {
  await inbox.close();
  await storage.close();
  removeDataDir(dir);
  mail = false;
});

const emit = async (type: FeedbackEvent['type'], detail: Record<string, unknown>, at = AT, actorId: string | null = 'ana') => {
  bus.emit({ type, personaId: 'p1', at, actorId, detail });
  await inbox.settled();
};

describe('the inbox', () => {
  it('delivers to each concerned member with the place, the actor’s current name and the unread count', async () => {
    await emit('thread-started', { thread: 't1', section: 'goals', excerpt: 'Mira @[m:luis]', mentions: [{ kind: 'member', id: 'luis' }] });
    expect(deliveries).toHaveLength(1);
    const [first] = deliveries;
    expect(first).toMatchObject({ memberId: 'luis', unread: 1, mail: null });
    expect(first?.item).toMatchObject({ kind: 'mention', actor: { id: 'ana', name: 'ANA', team: 'marketing' }, personaName: 'Olivia', place: { personaId: 'p1', section: 'goals', threadId: 't1' }, detail: { excerpt: 'Mira @[m:luis]' }, readAt: null });
    expect(await storage.inbox.unread('luis')).toBe(1);
  });

  it('keeps only the kinds a member wants, and mails only with mail available, an email and the kind chosen', async () => {
    await storage.inbox.saveSettings('sol', { ...DEFAULT_NOTIFICATION_SETTINGS, inbox: { ...DEFAULT_NOTIFICATION_SETTINGS.inbox, 'signoff-requested': false } });
    mail = true;
    await emit('signoff-requested', { section: 'goals', team: 'sales' });
    expect(deliveries.map((d) => [d.memberId, d.mail])).toEqual([['luis', 'immediate']]);
    const member = { email: 'x@example.com' } as MemberRecord;
    expect(mailModeOf({ ...DEFAULT_NOTIFICATION_SETTINGS, email: 'daily' }, 'mention', member)).toBe('daily');
    expect(mailModeOf(DEFAULT_NOTIFICATION_SETTINGS, 'evidence-added', member)).toBeNull();
    expect(mailModeOf({ ...DEFAULT_NOTIFICATION_SETTINGS, email: 'off' }, 'mention', member)).toBeNull();
    expect(mailModeOf(DEFAULT_NOTIFICATION_SETTINGS, 'mention', { email: null } as MemberRecord)).toBeNull();
  });

  it('gathers three evidence items of one person in a section into one item with a count', async () => {
    await storage.activity.record({ personaId: 'p1', at: AT, memberId: 'luis', type: 'edited', detail: { section: 'goals' } });
    for (const [n, minute] of [[1, 0], [2, 2], [3, 4]] as const) {
      await emit('evidence-added', { id: `e${n}`, side: 'marketing', kind: 'quote', text: `cita ${n}`, section: 'pains' }, `2026-11-24T10:0${minute}:00.000Z`);
    }
    const items = await storage.inbox.list('luis');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'evidence-added', place: { section: 'pains', evidenceId: 'e3' }, detail: { excerpt: 'cita 3', count: 3, evidenceKind: 'quote' } });
    expect(deliveries.map((d) => d.unread)).toEqual([1, 1, 1]);
    expect(await storage.inbox.list('sol')).toEqual([]);
  });

  it('keeps an event told twice (its dedupe key) once', async () => {
    const detail = { targetId: 't', metric: 'won', period: '2026-Q4', value: 3, actual: 4, signers: ['luis', 'ana'], dedupeKey: 'k' };
    await emit('target-met', detail, AT, null);
    await emit('target-met', detail, AT, null);
    expect(deliveries.map((d) => d.memberId).sort()).toEqual(['ana', 'luis']);
    expect((await storage.inbox.list('ana'))[0]).toMatchObject({ actorId: null, detail: { metric: 'won', actual: 4 } });
  });
});
