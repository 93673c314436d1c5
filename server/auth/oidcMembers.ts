// Who a sign-in through the identity provider is: an invited member by email, or a newcomer from an allowed domain.
import { MEMBER_NAME_MAX } from '../../shared/api.ts';
import type { SignInError } from '../../shared/api.ts';
import type { MemberRecord, People } from '../storage/storage.ts';
import { newId } from './access.ts';

/** What the provider says about the person, from the ID token (or its userinfo endpoint). */
export interface ProviderIdentity {
  email: string;
  /** Null when the provider does not say. */
  emailVerified: boolean | null;
  name: string | null;
}

export type SignInMatch = { member: MemberRecord; created: boolean } | { refused: SignInError };

/** The domain of an email, lower case ("ana@Acme.test" → "acme.test"). */
export const domainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/** A name for a newcomer: the provider's, else the email's local part. */
function displayName({ email, name }: ProviderIdentity): string {
  const fromProvider = name?.trim().slice(0, MEMBER_NAME_MAX);
  return fromProvider || email.slice(0, email.lastIndexOf('@')).slice(0, MEMBER_NAME_MAX) || email;
}

/**
 * The member this sign-in is: the active member with that email; else, when its domain is allowed,
 * a new viewer of team other. Refused: an email the provider marks unverified, a deactivated member,
 * anyone else, and a removed member (removal is not undone by signing in again).
 */
export async function memberForSignIn(people: People, identity: ProviderIdentity, allowedDomains: readonly string[]): Promise<SignInMatch> {
  if (identity.emailVerified === false) return { refused: 'unverified' };
  const email = identity.email.trim().toLowerCase();
  const invited = await people.findMemberByEmail(email);
  if (invited) return invited.active ? { member: invited, created: false } : { refused: 'inactive' };
  if (!allowedDomains.includes(domainOf(email))) return { refused: 'unknown' };
  const removed = (await people.listMembers()).some((m) => m.removedAt !== null && m.email?.toLowerCase() === email);
  if (removed) return { refused: 'unknown' };
  const id = newId();
  const added = await people.addMember({
    id,
    name: displayName(identity),
    team: 'other',
    role: 'viewer',
    email,
    createdAt: new Date().toISOString(),
  });
  // Two first sign-ins at once: the other one created them.
  const member = added ? await people.getMember(id) : await people.findMemberByEmail(email);
  if (!member) return { refused: 'unknown' };
  return member.active ? { member, created: added } : { refused: 'inactive' };
}
