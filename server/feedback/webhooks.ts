/**
 * Outgoing webhooks (issue 17). Each feedback event a hook chose becomes a delivery, stored before
 * it is sent, so that a restart resumes what was pending. A delivery is a POST of the exact stored
 * body, signed `X-Tandem-Signature: sha256=<hex HMAC-SHA256 of the body with the hook's secret>`,
 * with a timeout; a failure is tried again with exponential backoff up to a bound, and every answer
 * is kept in the hook's delivery log (the newest ones).
 *
 * Only admins register hooks, and only http(s) URLs without credentials (webhookRequests.ts). A hook
 * may point inside the company's network on purpose (a chat server): redirects are not followed and
 * no response body is read or shown, so a hook cannot be used to read an internal page.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { MemberRef } from '../../shared/api.ts';
import type { Locale } from '../../shared/locale.ts';
import type { WebhookConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { DeliveryRecord, NewDelivery, People, PersonaIndex, WebhookRecord, Webhooks } from '../storage/storage.ts';
import type { FeedbackBus, FeedbackEvent } from './bus.ts';
import { DueTimer } from './dueTimer.ts';
import { say } from './outgoingText.ts';
import { formatBody, webhookPayloads, type WebhookPayload } from './webhookPayloads.ts';

export interface WebhookDispatcherOptions {
  webhooks: Webhooks;
  people: People;
  index: PersonaIndex;
  bus: FeedbackBus;
  logger: Logger;
  config: WebhookConfig;
  locale: Locale;
  publicUrl: () => string;
}

/** Deliveries tried at once in a pass. */
const BATCH = 10;
const ERROR_MAX = 300;

export class WebhookDispatcher {
  readonly #o: WebhookDispatcherOptions;
  #unsubscribe: (() => void) | null = null;
  #writes: Promise<void> = Promise.resolve();
  readonly #due: DueTimer;

  constructor(options: WebhookDispatcherOptions) {
    this.#o = options;
    this.#due = new DueTimer({ nextDueAt: () => options.webhooks.nextDueAt(), work: () => this.#sendDue(), logger: options.logger, what: 'webhook deliveries' });
  }

