/*
 * The members' and their tokens' rules (SPEC §6), run against every storage backend:
 * PPL1  addMember then getMember gives the member, active and not removed; an unknown id is null; a taken id adds nothing
 * PPL2  listMembers lists everyone by name, removed members too (removedAt set); countMembers counts them too
 * PPL3  an email belongs to one member not removed, compared case-insensitively: a second add is refused and writes
 *       nothing, an update to it throws a StoreError; findMemberByEmail finds it in any case; once removed, it is free
 * PPL4  updateMember changes only the fields given and answers the member as stored; null for an unknown or removed one
 * PPL5  removeMember marks the member removed and inactive and revokes every token of theirs, once
 * PPL6  tokens read back as added, unused and not revoked; listTokens lists one member's tokens, newest first, revoked ones too
 * PPL7  revokeToken revokes one token of that member's, once; another member's token or a revoked one answers false
 * PPL8  touchToken keeps the latest use: an earlier time never overwrites a later one
 * PPL9  members and tokens survive close and reopen
 * PPL10 once closed, every call rejects with a StoreError
 */
import { describe, expect, it } from 'vitest';
import type { NewMember, TokenRecord } from '../../../../server/storage/storage.ts';
import { StoreError } from '../../../../server/storage/storage.ts';
import { AT, useStorage, type StorageHarness } from './fixtures.ts';

const member = (id: string, overrides: Partial<NewMember> = {}): NewMember => ({
  id,
  name: id,
  team: 'marketing',
  role: 'editor',
  email: null,
  createdAt: AT,
  ...overrides,
});

const token = (id: string, memberId: string, createdAt = AT): Omit<TokenRecord, 'lastUsedAt' | 'revokedAt'> => ({
  id,
  memberId,
  kind: 'link',
  createdAt,
  expiresAt: null,
});

const LATER = '2026-11-25T10:00:00.000Z';
const LATEST = '2026-11-26T10:00:00.000Z';

