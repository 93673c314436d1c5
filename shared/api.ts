/** HTTP API types and validators, shared by the server and the client. */
import { z } from 'zod';
import { LOCALES } from './locale.ts';
import { ROLES } from './protocol.ts';
import type { Role } from './protocol.ts';
import { evidenceItemSchema, profileSchema, signOffSchema } from './persona/shapes.ts';
import { SECTION_KEYS, SIDES } from './persona/schema.ts';
import type { RichTextNode, SectionKey } from './persona/types.ts';
import { METRICS } from './scorecard/metrics.ts';
import { isPeriod } from './scorecard/periods.ts';

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
  /** Archived: listed with `?archived=true` only, read-only (SPEC §7). */
  archived: z.boolean(),
  /** In the trash since, and when it will be erased; null out of the trash (listed with `?trashed=true`, admins). */
  trashedAt: z.iso.datetime().nullable(),
  eraseAt: z.iso.datetime().nullable(),
  /** The member of the latest change (SPEC §7's activity); null for the Operator or before activity was kept. */
  lastChangedBy: z.lazy(() => memberRefSchema).nullable(),
  /** Agreed targets of the current period met by the latest import (SPEC §8; an addition; the server always sends it). */
  targetsMet: z.number().int().nonnegative().optional(),
});
export type PersonaSummary = z.infer<typeof personaSummarySchema>;

export const personaListResponseSchema = z.object({
  personas: z.array(personaSummarySchema),
  /** Pass as `?cursor=` for the next page; null on the last one (issue 14). */
  nextCursor: z.string().nullable(),
});

/** `GET /api/personas?limit=&cursor=`: pages of at most `limit` (default 100, at most 500). */
export const PERSONA_PAGE = { defaultLimit: 100, maxLimit: 500 } as const;
export type PersonaListResponse = z.infer<typeof personaListResponseSchema>;

// ---- Lifecycle (SPEC §7) ----

/** Days a persona stays in the trash before it is erased (SPEC §7; TRASH_RETENTION_DAYS may change it). */
export const TRASH_RETENTION_DAYS = 30;

const queryFlag = z.enum(['true', 'false'], 'must be true or false').transform((value) => value === 'true');

/**
 * `GET /api/personas?archived=true` lists the archived personas, `?trashed=true` the trash (admins);
 * each a page at a time (`limit`, and the `cursor` the previous page's `nextCursor` gave).
 */
export const personaListQuerySchema = z.object({
  archived: queryFlag.optional(),
  trashed: queryFlag.optional(),
  limit: z.coerce.number().int().min(1).max(PERSONA_PAGE.maxLimit).default(PERSONA_PAGE.defaultLimit),
  cursor: z.string().max(512).optional(),
});

/** `GET /api/personas/:id/status`: what the workshop needs to know of a persona's life. */
export const personaStatusSchema = z.object({
  id: z.string(),
  archived: z.boolean(),
  archivedAt: z.iso.datetime().nullable(),
  /** The template it was made from: the guidance its empty fields and sections show. */
  template: z.enum(TEMPLATE_NAMES),
});
export type PersonaStatusResponse = z.infer<typeof personaStatusSchema>;

/** What archive, unarchive, trash and untrash answer: the persona's state afterwards. */
export const lifecycleResponseSchema = z.object({
  id: z.string(),
  archived: z.boolean(),
  trashedAt: z.iso.datetime().nullable(),
  eraseAt: z.iso.datetime().nullable(),
});
export type LifecycleResponse = z.infer<typeof lifecycleResponseSchema>;

export const API_ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'too_large',
  'unsupported_media_type',
  'internal',
  'unavailable',
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
  /** SPEC §8, frozen at publish: the targets as they stood, and one scorecard per period that has targets (the server always sends both, [] for older versions). */
  targets: z.array(z.lazy(() => publishedTargetSchema)).optional(),
  scorecards: z.array(z.lazy(() => scorecardSchema)).optional(),
  versions: z.array(versionMetaSchema),
});
export type PublishedPersona = z.infer<typeof publishedPersonaSchema>;

