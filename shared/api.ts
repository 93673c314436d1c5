/** HTTP API types and validators, shared by the server and the client. */
import { z } from 'zod';
import { LOCALES } from './locale.ts';
import { ROLES } from './protocol.ts';
import type { Role } from './protocol.ts';
import { evidenceItemSchema, profileSchema, signOffSchema } from './persona/shapes.ts';
import { SECTION_KEYS, SIDES } from './persona/schema.ts';
import type { RichTextNode, SectionKey } from './persona/types.ts';

export const TEMPLATE_NAMES = ['blank', 'b2b'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];
export const TEMPLATE_LANGUAGES = ['en', 'es'] as const;

export const createPersonaRequestSchema = z
  .object({
    name: z.string().trim().max(200, 'name must be at most 200 characters').optional(),
    template: z.enum(TEMPLATE_NAMES).optional(),
    /** The language of the template's prompts (an addition to the contract's body; default `en`). */
    language: z.enum(TEMPLATE_LANGUAGES).optional(),
  })
  .strict();
export type CreatePersonaRequest = z.infer<typeof createPersonaRequestSchema>;

export const createPersonaResponseSchema = z.object({ id: z.string() });
export type CreatePersonaResponse = z.infer<typeof createPersonaResponseSchema>;

export const evidenceCountsSchema = z.object({
  marketing: z.number().int().nonnegative(),
  sales: z.number().int().nonnegative(),
});

export const personaSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  segment: z.string(),
  updatedAt: z.iso.datetime(),
  evidence: evidenceCountsSchema,
  publishedVersion: z.number().int().positive().nullable(),
  /** When the latest version was published, or null (an addition to the contract). */
  publishedAt: z.iso.datetime().nullable(),
});
export type PersonaSummary = z.infer<typeof personaSummarySchema>;

export const personaListResponseSchema = z.object({
  personas: z.array(personaSummarySchema),
  /** Pass as `?cursor=` for the next page; null on the last one (issue 14). */
  nextCursor: z.string().nullable(),
});

/** `GET /api/personas?limit=&cursor=`: pages of at most `limit` (default 100, at most 500). */
export const PERSONA_PAGE = { defaultLimit: 100, maxLimit: 500 } as const;
export const personaListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(PERSONA_PAGE.maxLimit).default(PERSONA_PAGE.defaultLimit),
  cursor: z.string().max(512).optional(),
});
export type PersonaListResponse = z.infer<typeof personaListResponseSchema>;