export function describePeopleContract(backend: string, makeHarness: () => StorageHarness): void {
  describe(`People contract: ${backend}`, () => {
    const { open, reopen } = useStorage(makeHarness);

    it('[PPL1] adds a member and reads it back, active and not removed; an unknown id is null; a taken id adds nothing', async () => {
      const { people } = await open();
      const mara = member('mara', { name: 'Mara', email: 'mara@example.com' });
      expect(await people.addMember(mara)).toBe(true);
      expect(await people.getMember('mara')).toEqual({ ...mara, active: true, removedAt: null });
      expect(await people.getMember('nobody')).toBeNull();
      expect(await people.addMember(member('mara', { name: 'Impostor', team: 'sales' }))).toBe(false);
      expect(await people.getMember('mara')).toMatchObject({ name: 'Mara', team: 'marketing' });
      expect(await people.countMembers()).toBe(1);
    });

    it('[PPL2] lists every member by name, removed ones too, and counts them', async () => {
      const { people } = await open();
      expect(await people.listMembers()).toEqual([]);
      expect(await people.countMembers()).toBe(0);
      await people.addMember(member('s', { name: 'sam' }));
      await people.addMember(member('a', { name: 'Ana' }));
      await people.addMember(member('z', { name: 'Zoe' }));
      await people.removeMember('z', LATER);
      const listed = await people.listMembers();
      expect(listed.map((m) => [m.name, m.removedAt])).toEqual([
        ['Ana', null],
        ['sam', null],
        ['Zoe', LATER],
      ]);
      expect(await people.countMembers()).toBe(3);
    });

    it('[PPL3] keeps an email to one member not removed, whatever its case; a removed member frees it', async () => {
      const { people } = await open();
      await people.addMember(member('mara', { email: 'mara@example.com' }));
      expect(await people.addMember(member('copy', { email: 'MARA@Example.com' }))).toBe(false);
      expect(await people.getMember('copy')).toBeNull();
      expect(await people.findMemberByEmail('Mara@EXAMPLE.com')).toMatchObject({ id: 'mara' });
      expect(await people.findMemberByEmail('nobody@example.com')).toBeNull();

      await people.addMember(member('sam', { email: 'sam@example.com' }));
      await expect(people.updateMember('sam', { email: 'mara@example.com' })).rejects.toBeInstanceOf(StoreError);
      expect(await people.getMember('sam')).toMatchObject({ email: 'sam@example.com' });

      await people.removeMember('mara', LATER);
      expect(await people.findMemberByEmail('mara@example.com')).toBeNull();
      expect(await people.addMember(member('again', { email: 'mara@example.com' }))).toBe(true);
      expect(await people.findMemberByEmail('mara@example.com')).toMatchObject({ id: 'again' });
    });

    it('[PPL4] updates only the fields given; an unknown or removed member is null', async () => {
      const { people } = await open();
      await people.addMember(member('mara', { name: 'Mara', email: 'mara@example.com' }));
      expect(await people.updateMember('mara', { role: 'viewer' })).toEqual({
        ...member('mara', { name: 'Mara', email: 'mara@example.com', role: 'viewer' }),
        active: true,
        removedAt: null,
      });
      expect(await people.updateMember('mara', { name: 'Mara R.', team: 'sales', active: false, email: null })).toMatchObject({
        name: 'Mara R.',
        team: 'sales',
        role: 'viewer',
        email: null,
        active: false,
      });
      expect(await people.getMember('mara')).toMatchObject({ name: 'Mara R.', active: false });
      expect(await people.updateMember('mara', { active: true })).toMatchObject({ active: true });
      expect(await people.updateMember('nobody', { name: 'x' })).toBeNull();
      await people.removeMember('mara', LATER);
      expect(await people.updateMember('mara', { name: 'Back', active: true })).toBeNull();
      expect(await people.getMember('mara')).toMatchObject({ name: 'Mara R.', active: false, removedAt: LATER });
    });

    it('[PPL5] removes a member once, inactive from then on, and revokes every token of theirs', async () => {
      const { people } = await open();
      await people.addMember(member('mara'));
      await people.addMember(member('sam'));
      await people.addToken(token('t1', 'mara'));
      await people.addToken(token('t2', 'mara', LATER));
      await people.addToken(token('s1', 'sam'));
      await people.revokeToken('mara', 't1', AT);
      expect(await people.removeMember('mara', LATER)).toBe(true);
      expect(await people.getMember('mara')).toMatchObject({ active: false, removedAt: LATER });
      // t1 keeps when it was revoked; t2 ends with the removal.
      expect((await people.listTokens('mara')).map((t) => [t.id, t.revokedAt])).toEqual([
        ['t2', LATER],
        ['t1', AT],
      ]);
      expect(await people.getToken('s1')).toMatchObject({ revokedAt: null });
      expect(await people.removeMember('mara', LATEST)).toBe(false);
      expect(await people.getMember('mara')).toMatchObject({ removedAt: LATER });
      expect(await people.removeMember('nobody', LATEST)).toBe(false);
    });

    it('[PPL6] reads tokens back as added, unused and not revoked, and lists one member\'s newest first', async () => {
      const { people } = await open();
      await people.addMember(member('mara'));
      await people.addMember(member('sam'));
      const first = { ...token('t-old', 'mara'), expiresAt: LATEST };
      await people.addToken(first);
      await people.addToken({ ...token('t-new', 'mara', LATEST), kind: 'session' });
      await people.addToken(token('t-mid', 'mara', LATER));
      await people.addToken(token('s1', 'sam', LATER));
      expect(await people.getToken('t-old')).toEqual({ ...first, lastUsedAt: null, revokedAt: null });
      expect(await people.getToken('nope')).toBeNull();
      await people.revokeToken('mara', 't-mid', LATEST);
      expect((await people.listTokens('mara')).map((t) => t.id)).toEqual(['t-new', 't-mid', 't-old']);
      expect((await people.listTokens('mara'))[0]).toMatchObject({ kind: 'session' });
      expect(await people.listTokens('nobody')).toEqual([]);
    });

    it('[PPL7] revokes only a token of that member\'s, and only once', async () => {
      const { people } = await open();
      await people.addMember(member('mara'));
      await people.addMember(member('sam'));
      await people.addToken(token('t1', 'mara'));
      await people.addToken(token('t2', 'mara'));
      await people.addToken(token('s1', 'sam'));
      expect(await people.revokeToken('mara', 's1', LATER)).toBe(false);
      expect(await people.getToken('s1')).toMatchObject({ revokedAt: null });
      expect(await people.revokeToken('mara', 't1', LATER)).toBe(true);
      expect(await people.revokeToken('mara', 't1', LATEST)).toBe(false);
      expect(await people.getToken('t1')).toMatchObject({ revokedAt: LATER });
      expect(await people.getToken('t2')).toMatchObject({ revokedAt: null });
      expect(await people.revokeToken('mara', 'nope', LATER)).toBe(false);
    });

    it('[PPL8] keeps the latest use of a token', async () => {
      const { people } = await open();
      await people.addMember(member('mara'));
      await people.addToken(token('t1', 'mara'));
      await people.touchToken('t1', LATER);
      expect(await people.getToken('t1')).toMatchObject({ lastUsedAt: LATER });
      await people.touchToken('t1', AT);
      expect(await people.getToken('t1')).toMatchObject({ lastUsedAt: LATER });
      await people.touchToken('t1', LATEST);
      expect(await people.getToken('t1')).toMatchObject({ lastUsedAt: LATEST });
    });

    it('[PPL9] keeps members and tokens across close and reopen', async () => {
      const { people } = await open();
      await people.addMember(member('mara', { email: 'mara@example.com' }));
      await people.addMember(member('gone'));
      await people.addToken(token('t1', 'mara'));
      await people.touchToken('t1', LATER);
      await people.removeMember('gone', LATER);
      const members = await people.listMembers();
      const tokens = await people.listTokens('mara');
      const reopened = (await reopen()).people;
      expect(await reopened.listMembers()).toEqual(members);
      expect(await reopened.listTokens('mara')).toEqual(tokens);
      expect(await reopened.addMember(member('copy', { email: 'MARA@example.com' }))).toBe(false);
    });

    it('[PPL10] rejects every call with a StoreError once closed', async () => {
      const storage = await open();
      await storage.close();
      const { people } = storage;
      const calls: (() => Promise<unknown>)[] = [
        () => people.addMember(member('mara')),
        () => people.getMember('mara'),
        () => people.findMemberByEmail('mara@example.com'),
        () => people.listMembers(),
        () => people.countMembers(),
        () => people.updateMember('mara', { name: 'x' }),
        () => people.removeMember('mara', AT),
        () => people.addToken(token('t1', 'mara')),
        () => people.getToken('t1'),
        () => people.listTokens('mara'),
        () => people.revokeToken('mara', 't1', AT),
        () => people.touchToken('t1', AT),
      ];
      for (const call of calls) await expect(call()).rejects.toBeInstanceOf(StoreError);
    });
  });
}
