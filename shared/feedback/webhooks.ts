/**
 * Outgoing webhooks (issue 17): what an admin registers (`/api/webhooks`) and what the delivery log
 * shows. Shared by the server and the admin page.
 */
import { z } from 'zod';

export const WEBHOOK_EVENTS = ['published', 'signed-off', 'target-met', 'evidence-added', 'mention'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** `json`: Tandem's payload; `slack` / `teams`: the body their incoming webhooks take. */
export const WEBHOOK_FORMATS = ['json', 'slack', 'teams'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const WEBHOOK_URL_MAX = 2000;
/** Hooks a server keeps at most: each event is POSTed to each, so the count bounds the work. */
export const WEBHOOKS_MAX = 50;

/** An http(s) address without credentials in it (a secret belongs in the path or the signature, not user:pass@). */
export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, 'url must not be empty')
  .max(WEBHOOK_URL_MAX, `url must be at most ${WEBHOOK_URL_MAX} characters`)
  .superRefine((value, ctx) => {
    if (!URL.canParse(value)) return void ctx.addIssue({ code: 'custom', message: 'url must be an absolute address such as https://hooks.example.com/tandem' });
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') ctx.addIssue({ code: 'custom', message: 'url must start with https:// or http://' });
    else if (url.username !== '' || url.password !== '') ctx.addIssue({ code: 'custom', message: 'url must not carry a user name or password' });
    else if (url.hostname === '') ctx.addIssue({ code: 'custom', message: 'url must name a host' });
  });

const eventsSchema = z
  .array(z.enum(WEBHOOK_EVENTS))
  .min(1, 'events: choose at least one')
  .max(WEBHOOK_EVENTS.length)
  .transform((events) => WEBHOOK_EVENTS.filter((event) => events.includes(event)));

export const createWebhookRequestSchema = z
  .object({ url: webhookUrlSchema, events: eventsSchema, format: z.enum(WEBHOOK_FORMATS).default('json') })
  .strict();
export type CreateWebhookRequest = z.input<typeof createWebhookRequestSchema>;

export const updateWebhookRequestSchema = z
  .object({ url: webhookUrlSchema.optional(), events: eventsSchema.optional(), format: z.enum(WEBHOOK_FORMATS).optional() })
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, 'give at least one of url, events, format');
export type UpdateWebhookRequest = z.input<typeof updateWebhookRequestSchema>;

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/** One delivery as the log shows it (never the body: it may hold a persona's words). */
export const webhookDeliverySchema = z.object({
  id: z.string(),
  /** A webhook event, or `test`. */
  event: z.string(),
  createdAt: z.iso.datetime(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int().nonnegative(),
  nextAt: z.iso.datetime().nullable(),
  lastAttemptAt: z.iso.datetime().nullable(),
  statusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

/** A hook as listed: never its secret. */
export const webhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  format: z.enum(WEBHOOK_FORMATS),
  createdAt: z.iso.datetime(),
  /** Its latest delivery, for the list's status; null before the first. */
  lastDelivery: webhookDeliverySchema.nullable(),
});
export type Webhook = z.infer<typeof webhookSchema>;

export const webhookListResponseSchema = z.object({ webhooks: z.array(webhookSchema) });
export type WebhookListResponse = z.infer<typeof webhookListResponseSchema>;

/** `POST /api/webhooks` → 201: the hook and its signing secret, shown this once. */
export const createWebhookResponseSchema = z.object({ webhook: webhookSchema, secret: z.string() });
export type CreateWebhookResponse = z.infer<typeof createWebhookResponseSchema>;

export const webhookDeliveriesResponseSchema = z.object({ deliveries: z.array(webhookDeliverySchema) });
export type WebhookDeliveriesResponse = z.infer<typeof webhookDeliveriesResponseSchema>;

/** `POST /api/webhooks/:id/test` → the test delivery after its first attempt. */
export const webhookTestResponseSchema = z.object({ delivery: webhookDeliverySchema.nullable() });
export type WebhookTestResponse = z.infer<typeof webhookTestResponseSchema>;
