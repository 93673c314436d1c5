import type { MailQueue, QueuedMail } from '../storage.ts';
import { changed, type Db } from './db.ts';

interface QueueRow {
  seq: number;
  member_id: string;
  item_id: string;
  persona_id: string;
  mode: string;
  item: string;
  due_at: string;
  attempts: number;
}

/** The mail queue on the `mail_queue` table (issue 17); semantics as sqliteMailQueue.ts. */
export function postgresMailQueue(db: Db): MailQueue {
  return {
    add: (entries) =>
      db.tx('queueMail', async (client) => {
        for (const entry of entries) {
          await client.query(
            `INSERT INTO mail_queue (member_id, item_id, persona_id, mode, item, due_at) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (member_id, item_id) DO UPDATE SET item = excluded.item`,
            [entry.memberId, entry.itemId, entry.personaId, entry.mode, entry.item, entry.dueAt],
          );
        }
      }),
    due: (now, gatherMs, limit) =>
      db.run('dueMail', async (q) => {
        const until = new Date(Date.parse(now) + gatherMs).toISOString();
        const { rows } = await q.query<QueueRow & { rank: number }>(
          `WITH members AS (
             SELECT member_id, row_number() OVER (ORDER BY min(due_at), member_id) AS rank
             FROM mail_queue WHERE due_at <= $1 GROUP BY member_id ORDER BY min(due_at), member_id LIMIT $3
           )
           SELECT q.*, m.rank FROM mail_queue q JOIN members m ON m.member_id = q.member_id
           WHERE q.due_at <= $2 ORDER BY m.rank, q.seq`,
          [now, until, limit],
        );
        const byMember = new Map<number, QueuedMail[]>();
        for (const row of rows) {
          const group = byMember.get(row.rank) ?? [];
          group.push(toQueued(row));
          byMember.set(row.rank, group);
        }
        return [...byMember.values()];
      }),
    nextDueAt: () =>
      db.run('nextMailDue', async (q) => {
        const { rows } = await q.query<{ due_at: string | null }>('SELECT min(due_at) AS due_at FROM mail_queue');
        return rows[0]?.due_at ?? null;
      }),
    remove: (seqs) =>
      db.run('removeMail', async (q) => {
        await q.query('DELETE FROM mail_queue WHERE seq = ANY($1::bigint[])', [seqs]);
      }),
    postpone: (seqs, dueAt) =>
      db.run('postponeMail', async (q) => {
        await q.query('UPDATE mail_queue SET due_at = $2, attempts = attempts + 1 WHERE seq = ANY($1::bigint[])', [seqs, dueAt]);
      }),
    bringForward: (mode, dueAt) =>
      db.run('bringMailForward', async (q) => changed(await q.query('UPDATE mail_queue SET due_at = $1 WHERE mode = $2 AND due_at > $1', [dueAt, mode]))),
  };
}

function toQueued(row: QueueRow): QueuedMail {
  return {
    seq: row.seq,
    memberId: row.member_id,
    itemId: row.item_id,
    personaId: row.persona_id,
    mode: row.mode === 'daily' ? 'daily' : 'immediate',
    item: row.item,
    dueAt: row.due_at,
    attempts: row.attempts,
  };
}
