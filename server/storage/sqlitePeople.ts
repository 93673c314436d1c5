import type Database from 'better-sqlite3';
import type { Team } from '../../shared/api.ts';
import type { Role } from '../../shared/protocol.ts';
import type { RunInStore } from './sqliteLibrary.ts';
import type { MemberRecord, People, TokenRecord } from './storage.ts';

/** Members and their tokens; part of sqliteStorage.ts's schema, created with it. */
export const PEOPLE_SCHEMA = `
CREATE TABLE IF NOT EXISTS members (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  team TEXT NOT NULL CHECK (team IN ('marketing', 'sales', 'other')),
  role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
  email TEXT,
  created_at TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  removed_at TEXT
) STRICT;
-- One member per email among those not removed: a sign-in must find exactly one person.
CREATE UNIQUE INDEX IF NOT EXISTS members_email ON members (lower(email)) WHERE email IS NOT NULL AND removed_at IS NULL;
CREATE TABLE IF NOT EXISTS member_tokens (
  id TEXT PRIMARY KEY,
  member_id TEXT NOT NULL REFERENCES members(id),
  kind TEXT NOT NULL CHECK (kind IN ('link', 'session')),
  created_at TEXT NOT NULL,
  expires_at TEXT,
  last_used_at TEXT,
  revoked_at TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS member_tokens_by_member ON member_tokens (member_id, created_at);
`;

interface MemberRow {
  id: string;
  name: string;
  team: Team;
  role: Role;
  email: string | null;
  created_at: string;
  active: number;
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

export function sqlitePeople(db: Database.Database, run: RunInStore): People {
  const insertMember = db.prepare(
    `INSERT INTO members (id, name, team, role, email, created_at) VALUES (@id, @name, @team, @role, @email, @createdAt)
     ON CONFLICT DO NOTHING`,
  );
  const selectMember = db.prepare<[string], MemberRow>('SELECT * FROM members WHERE id = ?');
  const selectByEmail = db.prepare<[string], MemberRow>(
    'SELECT * FROM members WHERE lower(email) = lower(?) AND removed_at IS NULL',
  );
  const selectMembers = db.prepare<[], MemberRow>('SELECT * FROM members ORDER BY name COLLATE NOCASE, id');
  const countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM members');
  const updateRow = db.prepare(
    `UPDATE members SET name = @name, team = @team, role = @role, email = @email, active = @active
     WHERE id = @id AND removed_at IS NULL`,
  );
  const markRemoved = db.prepare<[string, string]>('UPDATE members SET removed_at = ?, active = 0 WHERE id = ? AND removed_at IS NULL');
  const revokeAll = db.prepare<[string, string]>(
    'UPDATE member_tokens SET revoked_at = ? WHERE member_id = ? AND revoked_at IS NULL',
  );
  const insertToken = db.prepare(
    `INSERT INTO member_tokens (id, member_id, kind, created_at, expires_at) VALUES (@id, @memberId, @kind, @createdAt, @expiresAt)`,
  );
  const selectToken = db.prepare<[string], TokenRow>('SELECT * FROM member_tokens WHERE id = ?');
  const selectTokens = db.prepare<[string], TokenRow>(
    'SELECT * FROM member_tokens WHERE member_id = ? ORDER BY created_at DESC, id',
  );
  const revokeOne = db.prepare<[string, string, string]>(
    'UPDATE member_tokens SET revoked_at = ? WHERE id = ? AND member_id = ? AND revoked_at IS NULL',
  );
  const touch = db.prepare<[string, string, string]>(
    'UPDATE member_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
  );

  const removeTx = db.transaction((id: string, at: string): boolean => {
    if (markRemoved.run(at, id).changes === 0) return false;
    revokeAll.run(at, id);
    return true;
  });

  return {
    addMember: (member) =>
      run('addMember', () => {
        if (member.email !== null && selectByEmail.get(member.email)) return false;
        return insertMember.run(member).changes === 1;
      }),
    getMember: (id) => run('getMember', () => toMember(selectMember.get(id))),
    findMemberByEmail: (email) => run('findMemberByEmail', () => toMember(selectByEmail.get(email))),
    listMembers: () => run('listMembers', () => selectMembers.all().map((row) => toMember(row) as MemberRecord)),
    countMembers: () => run('countMembers', () => countAll.get()?.n ?? 0),
    updateMember: (id, changes) =>
      run('updateMember', () => {
        const row = selectMember.get(id);
        if (!row || row.removed_at !== null) return null;
        const next = {
          id,
          name: changes.name ?? row.name,
          team: changes.team ?? row.team,
          role: changes.role ?? row.role,
          email: changes.email === undefined ? row.email : changes.email,
          active: changes.active === undefined ? row.active : changes.active ? 1 : 0,
        };
        updateRow.run(next);
        return toMember(selectMember.get(id));
      }),
    removeMember: (id, at) => run('removeMember', () => removeTx(id, at)),
    addToken: (token) =>
      run('addToken', () => {
        insertToken.run(token);
      }),
    getToken: (id) => run('getToken', () => toToken(selectToken.get(id))),
    listTokens: (memberId) => run('listTokens', () => selectTokens.all(memberId).map((row) => toToken(row) as TokenRecord)),
    revokeToken: (memberId, tokenId, at) => run('revokeToken', () => revokeOne.run(at, tokenId, memberId).changes === 1),
    touchToken: (id, at) =>
      run('touchToken', () => {
        touch.run(at, id, at);
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
    active: row.active === 1 && row.removed_at === null,
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