// ---- History (SPEC §7) ----

export const CHECKPOINT_KINDS = ['auto', 'publish', 'restore'] as const;
export type CheckpointKind = (typeof CHECKPOINT_KINDS)[number];

/** A member named in the history: the Operator has no id. */
export const historyAuthorSchema = authorSchema.pick({ id: true, name: true, team: true });
export type HistoryAuthor = z.infer<typeof historyAuthorSchema>;

export const checkpointSchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  kind: z.enum(CHECKPOINT_KINDS),
  /** Whose changes it holds since the previous checkpoint. */
  authors: z.array(historyAuthorSchema),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

/** `GET /api/personas/:id/history`: newest first. */
export const historyResponseSchema = z.object({ checkpoints: z.array(checkpointSchema) });
export type HistoryResponse = z.infer<typeof historyResponseSchema>;

/** `GET /api/personas/:id/history/:checkpointId`: the persona then, as the library shows a version, and the checkpoint. */
export const checkpointContentSchema = publishedPersonaSchema.pick({ id: true, profile: true, sections: true, evidence: true, signoff: true }).extend({
  checkpoint: checkpointSchema,
});
export type CheckpointContent = z.infer<typeof checkpointContentSchema>;

/** `POST /api/personas/:id/restore`: one checkpoint of the draft, or one published version. */
export const restoreRequestSchema = z.union([
  z.object({ checkpoint: z.string().regex(/^[1-9][0-9]{0,14}$/, 'checkpoint must be a checkpoint id') }).strict(),
  z.object({ version: z.number().int().positive().max(999_999_999) }).strict(),
]);
export type RestoreRequest = z.infer<typeof restoreRequestSchema>;

/** The checkpoint of the draft as it was just before the restore: restoring it undoes the restore. */
export const restoreResponseSchema = z.object({ checkpoint: z.string() });
export type RestoreResponse = z.infer<typeof restoreResponseSchema>;
// ---- Activity (SPEC §7) ----

