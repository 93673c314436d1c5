import type { FastifyInstance } from 'fastify';
import type {
  CreateMemberResponse,
  CreateTokenResponse,
  MeResponse,
  MemberListResponse,
  TokenListResponse,
} from '../../shared/api.ts';
import {
  createMemberRequestSchema,
  createTokenRequestSchema,
  teamFitsRole,
  updateMemberRequestSchema,
} from '../../shared/api.ts';
import type { Access, Principal } from '../auth/access.ts';
import { roleOf } from '../auth/access.ts';
import { EmailTakenError, inviteMember, personalLink, toMember } from '../auth/members.ts';
import type { MemberRecord, People, TokenRecord } from '../storage/storage.ts';
import { StoreError } from '../storage/storage.ts';
import { credentialOf, requirePrincipal, requireRole, type RequestAuth } from './auth.ts';
import { ApiError, parseBody } from './errors.ts';

export interface MemberRoutesOptions {
  auth: RequestAuth;
  people: People;
  publicUrl: () => string;
}

const toTokenInfo = ({ id, kind, createdAt, expiresAt, lastUsedAt, revokedAt }: TokenRecord) => ({
  id,
  kind,
  createdAt,
  expiresAt,
  lastUsedAt,
  revokedAt,
});

const DAY_MS = 86_400_000;
const lifeOf = (days: number | undefined) => (days === undefined ? {} : { days });

/**
 * A link a member makes for themself ends no later than the one they use (else a one-day link
 * could mint a lasting one); an admin's links are theirs to set.
 */
function outlivingNot(principal: Principal, days: number | undefined): { expiresInMs?: number } {
  if (roleOf(principal) === 'admin' || principal.expiresAt === null) return {};
  const left = Math.max(principal.expiresAt - Date.now(), 0);
  return days === undefined || days * DAY_MS > left ? { expiresInMs: left } : {};
}

/** `/api/me`, the member directory, and the admins' members and tokens (SPEC §6). */
export function registerMemberRoutes(app: FastifyInstance, { auth, people, publicUrl }: MemberRoutesOptions): void {
  const access: Access = auth.access;

  async function existingMember(id: string): Promise<MemberRecord> {
    const member = await people.getMember(id);
    if (!member || member.removedAt !== null) throw new ApiError('not_found', `There is no member ${id}`);
    return member;
  }

  app.get('/api/me', async (request): Promise<MeResponse> => {
    const principal = await requirePrincipal(auth, request);
    return {
      member: principal.kind === 'member' ? toMember(principal.member) : null,
      role: roleOf(principal),
      via: credentialOf(request).via,
    };
  });

  app.get('/api/members', async (request): Promise<MemberListResponse> => {
    await requireRole(auth, request, 'editor');
    const all = await people.listMembers();
    return {
      members: all.filter((m) => m.removedAt === null).map(toMember),
      former: all.filter((m) => m.removedAt !== null).map(({ id, name, team }) => ({ id, name, team })),
    };
  });

  app.post('/api/members', async (request, reply) => {
    await requireRole(auth, request, 'admin');
    const input = parseBody(createMemberRequestSchema, request.body);
    try {
      const { member, link } = await inviteMember(access, people, publicUrl(), input);
      const body: CreateMemberResponse = { member: toMember(member), link };
      return reply.status(201).send(body);
    } catch (err) {
      if (err instanceof EmailTakenError) throw new ApiError('bad_request', `email: ${err.message}`);
      throw err;
    }
  });

  app.patch<{ Params: { id: string } }>('/api/members/:id', async (request) => {
    const principal = await requireRole(auth, request, 'admin');
    const changes = parseBody(updateMemberRequestSchema, request.body);
    const before = await existingMember(request.params.id);
    const team = changes.team ?? before.team;
    const role = changes.role ?? before.role;
    if (!teamFitsRole(team, role)) throw new ApiError('bad_request', 'team: an editor must be on team marketing or sales');
    // An admin cannot lock everyone out by demoting or deactivating themself.
    const self = principal.kind === 'member' && principal.member.id === before.id;
    if (self && (role !== 'admin' || changes.active === false)) {
      throw new ApiError('bad_request', 'You cannot take away your own admin role or deactivate yourself; ask another admin');
    }
    let member: MemberRecord | null;
    try {
      member = await people.updateMember(before.id, changes);
    } catch (err) {
      if (err instanceof StoreError && /UNIQUE/i.test(err.message)) throw new ApiError('bad_request', 'email: that email is already a member\'s');
      throw err;
    }
    if (!member) throw new ApiError('not_found', `There is no member ${before.id}`);
    access.memberChanged(member.id);
    return { member: toMember(member) };
  });

  app.delete<{ Params: { id: string } }>('/api/members/:id', async (request, reply) => {
    const principal = await requireRole(auth, request, 'admin');
    const member = await existingMember(request.params.id);
    if (principal.kind === 'member' && principal.member.id === member.id) {
      throw new ApiError('bad_request', 'You cannot remove yourself; ask another admin');
    }
    await people.removeMember(member.id, new Date().toISOString());
    access.memberChanged(member.id);
    return reply.status(204).send();
  });

  app.get<{ Params: { id: string } }>('/api/members/:id/tokens', async (request): Promise<TokenListResponse> => {
    await requireRole(auth, request, 'admin');
    const member = await existingMember(request.params.id);
    return { tokens: (await people.listTokens(member.id)).map(toTokenInfo) };
  });

  app.post<{ Params: { id: string } }>('/api/members/:id/tokens', async (request, reply) => {
    const principal = await requirePrincipal(auth, request);
    const forSelf = principal.kind === 'member' && principal.member.id === request.params.id;
    if (!forSelf && roleOf(principal) !== 'admin') throw new ApiError('forbidden', 'Only an admin makes links for someone else');
    const { days } = parseBody(createTokenRequestSchema, request.body);
    const member = await existingMember(request.params.id);
    if (!member.active) throw new ApiError('bad_request', `${member.name} is deactivated; activate them first`);
    const { token, record } = await access.issueMemberToken(member.id, { ...lifeOf(days), ...outlivingNot(principal, days) });
    const body: CreateTokenResponse = { token, id: record.id, expiresAt: record.expiresAt, link: personalLink(publicUrl(), token) };
    return reply.status(201).send(body);
  });

  app.delete<{ Params: { id: string; tokenId: string } }>('/api/members/:id/tokens/:tokenId', async (request, reply) => {
    await requireRole(auth, request, 'admin');
    const member = await existingMember(request.params.id);
    if (!(await people.revokeToken(member.id, request.params.tokenId, new Date().toISOString()))) {
      throw new ApiError('not_found', `${member.name} has no token ${request.params.tokenId} that is still in force`);
    }
    access.memberChanged(member.id);
    return reply.status(204).send();
  });
}
