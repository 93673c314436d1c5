import type Database from 'better-sqlite3';
import type { RunInStore } from './sqliteLibrary.ts';
import type { Activity, ActivityEvent, LastChange, RecordedActivity } from './storage.ts';

/** What each member did to each persona; part of sqliteStorage.ts's schema, created with it. */
export const ACTIVITY_SCHEMA = `
-- No foreign key to personas: erasing a persona forgets its events (Activity.forget) in its own step.
CREATE TABLE IF NOT EXISTS activity (
  id INTEGER PRIMARY KEY,
  persona_id TEXT NOT NULL,
  at TEXT NOT NULL,
  -- When a gathered event started; later edits move "at" on, never this.
  started_at TEXT NOT NULL,
  member_id TEXT,
  type TEXT NOT NULL,
  -- detail.section, kept apart so that edits are gathered per section by index.
  section TEXT,
  detail TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS activity_by_persona ON activity (persona_id, at);
CREATE INDEX IF NOT EXISTS activity_gathering ON activity (persona_id, type, section, member_id, started_at);
`;

interface EventRow {
  persona_id: string;
  at: string;
  member_id: string | null;
  type: string;
  detail: string;
}

/** The activity on the `activity` table. */
export function sqliteActivity(db: Database.Database, run: RunInStore): Activity {
  // Prepared on first use: a read-only open of a file from before this table must still open.
  let prepared: ReturnType<typeof prepare> | null = null;
  const statements = () => (prepared ??= prepare(db));
  return {
    record: (event) => run('recordActivity', () => statements().recordTx([event])),
    recordAll: (events) => run('recordActivity', () => statements().recordTx(events)),
    list: (personaId, { limit = -1, before } = {}) =>
      run('listActivity', () => statements().selectPage.all(personaId, before ?? null, before ?? null, limit).map(toEvent)),
    lastChanged: (personaIds, types) =>
      run('lastChanged', () => {
        const { selectLast } = statements();
        const typeList = JSON.stringify(types);
        const last = new Map<string, LastChange>();
        for (const id of personaIds) {
          const row = selectLast.get(id, typeList);
          if (row) last.set(id, { memberId: row.member_id, at: row.at });
        }
        return last;
      }),
    membersOf: (personaId) => run('activityMembers', () => statements().selectMembers.all(personaId).map((row) => row.member_id)),
    forget: (personaId) =>
      run('forgetActivity', () => {
        statements().deleteAll.run(personaId);
      }),
  };
}

function prepare(db: Database.Database) {
  const insert = db.prepare(
    `INSERT INTO activity (persona_id, at, started_at, member_id, type, section, detail)
     VALUES (@personaId, @at, @at, @memberId, @type, @section, @detail)`,
  );
  const selectOpen = db.prepare<{ personaId: string; type: string; section: string | null; memberId: string | null; since: string }, { id: number }>(
    `SELECT id FROM activity
     WHERE persona_id = @personaId AND type = @type AND section IS @section AND member_id IS @memberId AND started_at >= @since
     ORDER BY started_at DESC, id DESC LIMIT 1`,
  );
  const extend = db.prepare<[string, number]>('UPDATE activity SET at = max(at, ?) WHERE id = ?');
  const selectPage = db.prepare<[string, string | null, string | null, number], EventRow>(
    `SELECT persona_id, at, member_id, type, detail FROM activity
     WHERE persona_id = ? AND (? IS NULL OR at < ?) ORDER BY at DESC, id DESC LIMIT ?`,
  );
  const selectLast = db.prepare<[string, string], { member_id: string | null; at: string }>(
    `SELECT member_id, at FROM activity WHERE persona_id = ? AND type IN (SELECT value FROM json_each(?))
     ORDER BY at DESC, id DESC LIMIT 1`,
  );
  const deleteAll = db.prepare<[string]>('DELETE FROM activity WHERE persona_id = ?');
  const selectMembers = db.prepare<[string], { member_id: string }>(
    'SELECT DISTINCT member_id FROM activity WHERE persona_id = ? AND member_id IS NOT NULL ORDER BY member_id',
  );

  const recordOne = (event: RecordedActivity): void => {
    const section = typeof event.detail.section === 'string' ? event.detail.section : null;
    const params = { personaId: event.personaId, type: event.type, section, memberId: event.memberId };
    if (event.gatherWithinMs !== undefined) {
      const since = new Date(Date.parse(event.at) - event.gatherWithinMs).toISOString();
      const open = selectOpen.get({ ...params, since });
      if (open) {
        extend.run(event.at, open.id);
        return;
      }
    }
    insert.run({ ...params, at: event.at, detail: JSON.stringify(event.detail) });
  };
  const recordTx = db.transaction((events: readonly RecordedActivity[]) => events.forEach(recordOne));

  return { recordTx, selectPage, selectLast, deleteAll, selectMembers };
}

function toEvent(row: EventRow): ActivityEvent {
  return {
    personaId: row.persona_id,
    at: row.at,
    memberId: row.member_id,
    type: row.type,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  };
}
