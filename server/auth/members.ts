// Creating members and their links: the Members page, `npm run invite` and the first start share this.
import type { Member, Team } from '../../shared/api.ts';
import type { Role } from '../../shared/protocol.ts';
import type { Directory } from '../../shared/persona/authors.ts';
import type { MemberRecord, People } from '../storage/storage.ts';
import type { Access } from './access.ts';
import { newId } from './access.ts';

export interface InviteInput {
  name: string;
  team: Team;
  role: Role;
  email?: string | undefined;
  /** How long the link works; until revoked when left out. */
  days?: number | undefined;
}

export interface Invited {
  member: MemberRecord;
  token: string;
  link: string;
}

/** The personal link that carries a token: it signs the person in on first visit (SPEC §4). */
export const personalLink = (publicUrl: string, token: string): string => `${publicUrl}/?token=${token}`;

/** A member as the API shows them (the removal time stays inside). */
export function toMember(record: MemberRecord): Member {
  const { removedAt: _removedAt, ...member } = record;
  return member;
}

export class EmailTakenError extends Error {
  override readonly name = 'EmailTakenError';
}

/** Creates a member and their first link. */
export async function inviteMember(access: Access, people: People, publicUrl: string, input: InviteInput): Promise<Invited> {
  const email = input.email?.trim().toLowerCase() || null;
  const record = {
    id: newId(),
    name: input.name.trim(),
    team: input.team,
    role: input.role,
    email,
    createdAt: new Date().toISOString(),
  };
  if (!(await people.addMember(record))) throw new EmailTakenError(`${email ?? 'that email'} is already a member's`);
  const member = await people.getMember(record.id);
  if (!member) throw new Error(`member ${record.id} vanished right after it was added`);
  const { token } = await access.issueMemberToken(member.id, input.days === undefined ? {} : { days: input.days });
  return { member, token, link: personalLink(publicUrl, token) };
}

/**
 * On a start with no member yet: the first admin, "Admin" of team other (SPEC §3), and their link.
 * Null once any member exists, removed ones included.
 */
export async function bootstrapFirstAdmin(access: Access, people: People, publicUrl: string): Promise<Invited | null> {
  if ((await people.countMembers()) > 0) return null;
  return inviteMember(access, people, publicUrl, { name: 'Admin', team: 'other', role: 'admin' });
}

/** Every member, removed ones included, as readers resolve authors against them. */
export async function directoryOf(people: People): Promise<Directory> {
  return new Map((await people.listMembers()).map((m) => [m.id, { name: m.name, team: m.team }]));
}

/**
 * directoryOf, read again only once the last read is `maxAgeMs` old: the index writes of every busy
 * room in one second share one read of every member, instead of one read each.
 */
export function recentDirectory(people: People, maxAgeMs: number): () => Promise<Directory> {
  let last: { at: number; directory: Promise<Directory> } | null = null;
  return () => {
    const now = Date.now();
    if (last === null || now - last.at >= maxAgeMs) {
      const directory = directoryOf(people);
      last = { at: now, directory };
      // A failed read is not kept: the next caller reads again.
      directory.catch(() => {
        if (last?.directory === directory) last = null;
      });
    }
    return last.directory;
  };
}