export const ACTIVITY_TYPES = [
  'created',
  'edited',
  'evidence-added',
  'evidence-removed',
  'signed-off',
  'sign-off-withdrawn',
  'thread-started',
  'replied',
  'resolved',
  'published',
  'restored',
  'archived',
  'unarchived',
  'trashed',
  'untrashed',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** The events that change a persona's draft: the latest one names who last changed it. */
export const CHANGE_TYPES: readonly ActivityType[] = ACTIVITY_TYPES.filter(
  (type) => !['published', 'archived', 'unarchived', 'trashed', 'untrashed'].includes(type),
);

/** A member as the activity and the persona list name them (current name, former members too). */
export const memberRefSchema = z.object({ id: z.string(), name: z.string(), team: z.enum(TEAMS) });
export type MemberRef = z.infer<typeof memberRefSchema>;

export const activityEventSchema = z.object({
  at: z.iso.datetime(),
  /** Null for the Operator. */
  member: memberRefSchema.nullable(),
  /** One of ACTIVITY_TYPES; a type this client does not know yet is kept as a string. */
  type: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type ActivityEventView = z.infer<typeof activityEventSchema>;

export const activityResponseSchema = z.object({ events: z.array(activityEventSchema) });
export type ActivityResponse = z.infer<typeof activityResponseSchema>;

export const ACTIVITY_PAGE_MAX = 500;

export const activityQuerySchema = z
  .object({
    limit: z.coerce.number().int('limit must be a whole number').min(1, 'limit must be at least 1').max(ACTIVITY_PAGE_MAX, `limit must be at most ${ACTIVITY_PAGE_MAX}`).optional(),
    before: z.iso.datetime('before must be an ISO 8601 time').optional(),
    token: z.string().optional(),
  })
  .strict();
// ---- Scorecard (SPEC §8) ----

export const metricSchema = z.enum(METRICS);
export const periodSchema = z
  .string()
  .refine(isPeriod, 'period must be a year (2027), a quarter (2027-Q1) or a month (2027-01)');

/** `?period=` of the scorecard and the joint report (required: without it, 400). */
export const periodQuerySchema = z
  .object({ period: periodSchema, lang: z.enum(LOCALES).optional(), token: z.string().optional() })
  .strict();

const figureSchema = z.number().nullable();
export const figuresSchema = z.object({
  winRate: figureSchema,
  avgDealSize: figureSchema,
  salesCycleDays: figureSchema,
  dealsWon: figureSchema,
  pipelineCreated: figureSchema,
});
export const lossReasonSchema = z.object({ reason: z.string(), count: z.number().int().positive() });
export const actualsSchema = figuresSchema.extend({ lossReasons: z.array(lossReasonSchema) });
export type ActualsBody = z.infer<typeof actualsSchema>;

/** A target of the period against its actual; `met` null when `actual` is. */
export const targetResultSchema = z.object({
  id: z.string(),
  metric: metricSchema,
  value: z.number(),
  period: periodSchema,
  agreed: z.boolean(),
  actual: z.number().nullable(),
  met: z.boolean().nullable(),
});
export type TargetResult = z.infer<typeof targetResultSchema>;

/** The import the figures come from; null before the first import. `deals`: the persona's deals in it. */
export const scorecardBasisSchema = z
  .object({ importId: z.string(), at: z.iso.datetime(), deals: z.number().int().nonnegative() })
  .nullable();

/** The scorecard as SPEC §8 gives it (also what a published version freezes per period). */
export const scorecardSchema = z.object({
  period: periodSchema,
  targets: z.array(targetResultSchema),
  actuals: actualsSchema,
  basis: scorecardBasisSchema,
});
export type Scorecard = z.infer<typeof scorecardSchema>;

/** Each import's figures for the period, oldest first: the trend chart. */
export const trendPointSchema = figuresSchema.extend({ importId: z.string(), at: z.iso.datetime() });
export type TrendPoint = z.infer<typeof trendPointSchema>;

/** `GET /api/personas/:id/scorecard?period=`: §8's scorecard, the trend, and the periods that have targets. */
export const scorecardResponseSchema = scorecardSchema.extend({
  trend: z.array(trendPointSchema),
  periods: z.array(periodSchema),
});
export type ScorecardResponse = z.infer<typeof scorecardResponseSchema>;

/** One side's genuine sign-off of a target (SPEC §6): the member's name and id, and whether it changed since. */
export const targetSignoffSchema = z.object({ by: z.string(), memberId: z.string(), at: z.iso.datetime(), stale: z.boolean() });
/** A target as the library shows it, frozen at publish. */
export const publishedTargetSchema = z.object({
  id: z.string(),
  metric: metricSchema,
  value: z.number(),
  period: periodSchema,
  agreed: z.boolean(),
  signoffs: z.object({ marketing: targetSignoffSchema.nullable(), sales: targetSignoffSchema.nullable() }),
});
export type PublishedTarget = z.infer<typeof publishedTargetSchema>;

export const CRM_KINDS = ['deals'] as const;
export const CRM_SOURCES = ['hubspot', 'salesforce', 'mapped'] as const;
export type CrmSource = (typeof CRM_SOURCES)[number];
export const CRM_FIELDS = ['id', 'name', 'stage', 'amount', 'createdAt', 'closedAt', 'lossReason', 'persona'] as const;
export type CrmField = (typeof CRM_FIELDS)[number];
/** The most a CSV import may weigh (SPEC §8): 10 MiB; more → 413. */
export const CRM_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** `?columns=`: which header holds each field, for a CSV from any CRM. */
export const columnMappingSchema = z
  .object(Object.fromEntries(CRM_FIELDS.map((field) => [field, z.string().min(1).max(200).optional()])) as Record<CrmField, z.ZodOptional<z.ZodString>>)
  .strict();
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/**
 * `POST /api/crm/imports` query. `dates`: how to read a date like 03/04/2026 (`mdy` US, `dmy`
 * day first); by default HubSpot and Salesforce files read `mdy` (their US exports) unless a day
 * over 12 shows the file is `dmy`; see server/crm/values.ts.
 */
export const crmImportQuerySchema = z
  .object({
    kind: z.enum(CRM_KINDS, 'kind must be deals'),
    dryRun: z.enum(['true', 'false'], 'dryRun must be true or false').default('false').transform((value) => value === 'true'),
    columns: z
      .string()
      .max(4000)
      .transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'columns must be JSON' });
          return z.NEVER;
        }
      })
      .pipe(columnMappingSchema)
      .optional(),
    dates: z.enum(['mdy', 'dmy'], 'dates must be mdy or dmy').optional(),
    filename: z.string().max(255).optional(),
    token: z.string().optional(),
  })
  .strict();

