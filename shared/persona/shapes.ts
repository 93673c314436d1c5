// The persona's values as zod schemas, free of Yjs: what the HTTP API and the readers validate against.
import { z } from 'zod';
import { EVIDENCE_KINDS, ITEM_ID_PATTERN, SECTION_KEYS, SIDES } from './schema.ts';
import type { CommentReply, CommentThread, EvidenceItem, Profile, SignOff, ThreadAnchor } from './types.ts';

export const sideSchema = z.enum(SIDES);
export const evidenceKindSchema = z.enum(EVIDENCE_KINDS);
export const sectionKeySchema = z.enum(SECTION_KEYS);
export const itemIdSchema = z.string().regex(ITEM_ID_PATTERN);
export const isoDateTimeSchema = z.iso.datetime({ offset: true });

export const profileSchema = z.object({
  name: z.string(),
  role: z.string(),
  segment: z.string(),
  companySize: z.string(),
  location: z.string(),
  avatar: z.string(),
  createdAt: z.union([z.literal(''), isoDateTimeSchema], {
    error: 'expected "" or an ISO 8601 date-time',
  }),
}) satisfies z.ZodType<Profile>;

export const evidenceItemSchema = z.object({
  id: itemIdSchema,
  side: sideSchema,
  kind: evidenceKindSchema,
  text: z.string(),
  source: z.string(),
  section: z.enum([...SECTION_KEYS, '']),
  author: z.string(),
  createdAt: isoDateTimeSchema,
  authorId: z.string().nullable().optional(),
  verified: z.boolean().optional(),
}) satisfies z.ZodType<EvidenceItem>;

export const commentReplySchema = z.object({
  author: z.string(),
  side: sideSchema,
  text: z.string(),
  createdAt: isoDateTimeSchema,
}) satisfies z.ZodType<CommentReply>;

/** An encoded relative position is a few dozen bytes; the bound only stops a client stuffing the map. */
export const ANCHOR_POSITION_MAX = 256;
/** How much of the selected words a thread keeps to show once they are gone. */
export const ANCHOR_QUOTE_MAX = 500;

const encodedPositionSchema = z
  .string()
  .min(1)
  .max(ANCHOR_POSITION_MAX)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected base64');

export const threadAnchorSchema = z
  .object({ start: encodedPositionSchema, end: encodedPositionSchema, quote: z.string().max(ANCHOR_QUOTE_MAX) })
  .strict() satisfies z.ZodType<ThreadAnchor>;

export const commentThreadSchema = z.object({
  id: itemIdSchema,
  section: sectionKeySchema,
  anchor: threadAnchorSchema.optional(),
  author: z.string(),
  side: sideSchema,
  text: z.string(),
  createdAt: isoDateTimeSchema,
  resolved: z.boolean(),
  replies: z.array(commentReplySchema),
}) satisfies z.ZodType<CommentThread>;

export const signOffSchema = z.object({
  by: z.string(),
  at: isoDateTimeSchema,
  fingerprint: z.string(),
  memberId: z.string().optional(),
}) satisfies z.ZodType<SignOff>;
