import type { Team } from '../../../shared/api.ts';
import type { Role } from '../../../shared/protocol.ts';
import type { MemberRecord, People, TokenRecord } from '../storage.ts';
import { changed, type Db, type Queryable } from './db.ts';

interface MemberRow {
  id: string;
  name: string;
  team: Team;
  role: Role;
  email: string | null;
  created_at: string;
  active: boolean;
  removed_at: string | null;
}

interface TokenRow {
  id: string;
  member_id: string;
  kind: 'link' | 'session';
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

const selectMember = async (q: Queryable, id: string) => (await q.query<MemberRow>('SELECT * FROM members WHERE id = $1', [id])).rows[0];
const selectByEmail = async (q: Queryable, email: string) =>
  (await q.query<MemberRow>('SELECT * FROM members WHERE lower(email) = lower($1) AND removed_at IS NULL', [email])).rows[0];

/** Members and their tokens on the `members` and `member_tokens` tables. */
export function postgresPeople(db: Db): People {
  return {
    addMember: (member) =>
      db.run('addMember', async (q) => {
        // The unique index on the email of members not removed makes a race between two processes write one of them.
        const result = await q.query(
          `INSERT INTO members (id, name, team, role, email, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [member.id, member.name, member.team, member.role, member.email, member.createdAt],
        );
        return changed(result) === 1;
      }),
    getMember: (id) => db.run('getMember', async (q) => toMember(await selectMember(q, id))),
    findMemberByEmail: (email) => db.run('findMemberByEmail', async (q) => toMember(await selectByEmail(q, email))),
    listMembers: () =>
      db.run('listMembers', async (q) => {
        const { rows } = await q.query<MemberRow>('SELECT * FROM members ORDER BY lower(name COLLATE "C"), id');
        return rows.map((row) => toMember(row) as MemberRecord);
      }),
    countMembers: () =>
      db.run('countMembers', async (q) => (await q.query<{ n: number }>('SELECT count(*) AS n FROM members')).rows[0]?.n ?? 0),
    updateMember: (id, changes) =>
      db.tx('updateMember', async (client) => {
        const row = (await client.query<MemberRow>('SELECT * FROM members WHERE id = $1 FOR UPDATE', [id])).rows[0];
        if (!row || row.removed_at !== null) return null;
        const { rows } = await client.query<MemberRow>(
          'UPDATE members SET name = $2, team = $3, role = $4, email = $5, active = $6 WHERE id = $1 RETURNING *',
          [
            id,
            changes.name ?? row.name,
            changes.team ?? row.team,
            changes.role ?? row.role,
            changes.email === undefined ? row.email : changes.email,
            changes.active ?? row.active,
          ],
        );
        return toMember(rows[0]);
      }),
    removeMember: (id, at) =>
      db.tx('removeMember', async (client) => {
        const removed = await client.query('UPDATE members SET removed_at = $1, active = false WHERE id = $2 AND removed_at IS NULL', [at, id]);
        if (changed(removed) === 0) return false;
        await client.query('UPDATE member_tokens SET revoked_at = $1 WHERE member_id = $2 AND revoked_at IS NULL', [at, id]);
        return true;
      }),
    addToken: (token) =>
      db.run('addToken', async (q) => {
        await q.query('INSERT INTO member_tokens (id, member_id, kind, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
          token.id,
          token.memberId,
          token.kind,
          token.createdAt,
          token.expiresAt,
        ]);
      }),
    getToken: (id) =>
      db.run('getToken', async (q) => toToken((await q.query<TokenRow>('SELECT * FROM member_tokens WHERE id = $1', [id])).rows[0])),
    listTokens: (memberId) =>
      db.run('listTokens', async (q) => {
        const { rows } = await q.query<TokenRow>('SELECT * FROM member_tokens WHERE member_id = $1 ORDER BY created_at DESC, id', [memberId]);
        return rows.map((row) => toToken(row) as TokenRecord);
      }),
    revokeToken: (memberId, tokenId, at) =>
      db.run('revokeToken', async (q) => {
        const result = await q.query('UPDATE member_tokens SET revoked_at = $1 WHERE id = $2 AND member_id = $3 AND revoked_at IS NULL', [at, tokenId, memberId]);
        return changed(result) === 1;
      }),
    touchToken: (id, at) =>
      db.run('touchToken', async (q) => {
        await q.query('UPDATE member_tokens SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $1)', [at, id]);
      }),
  };
}

function toMember(row: MemberRow | undefined): MemberRecord | null {
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    team: row.team,
    role: row.role,
    email: row.email,
    createdAt: row.created_at,
    active: row.active && row.removed_at === null,
    removedAt: row.removed_at,
  };
}

function toToken(row: TokenRow | undefined): TokenRecord | null {
  if (!row) return null;
  return {
    id: row.id,
    memberId: row.member_id,
    kind: row.kind,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
