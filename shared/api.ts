/** HTTP API types and validators, shared by the server and the client. */
import { z } from 'zod';
import { LOCALES } from './locale.ts';
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

export const personaListResponseSchema = z.object({ personas: z.array(personaSummarySchema) });
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

/** `POST /api/invites` (editors): a fresh access token to share, e.g. a read-only link to a persona. */
export const createInviteRequestSchema = z
  .object({
    role: z.enum(['editor', 'viewer']),
    days: z.number().int().min(1, 'days must be at least 1').max(365, 'days must be at most 365').optional(),
  })
  .strict();
export type CreateInviteRequest = z.infer<typeof createInviteRequestSchema>;

export const DEFAULT_INVITE_DAYS = 30;

export const createInviteResponseSchema = z.object({ token: z.string(), expiresAt: z.iso.datetime() });
export type CreateInviteResponse = z.infer<typeof createInviteResponseSchema>;

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

/** Who published: the participant's name and side (an addition to the contract's body). */
export const publisherSchema = z.object({
  name: z.string().trim().min(1, 'publishedBy.name is empty').max(80, 'publishedBy.name is over 80 characters'),
  side: z.enum(SIDES),
});
export type Publisher = z.infer<typeof publisherSchema>;

export const publishRequestSchema = z
  .object({
    note: z.string().trim().max(PUBLISH_NOTE_MAX, `note must be at most ${PUBLISH_NOTE_MAX} characters`).optional(),
    publishedBy: publisherSchema.optional(),
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