export const API_ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'too_large',
  'unsupported_media_type',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const apiErrorSchema = z.object({
  error: z.object({ code: z.enum(API_ERROR_CODES), message: z.string() }),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

// ---- People (SPEC §6) ----

export const TEAMS = ['marketing', 'sales', 'other'] as const;
export type Team = (typeof TEAMS)[number];

export const MEMBER_NAME_MAX = 80;
export const MEMBER_EMAIL_MAX = 254;

/** A person the server knows; role, team and name are read from here at every use, never from a token. */
export const memberSchema = z.object({
  id: z.string(),
  name: z.string(),
  team: z.enum(TEAMS),
  role: z.enum(ROLES),
  email: z.string().nullable(),
  createdAt: z.iso.datetime(),
  active: z.boolean(),
});
export type Member = z.infer<typeof memberSchema>;

const memberNameSchema = z
  .string()
  .trim()
  .min(1, 'name must not be empty')
  .max(MEMBER_NAME_MAX, `name must be at most ${MEMBER_NAME_MAX} characters`);
const memberEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(MEMBER_EMAIL_MAX, `email must be at most ${MEMBER_EMAIL_MAX} characters`)
  .pipe(z.email('email must be an email address'));

/** Editors work on a side; admins and viewers may be `other` (SPEC §6). */
export function teamFitsRole(team: Team, role: Role): boolean {
  return role !== 'editor' || team !== 'other';
}
const EDITOR_TEAM_MESSAGE = 'an editor must be on team marketing or sales';

export const createMemberRequestSchema = z
  .object({
    name: memberNameSchema,
    team: z.enum(TEAMS, 'team must be marketing, sales or other'),
    role: z.enum(ROLES, 'role must be admin, editor or viewer'),
    email: z.union([memberEmailSchema, z.literal('').transform(() => undefined)]).optional(),
    /** How long the person's first link works, in days (none: until revoked). An addition to the contract. */
    days: z.number().int().min(1, 'days must be at least 1').max(3650, 'days must be at most 3650').optional(),
  })
  .strict()
  .refine((body) => teamFitsRole(body.team, body.role), { message: EDITOR_TEAM_MESSAGE, path: ['team'] });
export type CreateMemberRequest = z.input<typeof createMemberRequestSchema>;

export const updateMemberRequestSchema = z
  .object({
    name: memberNameSchema.optional(),
    team: z.enum(TEAMS, 'team must be marketing, sales or other').optional(),
    role: z.enum(ROLES, 'role must be admin, editor or viewer').optional(),
    active: z.boolean().optional(),
    email: z.union([memberEmailSchema, z.literal('').transform(() => null), z.null()]).optional(),
  })
  .strict();
export type UpdateMemberRequest = z.input<typeof updateMemberRequestSchema>;

export const memberResponseSchema = z.object({ member: memberSchema });
export const createMemberResponseSchema = z.object({ member: memberSchema, link: z.string() });
export type CreateMemberResponse = z.infer<typeof createMemberResponseSchema>;
/** Someone who was a member: what they wrote keeps their name (an addition to the contract). */
export const formerMemberSchema = memberSchema.pick({ id: true, name: true, team: true });
export type FormerMember = z.infer<typeof formerMemberSchema>;
export const memberListResponseSchema = z.object({ members: z.array(memberSchema), former: z.array(formerMemberSchema) });
export type MemberListResponse = z.infer<typeof memberListResponseSchema>;

/** `GET /api/me`: the member behind the token, or null for an operator token (its role only). */
export const meResponseSchema = z.object({
  member: memberSchema.nullable(),
  /** An addition to the contract: the role in force, also for an operator token. */
  role: z.enum(ROLES),
  /** An addition: how this browser is signed in (a link's token, or the identity provider's session cookie). */
  via: z.enum(['token', 'session']),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const createTokenRequestSchema = z
  .object({ days: z.number().int().min(1, 'days must be at least 1').max(3650, 'days must be at most 3650').optional() })
  .strict();
export const createTokenResponseSchema = z.object({
  token: z.string(),
  id: z.string(),
  expiresAt: z.iso.datetime().nullable(),
  /** An addition: the personal link that carries the token. */
  link: z.string(),
});
export type CreateTokenResponse = z.infer<typeof createTokenResponseSchema>;

/** One of a member's tokens as the Members page lists it (never the token itself). */
export const tokenInfoSchema = z.object({
  id: z.string(),
  kind: z.enum(['link', 'session']),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type TokenInfo = z.infer<typeof tokenInfoSchema>;
export const tokenListResponseSchema = z.object({ tokens: z.array(tokenInfoSchema) });
export type TokenListResponse = z.infer<typeof tokenListResponseSchema>;

/** `GET /api/auth/config` (no token): how people may sign in here. */
export const authConfigResponseSchema = z.object({ oidc: z.boolean() });
export type AuthConfigResponse = z.infer<typeof authConfigResponseSchema>;

/**
 * Why a sign-in through the identity provider ended on `/signin?error=…`: not invited, deactivated,
 * email not verified by the provider, cancelled at the provider, took too long, the provider unreachable,
 * or anything else that went wrong on the way back.
 */
export const SIGN_IN_ERRORS = ['unknown', 'inactive', 'unverified', 'denied', 'expired', 'provider', 'failed'] as const;
export type SignInError = (typeof SIGN_IN_ERRORS)[number];

/** Who wrote something, as the server attributes it (SPEC §6). */
export const authorSchema = z.object({
  /** The member's id; null for the Operator or for what was written before members existed. */
  id: z.string().nullable(),
  name: z.string(),
  team: z.enum(TEAMS),
  /** False when the name is only what a client once stored as text (written before members existed). */
  verified: z.boolean(),
});
export type Author = z.infer<typeof authorSchema>;

// ---- Publishing and the library (SPEC §3) ----

const richTextMarkSchema = z.object({ type: z.string(), attrs: z.record(z.string(), z.unknown()).optional() });
/** ProseMirror JSON as the server sends it; checked for shape, not against the editor's schema. */
export const richTextNodeSchema: z.ZodType<RichTextNode> = z.lazy(() =>
  z.object({
    type: z.string(),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(richTextNodeSchema).optional(),
    text: z.string().optional(),
    marks: z.array(richTextMarkSchema).optional(),
  }),
) as unknown as z.ZodType<RichTextNode>;
export const richTextDocSchema = z.object({ type: z.literal('doc'), content: z.array(richTextNodeSchema) });

export const PUBLISH_NOTE_MAX = 1000;

/** Who published: the member who called publish, as the server knows them (SPEC §3). */
export const publisherSchema = authorSchema;
export type Publisher = Author;

/** What an old client sent as its publisher; accepted for compatibility and ignored (SPEC §3). */
const claimedPublisherSchema = z.object({ name: z.string().max(80), side: z.enum(SIDES) }).strict();

export const publishRequestSchema = z
  .object({
    note: z.string().trim().max(PUBLISH_NOTE_MAX, `note must be at most ${PUBLISH_NOTE_MAX} characters`).optional(),
    publishedBy: claimedPublisherSchema.optional(),
  })
  .strict();
export type PublishRequest = z.infer<typeof publishRequestSchema>;

export const publishResponseSchema = z.object({ version: z.number().int().positive() });
export type PublishResponse = z.infer<typeof publishResponseSchema>;

export const versionMetaSchema = z.object({
  version: z.number().int().positive(),
  publishedAt: z.iso.datetime(),
  note: z.string(),
  publishedBy: publisherSchema.nullable(),
});
export type VersionMeta = z.infer<typeof versionMetaSchema>;

/** One row of `GET /api/library`: the contract's fields, plus what a library card shows. */
export const libraryEntrySchema = versionMetaSchema.extend({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  segment: z.string(),
  avatar: z.string(),
});
export type LibraryEntry = z.infer<typeof libraryEntrySchema>;

export const libraryListResponseSchema = z.object({
  personas: z.array(libraryEntrySchema),
  /** Every segment in the library, sorted, for the filter (an addition to the contract). */
  segments: z.array(z.string()),
});
export type LibraryListResponse = z.infer<typeof libraryListResponseSchema>;

export const LIBRARY_QUERY_MAX = 200;

export const libraryQuerySchema = z
  .object({
    q: z.string().max(LIBRARY_QUERY_MAX, `q must be at most ${LIBRARY_QUERY_MAX} characters`).optional(),
    /** Only personas whose segment is exactly this (an addition to the contract). */
    segment: z.string().max(LIBRARY_QUERY_MAX, `segment must be at most ${LIBRARY_QUERY_MAX} characters`).optional(),
    token: z.string().optional(),
  })
  .strict();

const versionParamSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/, 'version must be a whole number from 1')
  .transform(Number);

export const versionQuerySchema = z.object({ version: versionParamSchema.optional(), token: z.string().optional() }).strict();

/** The name a PDF is saved under: the persona's name in ASCII, lower case, hyphenated, then e.g. `v2` or `draft`. */
export function pdfFilename(name: string, suffix: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'persona'}-${suffix}.pdf`;
}

/** `…/export.pdf` query: the version (library only), the document's language, and a download link's token. */
export const pdfQuerySchema = z
  .object({ version: versionParamSchema.optional(), lang: z.enum(LOCALES).optional(), token: z.string().optional() })
  .strict();

/** A published profile: read tolerantly at publish, so `createdAt` may be any text a client wrote. */
const libraryProfileSchema = profileSchema.extend({ createdAt: z.string() });

/** `GET /api/library/:id?version=N`: one published version, plus every version's metadata (newest first). */
export const publishedPersonaSchema = versionMetaSchema.extend({
  id: z.string(),
  profile: libraryProfileSchema,
  sections: z.object(Object.fromEntries(SECTION_KEYS.map((key) => [key, richTextDocSchema])) as Record<SectionKey, typeof richTextDocSchema>),
  evidence: z.array(evidenceItemSchema),
  signoff: z.record(z.string(), signOffSchema),
  versions: z.array(versionMetaSchema),
});
export type PublishedPersona = z.infer<typeof publishedPersonaSchema>;
