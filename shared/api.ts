/** HTTP API types and validators, shared by the server and the client. */
import { z } from 'zod';

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
