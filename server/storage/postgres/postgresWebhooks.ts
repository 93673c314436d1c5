import type { DeliveryRecord, DeliveryStatus, WebhookEventType, WebhookFormat, WebhookRecord, Webhooks } from '../storage.ts';
import { WEBHOOK_EVENT_TYPES } from '../storage.ts';
import { changed, type Db } from './db.ts';

interface HookRow {
  id: string;
  url: string;
  events: string;
  format: string;
  secret: string;
  created_at: string;
  created_by: string | null;
}

interface DeliveryRow {
  id: string;
  hook_id: string;
  event: string;
  persona_id: string | null;
  body: string;
  created_at: string;
  status: string;
  attempts: number;
  next_at: string | null;
  last_attempt_at: string | null;
  status_code: number | null;
  last_error: string | null;
}

/** Webhooks and their deliveries on the `webhooks` and `webhook_deliveries` tables; semantics as sqliteWebhooks.ts. */
export function postgresWebhooks(db: Db): Webhooks {
  const getHook = (id: string) =>
    db.run('getWebhook', async (q) => toHook((await q.query<HookRow>('SELECT * FROM webhooks WHERE id = $1', [id])).rows[0]));
  return {
    addHook: (hook) =>
      db.run('addWebhook', async (q) => {
        await q.query(
          `INSERT INTO webhooks (id, url, events, format, secret, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [hook.id, hook.url, JSON.stringify(hook.events), hook.format, hook.secret, hook.createdAt, hook.createdBy],
        );
      }),
    getHook,
    listHooks: () =>
      db.run('listWebhooks', async (q) =>
        (await q.query<HookRow>('SELECT * FROM webhooks ORDER BY seq')).rows.map((row) => toHook(row) as WebhookRecord),
      ),
    updateHook: (id, changes) =>
      db.run('updateWebhook', async (q) => {
        const { rows } = await q.query<HookRow>(
          `UPDATE webhooks SET url = coalesce($2, url), events = coalesce($3, events), format = coalesce($4, format)
           WHERE id = $1 RETURNING *`,
          [id, changes.url ?? null, changes.events ? JSON.stringify(changes.events) : null, changes.format ?? null],
        );
        return toHook(rows[0]);
      }),
    // Its deliveries go with it (ON DELETE CASCADE).
    removeHook: (id) => db.run('removeWebhook', async (q) => changed(await q.query('DELETE FROM webhooks WHERE id = $1', [id])) > 0),
    addDeliveries: (deliveries) =>
      db.run('addDeliveries', async (q) => {
        if (deliveries.length === 0) return;
        // One statement, all or none; a delivery of a hook removed meanwhile is dropped by the join.
        await q.query(
          `INSERT INTO webhook_deliveries (id, hook_id, event, persona_id, body, created_at, status, next_at)
           SELECT d.id, d.hook_id, d.event, d.persona_id, d.body, d.created_at, 'pending', d.created_at
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY
             AS d (id, hook_id, event, persona_id, body, created_at, ord)
           JOIN webhooks h ON h.id = d.hook_id ORDER BY d.ord`,
          [
            deliveries.map((d) => d.id),
            deliveries.map((d) => d.hookId),
            deliveries.map((d) => d.event),
            deliveries.map((d) => d.personaId),
            deliveries.map((d) => d.body),
            deliveries.map((d) => d.createdAt),
          ],
        );
      }),
    dueDeliveries: (now, limit) =>
      db.run('dueDeliveries', async (q) => {
        const { rows } = await q.query<DeliveryRow>(
          "SELECT * FROM webhook_deliveries WHERE status = 'pending' AND next_at <= $1 ORDER BY next_at, seq LIMIT $2",
          [now, limit],
        );
        return rows.map(toDelivery);
      }),
    nextDueAt: () =>
      db.run('nextDeliveryDue', async (q) => {
        const { rows } = await q.query<{ next_at: string | null }>("SELECT min(next_at) AS next_at FROM webhook_deliveries WHERE status = 'pending'");
        return rows[0]?.next_at ?? null;
      }),
    recordAttempt: (id, attempt, keep) =>
      db.tx('recordAttempt', async (client) => {
        const { rows } = await client.query<{ hook_id: string }>(
          `UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = $2, status_code = $3,
             last_error = $4, status = $5, next_at = $6 WHERE id = $1 RETURNING hook_id`,
          [id, attempt.at, attempt.statusCode, attempt.error, attempt.status, attempt.status === 'pending' ? attempt.nextAt : null],
        );
        const hook = rows[0];
        // The log keeps the newest finished deliveries of a hook; pending ones are never trimmed.
        if (hook && attempt.status !== 'pending') {
          await client.query(
            `DELETE FROM webhook_deliveries WHERE hook_id = $1 AND status != 'pending' AND seq NOT IN (
               SELECT seq FROM webhook_deliveries WHERE hook_id = $1 AND status != 'pending' ORDER BY seq DESC LIMIT $2)`,
            [hook.hook_id, keep],
          );
        }
      }),
    listDeliveries: (hookId, limit) =>
      db.run('listDeliveries', async (q) => {
        const { rows } = await q.query<DeliveryRow>('SELECT * FROM webhook_deliveries WHERE hook_id = $1 ORDER BY seq DESC LIMIT $2', [hookId, limit]);
        return rows.map(toDelivery);
      }),
  };
}

const FORMATS: readonly WebhookFormat[] = ['json', 'slack', 'teams'];
const STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed'];

function toHook(row: HookRow | undefined): WebhookRecord | null {
  if (!row) return null;
  const events = (JSON.parse(row.events) as unknown[]).filter((e): e is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly unknown[]).includes(e));
  return {
    id: row.id,
    url: row.url,
    events,
    format: FORMATS.find((f) => f === row.format) ?? 'json',
    secret: row.secret,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

function toDelivery(row: DeliveryRow): DeliveryRecord {
  return {
    id: row.id,
    hookId: row.hook_id,
    event: row.event,
    personaId: row.persona_id,
    body: row.body,
    createdAt: row.created_at,
    status: STATUSES.find((s) => s === row.status) ?? 'failed',
    attempts: row.attempts,
    nextAt: row.next_at,
    lastAttemptAt: row.last_attempt_at,
    statusCode: row.status_code,
    lastError: row.last_error,
  };
}
