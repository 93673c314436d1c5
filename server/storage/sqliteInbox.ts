import type Database from 'better-sqlite3';
import type { InboxKind, InboxPlace, NotificationSettings } from '../../shared/feedback/api.ts';
import type { RunInStore } from './sqliteLibrary.ts';
import type { Inbox, InboxDelivered, InboxRecord, NewInboxItem } from './storage.ts';

/** Members' inboxes and notification settings; part of sqliteStorage.ts's schema, created with it. */
export const INBOX_SCHEMA = `
-- No foreign key to personas: erasing a persona deletes its items in the same transaction (sqliteErasePersona).
CREATE TABLE IF NOT EXISTS inbox_items (
  id TEXT PRIMARY KEY,
  member_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  -- When a gathered item started; later items of its burst move "at" on, never this.
  started_at TEXT NOT NULL,
  actor_id TEXT,
  persona_id TEXT NOT NULL,
  place TEXT NOT NULL,
  detail TEXT NOT NULL,
  gather_key TEXT,
  read_at TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS inbox_by_member ON inbox_items (member_id, at);
CREATE INDEX IF NOT EXISTS inbox_unread ON inbox_items (member_id) WHERE read_at IS NULL;
CREATE INDEX IF NOT EXISTS inbox_gathering ON inbox_items (member_id, gather_key, started_at) WHERE read_at IS NULL;
CREATE INDEX IF NOT EXISTS inbox_by_persona ON inbox_items (persona_id);
CREATE TABLE IF NOT EXISTS notification_settings (
  member_id TEXT PRIMARY KEY,
  settings TEXT NOT NULL
) STRICT;
`;

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

/** The inbox on the `inbox_items` and `notification_settings` tables. */
export function sqliteInbox(db: Database.Database, run: RunInStore): Inbox {
  // Prepared on first use: a read-only open of a file from before these tables must still open.
  let prepared: ReturnType<typeof prepare> | null = null;
  const statements = () => (prepared ??= prepare(db));
  return {
    deliver: (items) => run('deliverInbox', () => statements().deliverTx(items)),
    list: (memberId, { limit = -1, before } = {}) =>
      run('listInbox', () => statements().selectPage.all(memberId, before ?? null, before ?? null, limit).map(toRecord)),
    unread: (memberId) => run('unreadInbox', () => statements().countUnread.get(memberId)?.n ?? 0),
    markRead: (memberId, which, at) =>
      run('markInboxRead', () => statements().markReadTx(memberId, 'all' in which ? null : which.ids, at)),
    settings: (memberId) =>
      run('notificationSettings', () => {
        const row = statements().selectSettings.get(memberId);
        return row ? (JSON.parse(row.settings) as NotificationSettings) : null;
      }),
    settingsOf: (memberIds) =>
      run('notificationSettings', () => {
        const rows = statements().selectSettingsOf.all(JSON.stringify(memberIds));
        return new Map(rows.map((row) => [row.member_id, JSON.parse(row.settings) as NotificationSettings]));
      }),
    saveSettings: (memberId, settings) =>
      run('saveNotificationSettings', () => {
        statements().upsertSettings.run(memberId, JSON.stringify(settings));
      }),
  };
}

function prepare(db: Database.Database) {
  const insert = db.prepare(
    `INSERT INTO inbox_items (id, member_id, kind, at, started_at, actor_id, persona_id, place, detail, gather_key, read_at)
     VALUES (@id, @memberId, @kind, @at, @at, @actorId, @personaId, @place, @detail, @gatherKey, NULL) ON CONFLICT (id) DO NOTHING`,
  );
  const selectOpen = db.prepare<{ memberId: string; gatherKey: string; since: string }, { id: string; detail: string }>(
    `SELECT id, detail FROM inbox_items
     WHERE member_id = @memberId AND gather_key = @gatherKey AND read_at IS NULL AND started_at >= @since
     ORDER BY started_at DESC LIMIT 1`,
  );
  const extend = db.prepare(
    'UPDATE inbox_items SET at = max(at, @at), actor_id = @actorId, place = @place, detail = @detail WHERE id = @id',
  );
  const selectOne = db.prepare<[string], ItemRow>(`${SELECT_ITEM} WHERE i.id = ?`);
  const countUnread = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM inbox_items WHERE member_id = ? AND read_at IS NULL');
  const selectPage = db.prepare<[string, string | null, string | null, number], ItemRow>(
    `${SELECT_ITEM} WHERE i.member_id = ? AND (? IS NULL OR i.at < ?) ORDER BY i.at DESC, i.id LIMIT ?`,
  );
  const markAll = db.prepare<[string, string]>('UPDATE inbox_items SET read_at = ? WHERE member_id = ? AND read_at IS NULL');
  const markOne = db.prepare<[string, string, string]>('UPDATE inbox_items SET read_at = ? WHERE member_id = ? AND id = ? AND read_at IS NULL');
  const selectSettings = db.prepare<[string], { settings: string }>('SELECT settings FROM notification_settings WHERE member_id = ?');
  const selectSettingsOf = db.prepare<[string], { member_id: string; settings: string }>(
    'SELECT member_id, settings FROM notification_settings WHERE member_id IN (SELECT value FROM json_each(?))',
  );
  const upsertSettings = db.prepare<[string, string]>(
    'INSERT INTO notification_settings (member_id, settings) VALUES (?, ?) ON CONFLICT (member_id) DO UPDATE SET settings = excluded.settings',
  );

  const deliverOne = (item: NewInboxItem): InboxDelivered | null => {
    const place = JSON.stringify(item.place);
    if (item.gatherKey !== undefined) {
      const since = new Date(Date.parse(item.at) - (item.gatherWithinMs ?? 0)).toISOString();
      const open = selectOpen.get({ memberId: item.memberId, gatherKey: item.gatherKey, since });
      if (open) {
        const before = JSON.parse(open.detail) as Record<string, unknown>;
        const count = (typeof before.count === 'number' ? before.count : 1) + 1;
        extend.run({ id: open.id, at: item.at, actorId: item.actorId, place, detail: JSON.stringify({ ...item.detail, count }) });
        return delivered(open.id, item.memberId);
      }
    }
    const { changes } = insert.run({
      id: item.id,
      memberId: item.memberId,
      kind: item.kind,
      at: item.at,
      actorId: item.actorId,
      personaId: item.personaId,
      place,
      detail: JSON.stringify(item.detail),
      gatherKey: item.gatherKey ?? null,
    });
    return changes === 0 ? null : delivered(item.id, item.memberId);
  };
  const delivered = (id: string, memberId: string): InboxDelivered | null => {
    const row = selectOne.get(id);
    return row ? { record: toRecord(row), unread: countUnread.get(memberId)?.n ?? 0 } : null;
  };
  const deliverTx = db.transaction((items: readonly NewInboxItem[]) =>
    items.map(deliverOne).filter((done): done is InboxDelivered => done !== null),
  );
  const markReadTx = db.transaction((memberId: string, ids: readonly string[] | null, at: string): number => {
    if (ids === null) markAll.run(at, memberId);
    else for (const id of ids) markOne.run(at, memberId, id);
    return countUnread.get(memberId)?.n ?? 0;
  });

  return { deliverTx, markReadTx, selectPage, countUnread, selectSettings, selectSettingsOf, upsertSettings };
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
