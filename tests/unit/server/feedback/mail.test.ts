import { describe, expect, it } from 'vitest';
import type { InboxItem } from '../../../../shared/feedback/api.ts';
import { composeMail, nextDigestAt } from '../../../../server/feedback/mail.ts';

const item: InboxItem = {
  id: 'i1',
  kind: 'signoff-requested',
  at: '2026-12-02T10:00:00.000Z',
  actor: { id: 'm1', name: 'Ana', team: 'marketing' },
  personaName: 'Olivia',
  place: { personaId: 'p1', section: 'goals' },
  detail: {},
  readAt: null,
};

describe('mail', () => {
  it('sends the digest at the next digest hour (UTC): later today, or tomorrow once it has passed', () => {
    expect(new Date(nextDigestAt(Date.parse('2026-12-02T06:30:00Z'), 8)).toISOString()).toBe('2026-12-02T08:00:00.000Z');
    expect(new Date(nextDigestAt(Date.parse('2026-12-02T08:00:00Z'), 8)).toISOString()).toBe('2026-12-03T08:00:00.000Z');
    expect(new Date(nextDigestAt(Date.parse('2026-12-31T23:59:00Z'), 0)).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('writes in the company’s language, with the link to the exact place', () => {
    const mail = composeMail({ locale: 'es', member: { name: 'Luis' }, items: [item], digest: false, baseUrl: 'https://t.example.com/', nameOf: () => null });
    expect(mail.subject).toBe('Ana pide a tu equipo que apruebe Objetivos de Olivia');
    expect(mail.text).toContain('Hola, Luis:');
    expect(mail.text).toContain('Abrir: https://t.example.com/p/p1?section=goals');
  });

  it('keeps a subject on one line whatever a name holds', () => {
    const mail = composeMail({
      locale: 'en',
      member: { name: 'Luis' },
      items: [{ ...item, actor: { id: 'm1', name: 'Ana\r\nBcc: everyone@example.com', team: 'marketing' } }],
      digest: false,
      baseUrl: 'https://t.example.com',
      nameOf: () => null,
    });
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });
});
