import type { InboxKind, InboxPlace, NotificationSettings } from '../../../shared/feedback/api.ts';
import type { Inbox, InboxDelivered, InboxRecord, NewInboxItem } from '../storage.ts';
import type { Db, Queryable } from './db.ts';

interface ItemRow {
  id: string;
  member_id: string;
  kind: string;
  at: string;
  actor_id: string | null;
  persona_id: string;
  persona_name: string | null;
  place: string;
  detail: string;
  read_at: string | null;
}

const SELECT_ITEM = `SELECT i.id, i.member_id, i.kind, i.at, i.actor_id, i.persona_id, p.name AS persona_name, i.place, i.detail, i.read_at
  FROM inbox_items i LEFT JOIN personas p ON p.id = i.persona_id`;

/** The inbox on the `inbox_items` and `notification_settings` tables; semantics as sqliteInbox.ts. */
export function postgresInbox(db: Db): Inbox {
  return {
    deliver: (items) =>
      db.tx('deliverInbox', async (client) => {
        const done: InboxDelivered[] = [];
        for (const item of items) {
          const one = await deliverOne(client, item);
          if (one) done.push(one);
        }
        return done;
      }),
    list: (memberId, { limit, before } = {}) =>
      db.run('listInbox', async (q) => {
        const { rows } = await q.query<ItemRow>(
          `${SELECT_ITEM} WHERE i.member_id = $1 AND ($2::text IS NULL OR i.at < $2) ORDER BY i.at DESC, i.id LIMIT $3`,
          [memberId, before ?? null, limit === undefined || limit < 0 ? null : limit],
        );
        return rows.map(toRecord);
      }),
    unread: (memberId) => db.run('unreadInbox', (q) => countUnread(q, memberId)),
    markRead: (memberId, which, at) =>
      db.tx('markInboxRead', async (client) => {
        await client.query(
          `UPDATE inbox_items SET read_at = $1 WHERE member_id = $2 AND read_at IS NULL AND ($3::text[] IS NULL OR id = ANY($3::text[]))`,
          [at, memberId, 'all' in which ? null : which.ids],
        );
        return countUnread(client, memberId);
      }),
    settings: (memberId) =>
      db.run('notificationSettings', async (q) => {
        const { rows } = await q.query<{ settings: string }>('SELECT settings FROM notification_settings WHERE member_id = $1', [memberId]);
        return rows[0] ? (JSON.parse(rows[0].settings) as NotificationSettings) : null;
      }),
    settingsOf: (memberIds) =>
      db.run('notificationSettings', async (q) => {
        const { rows } = await q.query<{ member_id: string; settings: string }>(
          'SELECT member_id, settings FROM notification_settings WHERE member_id = ANY($1::text[])',
          [memberIds],
        );
        return new Map(rows.map((row) => [row.member_id, JSON.parse(row.settings) as NotificationSettings]));
      }),
    saveSettings: (memberId, settings) =>
      db.run('saveNotificationSettings', async (q) => {
        await q.query(
          'INSERT INTO notification_settings (member_id, settings) VALUES ($1, $2) ON CONFLICT (member_id) DO UPDATE SET settings = excluded.settings',
          [memberId, JSON.stringify(settings)],
        );
      }),
  };
}

async function countUnread(q: Queryable, memberId: string): Promise<number> {
  const { rows } = await q.query<{ n: number }>('SELECT count(*) AS n FROM inbox_items WHERE member_id = $1 AND read_at IS NULL', [memberId]);
  return rows[0]?.n ?? 0;
}

/** Extends the member's open item of the same gather key, or adds the item; null when its id is kept already. */
async function deliverOne(client: Queryable, item: NewInboxItem): Promise<InboxDelivered | null> {
  const place = JSON.stringify(item.place);
  if (item.gatherKey !== undefined) {
    const since = new Date(Date.parse(item.at) - (item.gatherWithinMs ?? 0)).toISOString();
    const { rows } = await client.query<{ id: string; detail: string }>(
      `SELECT id, detail FROM inbox_items
       WHERE member_id = $1 AND gather_key = $2 AND read_at IS NULL AND started_at >= $3
       ORDER BY started_at DESC LIMIT 1 FOR UPDATE`,
      [item.memberId, item.gatherKey, since],
    );
    const open = rows[0];
    if (open) {
      const before = JSON.parse(open.detail) as Record<string, unknown>;
      const count = (typeof before.count === 'number' ? before.count : 1) + 1;
      await client.query('UPDATE inbox_items SET at = greatest(at, $2), actor_id = $3, place = $4, detail = $5 WHERE id = $1', [
        open.id,
        item.at,
        item.actorId,
        place,
        JSON.stringify({ ...item.detail, count }),
      ]);
      return delivered(client, open.id, item.memberId);
    }
  }
  const inserted = await client.query(
    `INSERT INTO inbox_items (id, member_id, kind, at, started_at, actor_id, persona_id, place, detail, gather_key, read_at)
     VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, $9, NULL) ON CONFLICT (id) DO NOTHING`,
    [item.id, item.memberId, item.kind, item.at, item.actorId, item.personaId, place, JSON.stringify(item.detail), item.gatherKey ?? null],
  );
  return (inserted.rowCount ?? 0) === 0 ? null : delivered(client, item.id, item.memberId);
}

async function delivered(client: Queryable, id: string, memberId: string): Promise<InboxDelivered | null> {
  const { rows } = await client.query<ItemRow>(`${SELECT_ITEM} WHERE i.id = $1`, [id]);
  const row = rows[0];
  return row ? { record: toRecord(row), unread: await countUnread(client, memberId) } : null;
}

function toRecord(row: ItemRow): InboxRecord & { personaName: string } {
  return {
    id: row.id,
    memberId: row.member_id,
    kind: row.kind as InboxKind,
    at: row.at,
    actorId: row.actor_id,
    personaId: row.persona_id,
    personaName: row.persona_name ?? '',
    place: JSON.parse(row.place) as InboxPlace,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    readAt: row.read_at,
  };
}