  /** Listens to feedback events and resumes the deliveries a previous run left pending. */
  start(): void {
    if (this.#unsubscribe) return;
    this.#unsubscribe = this.#o.bus.onEvent((event) => {
      this.#writes = this.#writes.then(() => this.#queue(event)).catch((err: unknown) => this.#o.logger.error({ err }, 'webhook deliveries could not be queued'));
    });
    this.#due.wake();
  }

  /** Sends a test event to one hook now and answers with its delivery as it stands after the first attempt. */
  async test(hook: WebhookRecord, actor: MemberRef | null): Promise<DeliveryRecord | null> {
    const payload: WebhookPayload = {
      event: 'test',
      at: new Date().toISOString(),
      persona: null,
      actor,
      link: this.#o.publicUrl(),
      text: say(this.#o.locale, 'event.test'),
      detail: {},
    };
    const delivery = this.#delivery(hook, payload, null);
    await this.#o.webhooks.addDeliveries([delivery]);
    await this.#due.run();
    return (await this.#o.webhooks.listDeliveries(hook.id, 100)).find((d) => d.id === delivery.id) ?? null;
  }

  /** Waits until what was heard is queued and every delivery due now has been tried. */
  async flush(): Promise<void> {
    await this.#writes;
    await this.#due.run();
  }

  async close(): Promise<void> {
    this.#unsubscribe?.();
    // What was heard is stored before the timer stops: a restart sends it.
    await this.#writes;
    await this.#due.close();
  }

  async #queue(event: FeedbackEvent): Promise<void> {
    if (this.#due.closed) return;
    const hooks = await this.#o.webhooks.listHooks();
    if (hooks.length === 0) return;
    const members = await this.#o.people.listMembers();
    const byId = new Map(members.map((m) => [m.id, m]));
    const actor = event.actorId ? byId.get(event.actorId) : undefined;
    const payloads = webhookPayloads(event, {
      locale: this.#o.locale,
      baseUrl: this.#o.publicUrl(),
      personaName: await this.#personaName(event.personaId),
      actor: actor ? { id: actor.id, name: actor.name, team: actor.team } : null,
      nameOf: (id) => {
        const member = byId.get(id);
        return member && member.removedAt === null ? member.name : null;
      },
    });
    const deliveries = payloads.flatMap((payload) =>
      hooks.filter((hook) => payload.event !== 'test' && hook.events.includes(payload.event)).map((hook) => this.#delivery(hook, payload, event.personaId)),
    );
    if (deliveries.length === 0) return;
    await this.#o.webhooks.addDeliveries(deliveries);
    this.#due.wake();
  }

  #delivery(hook: WebhookRecord, payload: WebhookPayload, personaId: string | null): NewDelivery {
    return {
      id: randomUUID(),
      hookId: hook.id,
      event: payload.event,
      personaId,
      body: formatBody(payload, hook.format, this.#o.locale),
      createdAt: new Date().toISOString(),
    };
  }

  /** The persona's current name, from the list (an event's persona is a draft or archived, never erased). */
  async #personaName(id: string): Promise<string> {
    for (const view of ['drafts', 'archived'] as const) {
      const row = (await this.#o.index.listIndex(view)).find((r) => r.id === id);
      if (row) return row.name;
    }
    return '';
  }

  async #sendDue(): Promise<void> {
    for (;;) {
      const due = await this.#o.webhooks.dueDeliveries(new Date().toISOString(), BATCH);
      if (due.length === 0 || this.#due.closed) return;
      await Promise.all(due.map((delivery) => this.#attempt(delivery)));
    }
  }

  async #attempt(delivery: DeliveryRecord): Promise<void> {
    const { webhooks, config, logger } = this.#o;
    const hook = await webhooks.getHook(delivery.hookId);
    if (!hook) return;
    const { statusCode, error, retry } = await post(hook, delivery, config.timeoutMs);
    const at = new Date().toISOString();
    const attempts = delivery.attempts + 1;
    const delivered = error === null;
    const again = !delivered && retry && attempts < config.maxAttempts;
    const nextAt = again ? new Date(Date.now() + config.retryBaseMs * 4 ** (attempts - 1)).toISOString() : null;
    await webhooks.recordAttempt(delivery.id, { at, statusCode, error, status: delivered ? 'delivered' : again ? 'pending' : 'failed', nextAt }, config.keepDeliveries);
    if (!delivered) logger.warn({ hookId: hook.id, deliveryId: delivery.id, statusCode, error, attempts, nextAt }, 'a webhook delivery failed');
  }
}

/** One POST; the answer's status, or why there was none, and whether trying again may help. */
async function post(hook: WebhookRecord, delivery: DeliveryRecord, timeoutMs: number): Promise<{ statusCode: number | null; error: string | null; retry: boolean }> {
  const signature = createHmac('sha256', hook.secret).update(delivery.body).digest('hex');
  try {
    const response = await fetch(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Tandem-Webhooks/1',
        'x-tandem-event': delivery.event,
        'x-tandem-delivery': delivery.id,
        'x-tandem-signature': `sha256=${signature}`,
      },
      body: delivery.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    const status = response.status;
    if (status >= 200 && status < 300) return { statusCode: status, error: null, retry: false };
    if (status >= 300 && status < 400) return { statusCode: status, error: `HTTP ${status}: redirects are not followed; register the final address`, retry: false };
    // A 4xx says the request itself is wrong (gone, refused): trying it again would not help, except these.
    const retry = status >= 500 || status === 408 || status === 429;
    return { statusCode: status, error: `HTTP ${status}`, retry };
  } catch (err) {
    const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
    return { statusCode: null, error: timedOut ? `no answer within ${timeoutMs / 1000} s` : describe(err), retry: true };
  }
}

function describe(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause as { code: unknown }).code) : '';
  const message = cause instanceof Error ? cause.message : String(cause);
  return (code && !message.includes(code) ? `${code}: ${message}` : message).slice(0, ERROR_MAX);
}
