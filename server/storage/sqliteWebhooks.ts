import type Database from 'better-sqlite3';
import type { RunInStore } from './sqliteLibrary.ts';
import type { DeliveryRecord, DeliveryStatus, WebhookEventType, WebhookFormat, WebhookRecord, Webhooks } from './storage.ts';
import { WEBHOOK_EVENT_TYPES } from './storage.ts';

/** Webhooks and their deliveries (issue 17); part of sqliteStorage.ts's schema, created with it. */
export const WEBHOOKS_SCHEMA = `
CREATE TABLE IF NOT EXISTS webhooks (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  url TEXT NOT NULL,
  events TEXT NOT NULL,
  format TEXT NOT NULL,
  secret TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT
) STRICT;
-- No foreign key to personas: erasing a persona deletes its deliveries in erasePersona.
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  hook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  event TEXT NOT NULL,
  persona_id TEXT,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at TEXT,
  last_attempt_at TEXT,
  status_code INTEGER,
  last_error TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (next_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS webhook_deliveries_by_hook ON webhook_deliveries (hook_id, seq);
CREATE INDEX IF NOT EXISTS webhook_deliveries_by_persona ON webhook_deliveries (persona_id);
`;

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

export function sqliteWebhooks(db: Database.Database, run: RunInStore): Webhooks {
  const insertHook = db.prepare(
    `INSERT INTO webhooks (id, url, events, format, secret, created_at, created_by)
     VALUES (@id, @url, @events, @format, @secret, @createdAt, @createdBy)`,
  );
  const selectHook = db.prepare<[string], HookRow>('SELECT * FROM webhooks WHERE id = ?');
  const selectHooks = db.prepare<[], HookRow>('SELECT * FROM webhooks ORDER BY seq');
  const updateHook = db.prepare(
    'UPDATE webhooks SET url = coalesce(@url, url), events = coalesce(@events, events), format = coalesce(@format, format) WHERE id = @id',
  );
  const deleteHook = db.prepare<[string]>('DELETE FROM webhooks WHERE id = ?');
  const insertDelivery = db.prepare(
    `INSERT INTO webhook_deliveries (id, hook_id, event, persona_id, body, created_at, status, next_at)
     SELECT @id, @hookId, @event, @personaId, @body, @createdAt, 'pending', @createdAt
     WHERE EXISTS (SELECT 1 FROM webhooks WHERE id = @hookId)`,
  );
  const insertDeliveries = db.transaction((deliveries: Parameters<Webhooks['addDeliveries']>[0]) => {
    for (const delivery of deliveries) insertDelivery.run(delivery);
  });
  const selectDue = db.prepare<[string, number], DeliveryRow>(
    "SELECT * FROM webhook_deliveries WHERE status = 'pending' AND next_at <= ? ORDER BY next_at, seq LIMIT ?",
  );
  const selectNextDue = db.prepare<[], { next_at: string | null }>("SELECT min(next_at) AS next_at FROM webhook_deliveries WHERE status = 'pending'");
  const updateAttempt = db.prepare(
    `UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = @at, status_code = @statusCode,
       last_error = @error, status = @status, next_at = @nextAt WHERE id = @id`,
  );
  const selectHookOf = db.prepare<[string], { hook_id: string }>('SELECT hook_id FROM webhook_deliveries WHERE id = ?');
  // The log keeps the newest finished deliveries of a hook; pending ones are never trimmed.
  const trim = db.prepare<[string, string, number]>(
    `DELETE FROM webhook_deliveries WHERE hook_id = ? AND status != 'pending' AND seq NOT IN (
       SELECT seq FROM webhook_deliveries WHERE hook_id = ? AND status != 'pending' ORDER BY seq DESC LIMIT ?)`,
  );
  const recordTx = db.transaction((id: string, attempt: Parameters<Webhooks['recordAttempt']>[1], keep: number) => {
    updateAttempt.run({ id, ...attempt, nextAt: attempt.status === 'pending' ? attempt.nextAt : null });
    const hook = selectHookOf.get(id);
    if (hook && attempt.status !== 'pending') trim.run(hook.hook_id, hook.hook_id, keep);
  });
  const selectDeliveries = db.prepare<[string, number], DeliveryRow>('SELECT * FROM webhook_deliveries WHERE hook_id = ? ORDER BY seq DESC LIMIT ?');

  return {
    addHook: (hook) =>
      run('addWebhook', () => {
        insertHook.run({ ...hook, events: JSON.stringify(hook.events) });
      }),
    getHook: (id) => run('getWebhook', () => toHook(selectHook.get(id))),
    listHooks: () => run('listWebhooks', () => selectHooks.all().map((row) => toHook(row) as WebhookRecord)),
    updateHook: (id, changes) =>
      run('updateWebhook', () => {
        updateHook.run({
          id,
          url: changes.url ?? null,
          events: changes.events ? JSON.stringify(changes.events) : null,
          format: changes.format ?? null,
        });
        return toHook(selectHook.get(id));
      }),
    removeHook: (id) => run('removeWebhook', () => deleteHook.run(id).changes > 0),
    addDeliveries: (deliveries) => run('addDeliveries', () => insertDeliveries(deliveries)),
    dueDeliveries: (now, limit) => run('dueDeliveries', () => selectDue.all(now, limit).map(toDelivery)),
    nextDueAt: () => run('nextDeliveryDue', () => selectNextDue.get()?.next_at ?? null),
    recordAttempt: (id, attempt, keep) => run('recordAttempt', () => recordTx(id, attempt, keep)),
    listDeliveries: (hookId, limit) => run('listDeliveries', () => selectDeliveries.all(hookId, limit).map(toDelivery)),
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
