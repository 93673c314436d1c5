import type Database from 'better-sqlite3';
import type { RunInStore } from './sqliteLibrary.ts';
import type { MailQueue, QueuedMail } from './storage.ts';

/** Mails waiting to be sent (issue 17); part of sqliteStorage.ts's schema, created with it. */
export const MAIL_QUEUE_SCHEMA = `
-- No foreign key to personas: erasing a persona deletes its entries in erasePersona.
CREATE TABLE IF NOT EXISTS mail_queue (
  seq INTEGER PRIMARY KEY,
  member_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  persona_id TEXT NOT NULL,
  mode TEXT NOT NULL,
  item TEXT NOT NULL,
  due_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  UNIQUE (member_id, item_id)
) STRICT;
CREATE INDEX IF NOT EXISTS mail_queue_due ON mail_queue (due_at);
`;

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

export function sqliteMailQueue(db: Database.Database, run: RunInStore): MailQueue {
  const insert = db.prepare(
    `INSERT INTO mail_queue (member_id, item_id, persona_id, mode, item, due_at)
     VALUES (@memberId, @itemId, @personaId, @mode, @item, @dueAt)
     ON CONFLICT (member_id, item_id) DO UPDATE SET item = excluded.item`,
  );
  const insertAll = db.transaction((entries: Parameters<MailQueue['add']>[0]) => {
    for (const entry of entries) insert.run(entry);
  });
  const dueMembers = db.prepare<[string, number], { member_id: string }>(
    'SELECT member_id FROM mail_queue WHERE due_at <= ? GROUP BY member_id ORDER BY min(due_at), member_id LIMIT ?',
  );
  const memberEntries = db.prepare<[string, string], QueueRow>('SELECT * FROM mail_queue WHERE member_id = ? AND due_at <= ? ORDER BY seq');
  const nextDue = db.prepare<[], { due_at: string | null }>('SELECT min(due_at) AS due_at FROM mail_queue');
  const removeOne = db.prepare<[number]>('DELETE FROM mail_queue WHERE seq = ?');
  const postponeOne = db.prepare<[string, number]>('UPDATE mail_queue SET due_at = ?, attempts = attempts + 1 WHERE seq = ?');
  const bringForward = db.prepare<[string, string, string]>('UPDATE mail_queue SET due_at = ? WHERE mode = ? AND due_at > ?');
  const each = (statement: (seq: number) => void) => db.transaction((seqs: readonly number[]) => seqs.forEach(statement));
  const removeAll = each((seq) => removeOne.run(seq));

  return {
    add: (entries) => run('queueMail', () => insertAll(entries)),
    due: (now, gatherMs, limit) =>
      run('dueMail', () => {
        const until = new Date(Date.parse(now) + gatherMs).toISOString();
        return dueMembers.all(now, limit).map(({ member_id }) => memberEntries.all(member_id, until).map(toQueued));
      }),
    nextDueAt: () => run('nextMailDue', () => nextDue.get()?.due_at ?? null),
    remove: (seqs) => run('removeMail', () => removeAll(seqs)),
    postpone: (seqs, dueAt) => run('postponeMail', () => each((seq) => postponeOne.run(dueAt, seq))(seqs)),
    bringForward: (mode, dueAt) => run('bringMailForward', () => bringForward.run(dueAt, mode, dueAt).changes),
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
