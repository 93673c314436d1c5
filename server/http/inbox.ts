// Each member's inbox and notification settings, and asking a team to sign a section off (issue 17).
// The inbox is a member's: an Operator token has none (403), nor does a viewer, who reads the
// library only and is never concerned by an item (recipients.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { InboxResponse, NotificationSettingsResponse } from '../../shared/feedback/api.ts';
import { inboxQuerySchema, markReadRequestSchema, notificationSettingsSchema, signoffRequestSchema } from '../../shared/feedback/api.ts';
import type { MemberPrincipal } from '../auth/access.ts';
import type { Directory } from '../../shared/persona/authors.ts';
import type { FeedbackBus } from '../feedback/bus.ts';
import { settingsOf, toInboxItem } from '../feedback/inbox.ts';
import type { Storage } from '../storage/storage.ts';
import { actorOf } from './activity.ts';
import { requireRole, type RequestAuth } from './auth.ts';
import { ApiError, parseBody, parseQuery } from './errors.ts';
import { personaIdParam } from './library.ts';

export interface InboxRoutesOptions {
  auth: RequestAuth;
  storage: Storage;
  feedback: FeedbackBus;
  /** Whether the server can send mail (SMTP_URL set): the settings page shows mail choices only then. */
  mailAvailable: () => boolean;
}

const DEFAULT_PAGE = 50;

export function registerInboxRoutes(app: FastifyInstance, { auth, storage, feedback, mailAvailable }: InboxRoutesOptions): void {
  const { inbox } = storage;

  async function actorsOf(ids: readonly (string | null)[]): Promise<Directory> {
    const unique = [...new Set(ids.filter((id): id is string => id !== null))];
    const found = await Promise.all(unique.map((id) => storage.people.getMember(id)));
    return new Map(found.flatMap((m) => (m ? [[m.id, { name: m.name, team: m.team }] as const] : [])));
  }

  /** The member asking: editors and admins have an inbox; viewers and the Operator are refused (403). */
  async function inboxOwner(request: FastifyRequest): Promise<MemberPrincipal> {
    const principal = await requireRole(auth, request, 'editor');
    if (principal.kind !== 'member') throw new ApiError('forbidden', 'The Operator has no inbox: open Tandem with a member link');
    return principal;
  }

  app.get('/api/me/inbox', async (request): Promise<InboxResponse> => {
    const { member } = await inboxOwner(request);
    const { limit = DEFAULT_PAGE, before } = parseQuery(inboxQuerySchema, request.query);
    const [records, unread] = await Promise.all([inbox.list(member.id, { limit, ...(before ? { before } : {}) }), inbox.unread(member.id)]);
    // Only the page's actors are looked up: every bell asks this, and a company has many members.
    const directory = await actorsOf(records.map((record) => record.actorId));
    return { items: records.map((record) => toInboxItem(record, directory)), unread };
  });

  app.post('/api/me/inbox/read', async (request): Promise<{ unread: number }> => {
    const { member } = await inboxOwner(request);
    const which = parseBody(markReadRequestSchema, request.body);
    const unread = await inbox.markRead(member.id, which, new Date().toISOString());
    // The member's other tabs and devices hear it over their stream.
    feedback.unreadChanged(member.id, unread);
    return { unread };
  });

  async function settingsResponse(memberId: string, email: string | null): Promise<NotificationSettingsResponse> {
    const saved = await inbox.settings(memberId);
    return { settings: settingsOf(new Map(saved ? [[memberId, saved]] : []), memberId), mailAvailable: mailAvailable(), email };
  }

  app.get('/api/me/notification-settings', async (request): Promise<NotificationSettingsResponse> => {
    const { member } = await inboxOwner(request);
    return settingsResponse(member.id, member.email);
  });

  app.put('/api/me/notification-settings', async (request): Promise<NotificationSettingsResponse> => {
    const { member } = await inboxOwner(request);
    const settings = parseBody(notificationSettingsSchema, request.body);
    await inbox.saveSettings(member.id, settings);
    return settingsResponse(member.id, member.email);
  });

  app.post<{ Params: { id: string } }>('/api/personas/:id/signoff-requests', async (request, reply) => {
    const principal = await requireRole(auth, request, 'editor');
    const id = personaIdParam(request.params.id);
    const { section, team } = parseBody(signoffRequestSchema, request.body);
    const status = await storage.index.status(id);
    if (status === null || status.trashedAt !== null) throw new ApiError('not_found', `There is no persona ${id}`);
    if (status.archivedAt !== null) throw new ApiError('conflict', `Persona ${id} is archived: unarchive it before asking for sign-offs`);
    // Who asks is who the token says; asking again within the hour refreshes the team's item (inbox.ts GATHER_MS).
    feedback.emit({ type: 'signoff-requested', personaId: id, at: new Date().toISOString(), actorId: actorOf(principal), detail: { section, team } });
    return reply.status(202).send({ requested: { section, team } });
  });
}
