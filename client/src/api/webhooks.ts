// The admins' webhooks (issue 17): register, change, remove, see deliveries, send a test.
import { z } from 'zod';
import type { CreateWebhookRequest, CreateWebhookResponse, UpdateWebhookRequest, Webhook, WebhookDelivery } from '../../../shared/feedback/webhooks.ts';
import {
  createWebhookResponseSchema,
  webhookDeliveriesResponseSchema,
  webhookListResponseSchema,
  webhookSchema,
  webhookTestResponseSchema,
} from '../../../shared/feedback/webhooks.ts';

type Request = <T>(path: string, schema: z.ZodType<T>, init?: RequestInit) => Promise<T>;
type Send = (path: string, init: RequestInit) => Promise<Response>;

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const hookPath = (id: string) => `/api/webhooks/${encodeURIComponent(id)}`;
const updatedSchema = z.object({ webhook: webhookSchema });

export function webhookEndpoints(request: Request, send: Send) {
  return {
    async listWebhooks(signal?: AbortSignal): Promise<Webhook[]> {
      return (await request('/api/webhooks', webhookListResponseSchema, signal ? { signal } : {})).webhooks;
    },
    /** The new hook and its signing secret, which the server shows this once. */
    createWebhook(body: CreateWebhookRequest): Promise<CreateWebhookResponse> {
      return request('/api/webhooks', createWebhookResponseSchema, json('POST', body));
    },
    async updateWebhook(id: string, body: UpdateWebhookRequest): Promise<Webhook> {
      return (await request(hookPath(id), updatedSchema, json('PATCH', body))).webhook;
    },
    async removeWebhook(id: string): Promise<void> {
      await send(hookPath(id), { method: 'DELETE' });
    },
    async listDeliveries(id: string, signal?: AbortSignal): Promise<WebhookDelivery[]> {
      return (await request(`${hookPath(id)}/deliveries`, webhookDeliveriesResponseSchema, signal ? { signal } : {})).deliveries;
    },
    /** Sends a test event now; the delivery after its first attempt. */
    async testWebhook(id: string): Promise<WebhookDelivery | null> {
      return (await request(`${hookPath(id)}/test`, webhookTestResponseSchema, json('POST', {}))).delivery;
    },
  };
}
