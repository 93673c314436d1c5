/**
 * Feedback that flows both ways (issue 17): what a member's inbox holds, what they choose to be
 * told, and what the live stream carries. Shared by the server and the client.
 */
import { z } from 'zod';
import { memberRefSchema } from '../api.ts';
import { SECTION_KEYS } from '../persona/schema.ts';

/** What can concern a member, each one a setting. */
export const INBOX_KINDS = [
  'mention',
  'reply',
  'signoff-requested',
  'evidence-added',
  'signoff-stale',
  'published',
  'target-met',
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/**
 * Where an item points: the persona, and in it a section, a thread or an evidence item. The client
 * builds the address `/p/<personaId>?section=<key>&thread=<id>&evidence=<id>` (or the library's
 * `/library/<personaId>?version=N` for `published`) from it; mails carry the same address.
 */
export const inboxPlaceSchema = z.object({
  personaId: z.string(),
  section: z.enum(SECTION_KEYS).optional(),
  threadId: z.string().optional(),
  evidenceId: z.string().optional(),
  version: z.number().int().positive().optional(),
});
export type InboxPlace = z.infer<typeof inboxPlaceSchema>;

export const inboxItemSchema = z.object({
  id: z.string(),
  kind: z.enum(INBOX_KINDS),
  at: z.iso.datetime(),
  /** Who did it (current name); null for the Operator or the server (a met target). */
  actor: memberRefSchema.nullable(),
  personaName: z.string(),
  place: inboxPlaceSchema,
  /**
   * What to show, by kind: `excerpt` (mention, reply, evidence-added: the text, mentions as tokens),
   * `count` (evidence-added gathered), `side`, `metric`/`value`/`actual`/`period` (target-met).
   */
  detail: z.record(z.string(), z.unknown()),
  readAt: z.iso.datetime().nullable(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

/** `GET /api/me/inbox?limit=&before=` → newest first. */
export const inboxResponseSchema = z.object({ items: z.array(inboxItemSchema), unread: z.number().int().nonnegative() });
export type InboxResponse = z.infer<typeof inboxResponseSchema>;

/** `POST /api/me/inbox/read` `{ ids }` or `{ all: true }` → `{ unread }`. */
export const markReadRequestSchema = z.union([
  z.object({ ids: z.array(z.string().max(64)).min(1).max(500) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export type MarkReadRequest = z.infer<typeof markReadRequestSchema>;

export const EMAIL_MODES = ['off', 'immediate', 'daily'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

/** `GET` / `PUT /api/me/notification-settings`: which kinds reach the inbox, and which by mail. */
export const notificationSettingsSchema = z
  .object({
    inbox: z.record(z.enum(INBOX_KINDS), z.boolean()),
    email: z.enum(EMAIL_MODES),
    emailKinds: z.record(z.enum(INBOX_KINDS), z.boolean()),
  })
  .strict();
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

/** Everything on; mail immediately (only sent when the server has SMTP_URL and the member an email). */
export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  inbox: Object.fromEntries(INBOX_KINDS.map((kind) => [kind, true])) as Record<InboxKind, boolean>,
  email: 'immediate',
  emailKinds: Object.fromEntries(INBOX_KINDS.map((kind) => [kind, kind !== 'evidence-added'])) as Record<InboxKind, boolean>,
};

/** `GET /api/me/notification-settings` also says whether the server can send mail at all. */
export const notificationSettingsResponseSchema = z.object({
  settings: notificationSettingsSchema,
  mailAvailable: z.boolean(),
  /** The member's email, null when they have none (then nothing is mailed). */
  email: z.string().nullable(),
});
export type NotificationSettingsResponse = z.infer<typeof notificationSettingsResponseSchema>;

/**
 * What the workshop's live notices show: what someone did on a persona, as it happens. Told to every
 * member who has the persona open (over the member's stream), whatever their settings.
 */
export const LIVE_NOTICE_KINDS = ['published', 'signed-off', 'evidence-added', 'thread-started', 'replied', 'restored', 'target-met'] as const;
export type LiveNoticeKind = (typeof LIVE_NOTICE_KINDS)[number];

export const liveNoticeSchema = z.object({
  kind: z.enum(LIVE_NOTICE_KINDS),
  at: z.iso.datetime(),
  personaId: z.string(),
  actor: memberRefSchema.nullable(),
  place: inboxPlaceSchema,
  /** `section`, `side`, `version`, `count` (evidence gathered), `evidenceKind`. */
  detail: z.record(z.string(), z.unknown()),
});
export type LiveNotice = z.infer<typeof liveNoticeSchema>;

/**
 * `GET /api/me/stream` (any member, `Authorization: Bearer` like every call): a text/event-stream of
 * these, one JSON per `data:` line; a comment line every 25 s keeps it open.
 *  - `inbox`: a new item for this member, with the new unread count;
 *  - `unread`: the count changed (read elsewhere);
 *  - `notice`: a live notice about a persona (the client shows those of the persona it has open).
 */
export const streamMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('inbox'), item: inboxItemSchema, unread: z.number().int().nonnegative() }),
  z.object({ type: z.literal('unread'), unread: z.number().int().nonnegative() }),
  z.object({ type: z.literal('notice'), notice: liveNoticeSchema }),
]);
export type StreamMessage = z.infer<typeof streamMessageSchema>;

export const INBOX_PAGE_MAX = 200;

/** `GET /api/me/inbox?limit=&before=`: at most `limit` items (50 by default), those strictly older than `before`. */
export const inboxQuerySchema = z
  .object({
    limit: z.coerce.number().int('limit must be a whole number').min(1, 'limit must be at least 1').max(INBOX_PAGE_MAX, `limit must be at most ${INBOX_PAGE_MAX}`).optional(),
    before: z.iso.datetime('before must be an ISO 8601 time').optional(),
  })
  .strict();

/** `POST /api/personas/:id/signoff-requests` (editor): ask a team to sign a section off → 202. */
export const signoffRequestSchema = z.object({ section: z.enum(SECTION_KEYS), team: z.enum(['marketing', 'sales']) }).strict();
export type SignoffRequest = z.infer<typeof signoffRequestSchema>;
