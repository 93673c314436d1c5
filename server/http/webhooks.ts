import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type {
  CreateWebhookResponse,
  Webhook,
  WebhookDeliveriesResponse,
  WebhookDelivery,
  WebhookListResponse,
  WebhookTestResponse,
} from '../../shared/feedback/webhooks.ts';
import { createWebhookRequestSchema, updateWebhookRequestSchema, WEBHOOKS_MAX } from '../../shared/feedback/webhooks.ts';
import type { WebhookDispatcher } from '../feedback/webhooks.ts';
import type { DeliveryRecord, WebhookRecord, Webhooks } from '../storage/storage.ts';
import { actorOf } from './activity.ts';
import { requireRole, type RequestAuth } from './auth.ts';
import { ApiError, parseBody, parseQuery } from './errors.ts';

export interface WebhookRoutesOptions {
  auth: RequestAuth;
  webhooks: Webhooks;
  dispatcher: WebhookDispatcher;
}

const deliveriesQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }).strict();

const toDelivery = ({ id, event, createdAt, status, attempts, nextAt, lastAttemptAt, statusCode, lastError }: DeliveryRecord): WebhookDelivery => ({
  id,
  event,
  createdAt,
  status,
  attempts,
  nextAt,
  lastAttemptAt,
  statusCode,
  lastError,
});

/** `/api/webhooks` (admins): register URLs for events, see their deliveries, send a test. */
export function registerWebhookRoutes(app: FastifyInstance, { auth, webhooks, dispatcher }: WebhookRoutesOptions): void {
  const toWebhook = async ({ id, url, events, format, createdAt }: WebhookRecord): Promise<Webhook> => {
    const [last] = await webhooks.listDeliveries(id, 1);
    return { id, url, events, format, createdAt, lastDelivery: last ? toDelivery(last) : null };
  };

  async function existingHook(id: string): Promise<WebhookRecord> {
    const hook = await webhooks.getHook(id);
    if (!hook) throw new ApiError('not_found', `There is no webhook ${id}`);
    return hook;
  }

  app.get('/api/webhooks', async (request): Promise<WebhookListResponse> => {
    await requireRole(auth, request, 'admin');
    return { webhooks: await Promise.all((await webhooks.listHooks()).map(toWebhook)) };
  });

  app.post('/api/webhooks', async (request, reply) => {
    const principal = await requireRole(auth, request, 'admin');
    const { url, events, format } = parseBody(createWebhookRequestSchema, request.body);
    if ((await webhooks.listHooks()).length >= WEBHOOKS_MAX) throw new ApiError('conflict', `There are already ${WEBHOOKS_MAX} webhooks; remove one first`);
    const hook: WebhookRecord = {
      id: randomBytes(12).toString('base64url'),
      url,
      events,
      format,
      secret: randomBytes(32).toString('base64url'),
      createdAt: new Date().toISOString(),
      createdBy: actorOf(principal),
    };
    await webhooks.addHook(hook);
    const body: CreateWebhookResponse = { webhook: await toWebhook(hook), secret: hook.secret };
    return reply.status(201).send(body);
  });

  app.patch<{ Params: { id: string } }>('/api/webhooks/:id', async (request) => {
    await requireRole(auth, request, 'admin');
    const changes = parseBody(updateWebhookRequestSchema, request.body);
    const hook = await webhooks.updateHook((await existingHook(request.params.id)).id, changes);
    if (!hook) throw new ApiError('not_found', `There is no webhook ${request.params.id}`);
    return { webhook: await toWebhook(hook) };
  });

  app.delete<{ Params: { id: string } }>('/api/webhooks/:id', async (request, reply) => {
    await requireRole(auth, request, 'admin');
    if (!(await webhooks.removeHook(request.params.id))) throw new ApiError('not_found', `There is no webhook ${request.params.id}`);
    return reply.status(204).send();
  });

  app.get<{ Params: { id: string } }>('/api/webhooks/:id/deliveries', async (request): Promise<WebhookDeliveriesResponse> => {
    await requireRole(auth, request, 'admin');
    const { limit } = parseQuery(deliveriesQuerySchema, request.query);
    const hook = await existingHook(request.params.id);
    return { deliveries: (await webhooks.listDeliveries(hook.id, limit)).map(toDelivery) };
  });

  app.post<{ Params: { id: string } }>('/api/webhooks/:id/test', async (request): Promise<WebhookTestResponse> => {
    const principal = await requireRole(auth, request, 'admin');
    const hook = await existingHook(request.params.id);
    const actor = principal.kind === 'member' ? { id: principal.member.id, name: principal.member.name, team: principal.member.team } : null;
    const delivery = await dispatcher.test(hook, actor);
    return { delivery: delivery ? toDelivery(delivery) : null };
  });
}
