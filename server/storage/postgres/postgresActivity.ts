import type { Activity, ActivityEvent, LastChange, RecordedActivity } from '../storage.ts';
import type { Db, Queryable } from './db.ts';

interface EventRow {
  persona_id: string;
  at: string;
  member_id: string | null;
  type: string;
  detail: string;
}

/** The activity on the `activity` table. */
export function postgresActivity(db: Db): Activity {
  const recordAll = (events: readonly RecordedActivity[]) =>
    db.tx('recordActivity', async (client) => {
      for (const event of events) await recordOne(client, event);
    });
  return {
    record: (event) => recordAll([event]),
    recordAll,
    list: (personaId, { limit, before } = {}) =>
      db.run('listActivity', async (q) => {
        const { rows } = await q.query<EventRow>(
          `SELECT persona_id, at, member_id, type, detail FROM activity
           WHERE persona_id = $1 AND ($2::text IS NULL OR at < $2) ORDER BY at DESC, id DESC LIMIT $3`,
          [personaId, before ?? null, limit ?? null],
        );
        return rows.map(toEvent);
      }),
    lastChanged: (personaIds, types) =>
      db.run('lastChanged', async (q) => {
        const { rows } = await q.query<{ persona_id: string; member_id: string | null; at: string }>(
          `SELECT DISTINCT ON (persona_id) persona_id, member_id, at FROM activity
           WHERE persona_id = ANY($1::text[]) AND type = ANY($2::text[]) ORDER BY persona_id, at DESC, id DESC`,
          [personaIds, types],
        );
        return new Map(rows.map((row): [string, LastChange] => [row.persona_id, { memberId: row.member_id, at: row.at }]));
      }),
    membersOf: (personaId) =>
      db.run('activityMembers', async (q) => {
        const { rows } = await q.query<{ member_id: string }>(
          'SELECT DISTINCT member_id FROM activity WHERE persona_id = $1 AND member_id IS NOT NULL ORDER BY member_id',
          [personaId],
        );
        return rows.map((row) => row.member_id);
      }),
    forget: (personaId) =>
      db.run('forgetActivity', async (q) => {
        await q.query('DELETE FROM activity WHERE persona_id = $1', [personaId]);
      }),
  };
}

/** Extends the open event it gathers into (see Activity.record), or adds it. */
async function recordOne(client: Queryable, event: RecordedActivity): Promise<void> {
  const section = typeof event.detail.section === 'string' ? event.detail.section : null;
  if (event.gatherWithinMs !== undefined) {
    const since = new Date(Date.parse(event.at) - event.gatherWithinMs).toISOString();
    const extended = await client.query(
      `UPDATE activity SET at = greatest(at, $6) WHERE id = (
         SELECT id FROM activity
         WHERE persona_id = $1 AND type = $2 AND section IS NOT DISTINCT FROM $3 AND member_id IS NOT DISTINCT FROM $4 AND started_at >= $5
         ORDER BY started_at DESC, id DESC LIMIT 1)`,
      [event.personaId, event.type, section, event.memberId, since, event.at],
    );
    if ((extended.rowCount ?? 0) > 0) return;
  }
  await client.query(
    `INSERT INTO activity (persona_id, at, started_at, member_id, type, section, detail) VALUES ($1, $2, $2, $3, $4, $5, $6)`,
    [event.personaId, event.at, event.memberId, event.type, section, JSON.stringify(event.detail)],
  );
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
