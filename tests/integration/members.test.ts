// The members HTTP API (SPEC §6), tried by an admin and by those who are not.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createMemberResponseSchema,
  createTokenResponseSchema,
  memberListResponseSchema,
  memberResponseSchema,
  meResponseSchema,
  publishedPersonaSchema,
  tokenListResponseSchema,
  type Member,
} from '../../shared/api.ts';
import { addEvidence, readEvidence } from '../../shared/persona/evidence.ts';
import { createClientPool } from '../helpers/clients.ts';
import { createPersona, expectApiError } from '../helpers/http.ts';
import { removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
  removeDataDir(t.dataDir);
});

function call(path: string, token: string | null, method = 'GET', body?: unknown): Promise<Response> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${t.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

/** Invites someone as the admin and returns them with the token from their link. */
async function invite(body: Record<string, unknown>): Promise<{ member: Member; token: string }> {
  const response = await call('/api/members', t.adminToken, 'POST', body);
  expect(response.status).toBe(201);
  const { member, link } = createMemberResponseSchema.parse(await response.json());
  const token = new URL(link).searchParams.get('token');
  expect(token).toBeTruthy();
  return { member, token: token ?? '' };
}

describe('who may do what', () => {
  it('[§6] GET /api/me answers any member with their own record, and 401 without a token', async () => {
    const me = meResponseSchema.parse(await (await call('/api/me', t.viewerToken)).json());
    expect(me.member).toMatchObject({ name: 'Vera Viewer', role: 'viewer', team: 'other' });
    await expectApiError(await call('/api/me', null), 401, 'unauthorized');
    const malformed = await fetch(`${t.url}/api/me`, { headers: { cookie: 'tandem_session=%E0%A4%A' } });
    await expectApiError(malformed, 401, 'unauthorized');
  });

  it('[§6] the directory needs an editor: a viewer gets 403, an editor the members', async () => {
    await expectApiError(await call('/api/members', t.viewerToken), 403, 'forbidden');
    const list = memberListResponseSchema.parse(await (await call('/api/members', t.editorToken)).json());
    expect(list.members.map((m) => m.name)).toEqual(expect.arrayContaining(['Admin', 'Mara Marketing', 'Sam Sales', 'Vera Viewer']));
  });

  it('[§6] everything else needs an admin: an editor cannot invite, change, remove or list tokens (403)', async () => {
    const sam = t.people.sales.member.id;
    const mara = t.people.marketing.member.id;
    await expectApiError(await call('/api/members', t.editorToken, 'POST', { name: 'Mallory', team: 'sales', role: 'admin' }), 403, 'forbidden');
    await expectApiError(await call(`/api/members/${sam}`, t.editorToken, 'PATCH', { role: 'viewer' }), 403, 'forbidden');
    await expectApiError(await call(`/api/members/${sam}`, t.editorToken, 'DELETE'), 403, 'forbidden');
    await expectApiError(await call(`/api/members/${sam}/tokens`, t.editorToken), 403, 'forbidden');
    // The attacker's first idea: promote themself.
    await expectApiError(await call(`/api/members/${mara}`, t.editorToken, 'PATCH', { role: 'admin' }), 403, 'forbidden');
    await expectApiError(await call(`/api/members/${mara}`, t.operatorToken, 'PATCH', { role: 'admin' }), 403, 'forbidden');
    const me = meResponseSchema.parse(await (await call('/api/me', t.editorToken)).json());
    expect(me.member?.role).toBe('editor');
  });

  it('[§6] a member may make a token for themself but not for another; an admin for anyone', async () => {
    const mara = t.people.marketing.member.id;
    const own = await call(`/api/members/${mara}/tokens`, t.editorToken, 'POST', { days: 1 });
    expect(own.status).toBe(201);
    const { token, expiresAt } = createTokenResponseSchema.parse(await own.json());
    expect(expiresAt).not.toBeNull();
    expect(meResponseSchema.parse(await (await call('/api/me', token)).json()).member?.id).toBe(mara);
    await expectApiError(await call(`/api/members/${t.people.sales.member.id}/tokens`, t.editorToken, 'POST', {}), 403, 'forbidden');
    await expectApiError(await call(`/api/members/${t.people.sales.member.id}/tokens`, t.operatorToken, 'POST', {}), 403, 'forbidden');
    expect((await call(`/api/members/${t.people.sales.member.id}/tokens`, t.adminToken, 'POST', {})).status).toBe(201);
  });

  it('[§6] a link a member makes for themself ends no later than the one they use', async () => {
    const mara = t.people.marketing.member.id;
    const short = createTokenResponseSchema.parse(await (await call(`/api/members/${mara}/tokens`, t.adminToken, 'POST', { days: 1 })).json());
    const shortEnd = Date.parse(short.expiresAt ?? '');
    for (const body of [{ days: 365 }, {}]) {
      const minted = await call(`/api/members/${mara}/tokens`, short.token, 'POST', body);
      expect(minted.status).toBe(201);
      const { expiresAt } = createTokenResponseSchema.parse(await minted.json());
      expect(expiresAt).not.toBeNull();
      expect(Date.parse(expiresAt ?? '')).toBeLessThanOrEqual(shortEnd);
    }
    // Through a link that does not expire, the member chooses freely.
    const shorter = await call(`/api/members/${mara}/tokens`, t.editorToken, 'POST', { days: 2 });
    expect(Date.parse(createTokenResponseSchema.parse(await shorter.json()).expiresAt ?? '')).toBeGreaterThan(shortEnd);
  });
});

describe('bad input', () => {
  it('[§6] refuses an editor on team other, a bad email, unknown keys and bad values with 400', async () => {
    for (const body of [
      { name: 'Otto', team: 'other', role: 'editor' },
      { name: 'Otto', team: 'sales', role: 'editor', email: 'not-an-email' },
      { name: 'Otto', team: 'sales', role: 'editor', isAdmin: true },
      { name: '   ', team: 'sales', role: 'editor' },
      { name: 'Otto', team: 'finance', role: 'editor' },
      { name: 'Otto', team: 'sales', role: 'owner' },
    ]) {
      await expectApiError(await call('/api/members', t.adminToken, 'POST', body), 400, 'bad_request');
    }
    const sam = t.people.sales.member.id;
    await expectApiError(await call(`/api/members/${sam}`, t.adminToken, 'PATCH', { team: 'other' }), 400, 'bad_request');
    await expectApiError(await call(`/api/members/${sam}`, t.adminToken, 'PATCH', { role: 'admin', id: 'x' }), 400, 'bad_request');
    const list = memberListResponseSchema.parse(await (await call('/api/members', t.adminToken)).json());
    expect(list.members.some((m) => m.name === 'Otto')).toBe(false);
  });

  it('[§6] an unknown member is 404', async () => {
    await expectApiError(await call('/api/members/nobody-here', t.adminToken, 'PATCH', { name: 'X' }), 404, 'not_found');
    await expectApiError(await call('/api/members/nobody-here', t.adminToken, 'DELETE'), 404, 'not_found');
    await expectApiError(await call('/api/members/nobody-here/tokens', t.adminToken), 404, 'not_found');
    await expectApiError(await call('/api/members/nobody-here/tokens', t.adminToken, 'POST', {}), 404, 'not_found');
  });

  it('[§6] an email belongs to one member', async () => {
    const { member } = await invite({ name: 'Ema Unique', team: 'sales', role: 'editor', email: 'ema@example.com' });
    expect(member.email).toBe('ema@example.com');
    await expectApiError(
      await call('/api/members', t.adminToken, 'POST', { name: 'Ema Twin', team: 'marketing', role: 'editor', email: 'EMA@example.com' }),
      400,
      'bad_request',
    );
    await expectApiError(await call(`/api/members/${t.people.sales.member.id}`, t.adminToken, 'PATCH', { email: 'ema@example.com' }), 400, 'bad_request');
  });

  it('[§6] an admin may neither demote, deactivate nor remove themself', async () => {
    const self = t.people.admin.member.id;
    await expectApiError(await call(`/api/members/${self}`, t.adminToken, 'PATCH', { role: 'editor', team: 'sales' }), 400, 'bad_request');
    await expectApiError(await call(`/api/members/${self}`, t.adminToken, 'PATCH', { active: false }), 400, 'bad_request');
    await expectApiError(await call(`/api/members/${self}`, t.adminToken, 'DELETE'), 400, 'bad_request');
    expect(meResponseSchema.parse(await (await call('/api/me', t.adminToken)).json()).member).toMatchObject({ role: 'admin', active: true });
  });
});

describe('an admin at work', () => {
  it('[§6] invites, changes and lists a member\'s tokens with when they were made and last used', async () => {
    const { member, token } = await invite({ name: 'Lia Lister', team: 'marketing', role: 'viewer' });
    expect(member).toMatchObject({ name: 'Lia Lister', team: 'marketing', role: 'viewer', active: true, email: null });
    expect((await call('/api/me', token)).status).toBe(200);
    const changed = await call(`/api/members/${member.id}`, t.adminToken, 'PATCH', { role: 'editor', name: 'Lia Editor' });
    expect(memberResponseSchema.parse(await changed.json()).member).toMatchObject({ name: 'Lia Editor', role: 'editor', team: 'marketing' });

    const listed = tokenListResponseSchema.parse(await (await call(`/api/members/${member.id}/tokens`, t.adminToken)).json());
    expect(listed.tokens).toHaveLength(1);
    const [first] = listed.tokens;
    expect(first?.createdAt).toBeTruthy();
    expect(first?.lastUsedAt).not.toBeNull(); // used by GET /api/me above
    expect(first?.revokedAt).toBeNull();

    await expectApiError(await call(`/api/members/${member.id}/tokens/${t.people.sales.member.id}`, t.adminToken, 'DELETE'), 404, 'not_found');
    expect((await call(`/api/members/${member.id}/tokens/${first?.id ?? ''}`, t.adminToken, 'DELETE')).status).toBe(204);
    expect((await call('/api/me', token)).status).toBe(401);
    const after = tokenListResponseSchema.parse(await (await call(`/api/members/${member.id}/tokens`, t.adminToken)).json());
    expect(after.tokens[0]?.revokedAt).not.toBeNull();
  });

  it('[§6] an admin cannot revoke one member\'s token through another member', async () => {
    const { member: victim, token } = await invite({ name: 'Vic Victim', team: 'sales', role: 'editor' });
    const [victimToken] = tokenListResponseSchema.parse(await (await call(`/api/members/${victim.id}/tokens`, t.adminToken)).json()).tokens;
    const mara = t.people.marketing.member.id;
    await expectApiError(await call(`/api/members/${mara}/tokens/${victimToken?.id ?? ''}`, t.adminToken, 'DELETE'), 404, 'not_found');
    expect((await call('/api/me', token)).status).toBe(200);
  });

  it('[§6] removing a member answers 204, ends their tokens, and what they wrote keeps their name', async () => {
    const { member, token } = await invite({ name: 'Rex Removed', team: 'sales', role: 'editor' });
    const id = await createPersona(t);
    const pool = createClientPool();
    try {
      const rex = pool.connect(t, id, token);
      await rex.synced();
      addEvidence(rex.doc, [{ kind: 'deal', text: 'Closed the pilot.', source: 'CRM', section: '' }], { author: 'Rex', side: 'sales' });
      const witness = pool.connect(t, id, t.operatorToken);
      await vi.waitFor(() => expect(readEvidence(witness.doc).items).toHaveLength(1));
    } finally {
      pool.destroyAll();
    }
    expect((await call(`/api/members/${member.id}`, t.adminToken, 'DELETE')).status).toBe(204);
    expect((await call('/api/me', token)).status).toBe(401);
    await expectApiError(await call(`/api/members/${member.id}`, t.adminToken, 'DELETE'), 404, 'not_found');

    const list = memberListResponseSchema.parse(await (await call('/api/members', t.editorToken)).json());
    expect(list.members.some((m) => m.id === member.id)).toBe(false);
    expect(list.former).toContainEqual({ id: member.id, name: 'Rex Removed', team: 'sales' });

    expect((await call(`/api/personas/${id}/publish`, t.editorToken, 'POST', {})).status).toBe(201);
    const persona = publishedPersonaSchema.parse(await (await call(`/api/library/${id}`, t.viewerToken)).json());
    expect(persona.evidence[0]).toMatchObject({ author: 'Rex Removed', side: 'sales', authorId: member.id, verified: true });
  });
});
