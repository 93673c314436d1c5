import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAccess, roleOf, signOperatorToken, type Access } from '../../../server/auth/access.ts';
import { openSqliteStorage } from '../../../server/storage/sqliteStorage.ts';
import type { NewMember, Storage } from '../../../server/storage/storage.ts';

const SECRET = new TextEncoder().encode('a'.repeat(40));
const OTHER_SECRET = new TextEncoder().encode('b'.repeat(40));
const DAY_MS = 86_400_000;

const stores: Storage[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

const mara: NewMember = { id: 'mara', name: 'Mara', team: 'marketing', role: 'editor', email: null, createdAt: '2026-11-24T10:00:00.000Z' };

/** An Access over a fresh store holding Mara, on a clock the test moves. */
async function setup(): Promise<{ access: Access; storage: Storage; clock: { now: number } }> {
  const storage = await openSqliteStorage({ file: ':memory:' });
  stores.push(storage);
  await storage.people.addMember(mara);
  const clock = { now: Date.now() };
  return { access: createAccess(SECRET, storage.people, () => clock.now), storage, clock };
}

/** A JWT signed with the right secret carrying whatever claims a forger chose. */
const signed = (claims: Record<string, unknown>, secret = SECRET) => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(secret);

describe('access: member tokens', () => {
  it("[§6] a member's token names the member, their role read from the store at every use", async () => {
    const { access, storage } = await setup();
    const { token, record } = await access.issueMemberToken('mara');
    const principal = await access.authenticate(token);
    expect(principal).toMatchObject({ kind: 'member', member: { id: 'mara', name: 'Mara', role: 'editor' }, tokenId: record.id, expiresAt: null });
    await storage.people.updateMember('mara', { role: 'viewer', name: 'Mara R.' });
    const later = await access.authenticate(token);
    expect(later?.kind === 'member' && later.member.name).toBe('Mara R.');
    expect(later && roleOf(later)).toBe('viewer');
  });

  it('[§6] a revoked token is refused at once; the member\'s other tokens still work', async () => {
    const { access, storage } = await setup();
    const revoked = await access.issueMemberToken('mara');
    const kept = await access.issueMemberToken('mara');
    const principal = await access.authenticate(revoked.token);
    expect(principal).not.toBeNull();
    expect(await storage.people.revokeToken('mara', revoked.record.id, new Date().toISOString())).toBe(true);
    expect(await access.authenticate(revoked.token)).toBeNull();
    expect(principal && (await access.stillValid(principal))).toBeNull();
    expect(await access.authenticate(kept.token)).toMatchObject({ kind: 'member', tokenId: kept.record.id });
  });

  it('[§6] a removed or deactivated member\'s token is refused', async () => {
    const { access, storage } = await setup();
    const { token } = await access.issueMemberToken('mara');
    await storage.people.updateMember('mara', { active: false });
    expect(await access.authenticate(token)).toBeNull();
    await storage.people.updateMember('mara', { active: true });
    expect(await access.authenticate(token)).not.toBeNull();

    const fresh = await access.issueMemberToken('mara');
    await storage.people.removeMember('mara', new Date().toISOString());
    expect(await access.authenticate(token)).toBeNull();
    expect(await access.authenticate(fresh.token)).toBeNull();
  });

  it('[§6] an expired token is refused, whether its record or its JWT says so', async () => {
    const { access, clock } = await setup();
    const { token, record } = await access.issueMemberToken('mara', { days: 1 });
    expect(await access.authenticate(token)).toMatchObject({ kind: 'member', expiresAt: Date.parse(record.expiresAt ?? '') });
    clock.now += 2 * DAY_MS;
    expect(await access.authenticate(token)).toBeNull();

    clock.now = Date.now() - 2 * DAY_MS;
    const expiredJwt = await access.issueMemberToken('mara', { days: 1 });
    clock.now = Date.now();
    expect(await access.authenticate(expiredJwt.token)).toBeNull();
  });

  it('[§3] a token with a sub but no known jti (or another member\'s) is refused', async () => {
    const { access, storage } = await setup();
    await storage.people.addMember({ ...mara, id: 'sam', name: 'Sam', team: 'sales' });
    const samsToken = await access.issueMemberToken('sam');
    expect(await access.authenticate(await signed({ sub: 'mara', jti: 'no-such-token' }))).toBeNull();
    expect(await access.authenticate(await signed({ sub: 'mara' }))).toBeNull();
    expect(await access.authenticate(await signed({ sub: 'mara', jti: samsToken.record.id }))).toBeNull();
    expect(await access.authenticate(await signed({ sub: 'nobody', jti: samsToken.record.id }))).toBeNull();
  });
});

describe('access: operator tokens', () => {
  it('[§3] a token without sub acts as the Operator of its role, until its exp', async () => {
    const { access } = await setup();
    expect(await access.authenticate(await signOperatorToken(SECRET, 'viewer'))).toEqual({ kind: 'operator', role: 'viewer', expiresAt: null });
    const issuedAt = Date.now();
    const expiring = await access.authenticate(await signOperatorToken(SECRET, 'editor', { expiresInSeconds: 3600 }));
    expect(expiring && roleOf(expiring)).toBe('editor');
    // exp is in whole seconds, rounded down from the signing time.
    expect(expiring?.expiresAt).toBeGreaterThan(issuedAt + 3_598_000);
    expect(expiring?.expiresAt).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect(await access.authenticate(await signOperatorToken(SECRET, 'editor', { expiresInSeconds: -1 }))).toBeNull();
    expect(await access.authenticate(await access.issueOperatorToken('editor'))).toMatchObject({ kind: 'operator', role: 'editor' });
  });

  it('[§3] a token accepted once is refused once its exp has passed: a remembered signature does not outlive it', async () => {
    const { access } = await setup();
    const token = await signOperatorToken(SECRET, 'editor', { expiresInSeconds: 60 });
    expect(await access.authenticate(token)).toMatchObject({ kind: 'operator', role: 'editor' });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 61_000);
      expect(await access.authenticate(token)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('[§3] operators are editors or viewers only: a role "admin" (or none, or another) is refused', async () => {
    const { access } = await setup();
    expect(await access.authenticate(await signed({ role: 'admin' }))).toBeNull();
    expect(await access.authenticate(await signed({ role: 'owner' }))).toBeNull();
    expect(await access.authenticate(await signed({}))).toBeNull();
  });
});

describe('access: forged and malformed tokens', () => {
  it('[S1] refuses another secret, a tampered signature and what is no JWT', async () => {
    const { access } = await setup();
    const { token } = await access.issueMemberToken('mara');
    expect(await access.authenticate(token)).not.toBeNull();
    expect(await access.authenticate(`${token.slice(0, -2)}xx`)).toBeNull();
    expect(await access.authenticate(await signOperatorToken(OTHER_SECRET, 'editor'))).toBeNull();
    const forgedMember = await signed({ sub: 'mara', jti: (await access.issueMemberToken('mara')).record.id }, OTHER_SECRET);
    expect(await access.authenticate(forgedMember)).toBeNull();
    for (const bad of ['', 'not.a.jwt', null, undefined]) expect(await access.authenticate(bad)).toBeNull();
  });
});
