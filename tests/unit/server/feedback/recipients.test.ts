// Who an event concerns (issue 17): server ids only, members who have an inbox, one kind each.
import { describe, expect, it } from 'vitest';
import type { FeedbackEvent } from '../../../../server/feedback/bus.ts';
import { recipientsOf } from '../../../../server/feedback/recipients.ts';
import type { MemberRecord } from '../../../../server/storage/storage.ts';

const member = (id: string, team: MemberRecord['team'], overrides: Partial<MemberRecord> = {}): MemberRecord => ({
  id,
  name: id,
  team,
  role: 'editor',
  email: null,
  active: true,
  createdAt: '2026-11-24T10:00:00.000Z',
  removedAt: null,
  ...overrides,
});

const MEMBERS = [
  member('ana', 'marketing'),
  member('mia', 'marketing'),
  member('luis', 'sales'),
  member('sol', 'sales', { role: 'admin' }),
  member('vera', 'sales', { role: 'viewer' }),
  member('gone', 'sales', { removedAt: '2026-11-20T10:00:00.000Z' }),
  member('off', 'marketing', { active: false }),
  member('ops', 'other'),
];

const event = (type: FeedbackEvent['type'], detail: Record<string, unknown>, actorId: string | null = 'ana'): FeedbackEvent => ({
  type,
  personaId: 'p1',
  at: '2026-11-24T10:00:00.000Z',
  actorId,
  detail,
});
const who = (e: FeedbackEvent, workers: string[] = []) => recipientsOf(e, MEMBERS, new Set(workers)).map((c) => `${c.memberId}:${c.kind}`).sort();

describe('recipients of feedback events', () => {
  it('a mention reaches the member, or the team’s editors, never the actor, a viewer, a removed, inactive or unknown id', () => {
    const mentions = [{ kind: 'member', id: 'luis' }, { kind: 'member', id: 'vera' }, { kind: 'member', id: 'gone' }, { kind: 'member', id: 'nobody' }, { kind: 'member', id: 'ana' }];
    expect(who(event('thread-started', { mentions }))).toEqual(['luis:mention']);
    expect(who(event('evidence-added', { side: 'marketing', mentions: [{ kind: 'team', team: 'marketing' }] }))).toEqual(['mia:mention']);
    expect(who(event('replied', { mentions: [{ kind: 'team', team: 'sales' }] }))).toEqual(['luis:mention', 'sol:mention']);
  });

  it('ignores mentions in a shape the server does not make', () => {
    expect(who(event('thread-started', { mentions: 'luis' }))).toEqual([]);
    expect(who(event('thread-started', { mentions: [{ kind: 'team', team: 'other' }, { kind: 'member' }, null, 'luis'] }))).toEqual([]);
  });

  it('a reply reaches the thread’s author and earlier repliers; a mention outranks it', () => {
    const reply = event('replied', { threadAuthor: 'luis', participants: ['mia', 'ana', 'vera'], mentions: [{ kind: 'member', id: 'mia' }] });
    expect(who(reply)).toEqual(['luis:reply', 'mia:mention']);
  });

  it('a sign-off request reaches the asked team’s editors and admins', () => {
    expect(who(event('signoff-requested', { section: 'goals', team: 'sales' }))).toEqual(['luis:signoff-requested', 'sol:signoff-requested']);
    expect(who(event('signoff-requested', { section: 'goals', team: 'other' }))).toEqual([]);
  });

  it('evidence reaches the other team’s members who work on the persona', () => {
    expect(who(event('evidence-added', { side: 'marketing' }), ['mia', 'luis', 'vera', 'ops'])).toEqual(['luis:evidence-added']);
    expect(who(event('evidence-added', { side: 'sales' }, 'luis'), ['mia', 'ana', 'sol'])).toEqual(['ana:evidence-added', 'mia:evidence-added']);
  });

  it('a stale sign-off reaches its signers; a met target its signers; a publish who works on it', () => {
    expect(who(event('signoff-stale', { signers: ['luis', 'ana'] }))).toEqual(['luis:signoff-stale']);
    expect(who(event('target-met', { signers: ['luis', 'ana'] }, null))).toEqual(['ana:target-met', 'luis:target-met']);
    expect(who(event('published', { version: 2 }), ['ana', 'sol', 'vera'])).toEqual(['sol:published']);
  });

  it('what concerns nobody in an inbox delivers nothing', () => {
    for (const type of ['signed-off', 'sign-off-withdrawn', 'resolved', 'restored'] as const) expect(who(event(type, { section: 'goals' }), ['mia'])).toEqual([]);
  });
});