export const importRowErrorSchema = z.object({ row: z.number().int().positive(), message: z.string() });
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

/** The dry run's answer: SPEC §8's fields, plus the file's headers and which CRM wrote it. */
export const importPreviewSchema = z.object({
  rows: z.number().int().nonnegative(),
  ready: z.number().int().nonnegative(),
  errors: z.array(importRowErrorSchema),
  unmapped: z.array(z.string()),
  headers: z.array(z.string()),
  detected: z.enum(CRM_SOURCES).nullable(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

/** One kept import (never changed): who, when, the rows imported and the file's SHA-256. `by` null: the Operator. */
export const crmImportSchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  by: memberRefSchema.nullable(),
  rows: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  filename: z.string().nullable(),
});
export type CrmImport = z.infer<typeof crmImportSchema>;
export const crmImportResponseSchema = z.object({ import: crmImportSchema });
export const crmImportListResponseSchema = z.object({ imports: z.array(crmImportSchema) });
export type CrmImportListResponse = z.infer<typeof crmImportListResponseSchema>;

export const CRM_VALUE_MAX = 200;
/** `PUT /api/crm/persona-map` body: CRM value → persona id (null forgets a value); merged into what is kept. */
export const personaMapRequestSchema = z.record(
  z.string().trim().min(1, 'a CRM value is not empty').max(CRM_VALUE_MAX, `a CRM value is at most ${CRM_VALUE_MAX} characters`),
  z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a persona id is 1 to 64 letters, digits, "-" or "_"').nullable(),
);
export const personaMapResponseSchema = z.object({ map: z.record(z.string(), z.string()) });
export type PersonaMapResponse = z.infer<typeof personaMapResponseSchema>;

/** `GET /api/report?period=`: every persona's scorecard side by side, with the members who agreed its targets. */
export const reportEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  scorecard: scorecardResponseSchema,
  agreedBy: z.object({ marketing: z.array(z.string()), sales: z.array(z.string()) }),
});
export type ReportEntry = z.infer<typeof reportEntrySchema>;
export const reportResponseSchema = z.object({ period: periodSchema, personas: z.array(reportEntrySchema) });
export type ReportResponse = z.infer<typeof reportResponseSchema>;

/** A met agreed target, told to each member who signed it (both teams). */
export const noticeSchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  personaId: z.string(),
  personaName: z.string(),
  kind: z.literal('target-met'),
  detail: z.object({ targetId: z.string(), metric: metricSchema, period: periodSchema, value: z.number(), actual: z.number() }),
  readAt: z.iso.datetime().nullable(),
});
export type Notice = z.infer<typeof noticeSchema>;
export const noticeListResponseSchema = z.object({ notices: z.array(noticeSchema) });
export type NoticeListResponse = z.infer<typeof noticeListResponseSchema>;
