import { promisify } from 'node:util';
import { deflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';
import * as Y from 'yjs';
import { z } from 'zod';
import type { CheckpointKind, CheckpointRecord, History } from '../storage.ts';
import type { Db, Queryable } from './db.ts';

interface CheckpointRow {
  id: number;
  persona_id: string;
  at: string;
  kind: CheckpointKind;
  authors: string;
}

interface DataRow {
  id: number;
  after_id: number | null;
  data: Buffer;
}

const authorsSchema = z.array(z.string());
const COLUMNS = 'id, persona_id, at, kind, authors';

/** A checkpoint id as the API carries it: the row id in decimal. */
const rowIdOf = (id: string): number | null => (/^[1-9][0-9]{0,14}$/.test(id) ? Number(id) : null);
const inflate = (data: Buffer): Uint8Array => new Uint8Array(inflateRawSync(data));
/** Off the event loop (zlib's thread pool): a whole state of a long persona takes a while to deflate. */
const deflateAsync = promisify(deflateRaw);

const selectOne = async (q: Queryable, personaId: string, id: number) =>
  (await q.query<CheckpointRow>(`SELECT ${COLUMNS} FROM checkpoints WHERE persona_id = $1 AND id = $2`, [personaId, id])).rows[0];
const selectData = async (q: Queryable, personaId: string, id: number) =>
  (await q.query<DataRow>('SELECT id, after_id, data FROM checkpoints WHERE persona_id = $1 AND id = $2', [personaId, id])).rows[0];

/** Checkpoints of each persona's draft on the `checkpoints` table (the rules of sqliteHistory.ts). */
export function postgresHistory(db: Db): History {
  return {
    add: async (checkpoint) => {
      const data = await deflateAsync(checkpoint.update);
      return db.run('history.add', async (q) => {
        const after = checkpoint.after === null ? null : rowIdOf(checkpoint.after);
        if (checkpoint.after !== null && after === null) {
          throw new Error(`persona ${checkpoint.personaId} has no checkpoint ${checkpoint.after} to build on`);
        }
        // Written only when the persona exists and the checkpoint it builds on is the same persona's.
        const { rows } = await q.query<{ id: number }>(
          `INSERT INTO checkpoints (persona_id, at, kind, authors, after_id, data)
           SELECT $1, $2, $3, $4, $5, $6
           WHERE EXISTS (SELECT 1 FROM personas WHERE id = $1)
             AND ($5::bigint IS NULL OR EXISTS (SELECT 1 FROM checkpoints WHERE id = $5 AND persona_id = $1))
           RETURNING id`,
          [checkpoint.personaId, checkpoint.at, checkpoint.kind, JSON.stringify([...new Set(checkpoint.authors)]), after, data],
        );
        const row = rows[0];
        if (!row) throw new Error(`there is no persona ${checkpoint.personaId}, or no checkpoint ${checkpoint.after ?? ''} of it to build on`);
        return String(row.id);
      });
    },
    list: (personaId) =>
      db.run('history.list', async (q) => {
        const { rows } = await q.query<CheckpointRow>(`SELECT ${COLUMNS} FROM checkpoints WHERE persona_id = $1 ORDER BY at DESC, id DESC`, [personaId]);
        return rows.map(toRecord);
      }),
    updates: (personaId, id) =>
      db.run('history.updates', async (q) => {
        const rowId = rowIdOf(id);
        return rowId === null ? null : chainOf(q, personaId, rowId);
      }),
    prune: (personaId, ids) => db.tx('history.prune', (client) => prune(client, personaId, ids)),
    storedBytes: (personaId) =>
      db.run('history.storedBytes', async (q) => {
        const { rows } = await q.query<{ bytes: number | null }>('SELECT sum(length(data))::bigint AS bytes FROM checkpoints WHERE persona_id = $1', [personaId]);
        return rows[0]?.bytes ?? 0;
      }),
  };
}

/** The chain from the whole state up to `id`, oldest first; null when the persona has no such checkpoint. */
async function chainOf(q: Queryable, personaId: string, id: number): Promise<Uint8Array[] | null> {
  const chain: Uint8Array[] = [];
  const seen = new Set<number>();
  for (let rowId: number | null = id; rowId !== null; ) {
    const row: DataRow | undefined = seen.has(rowId) ? undefined : await selectData(q, personaId, rowId);
    if (!row) return null;
    seen.add(rowId);
    chain.push(inflate(row.data));
    rowId = row.after_id;
  }
  return chain.reverse();
}

/** Oldest first, so that what one removal hands on can be handed on again by the next. */
async function prune(client: Queryable, personaId: string, ids: readonly string[]): Promise<void> {
  // The persona's row lock: two processes pruning one persona's history do it one after the other.
  await client.query('SELECT 1 FROM personas WHERE id = $1 FOR UPDATE', [personaId]);
  const listed: CheckpointRow[] = [];
  for (const rowId of ids.map(rowIdOf)) {
    const row = rowId === null ? undefined : await selectOne(client, personaId, rowId);
    if (row) listed.push(row);
  }
  listed.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id));
  for (const first of listed) {
    // Read again: an earlier removal may have handed this one authors.
    const row = (await selectOne(client, personaId, first.id)) ?? first;
    const next = (
      await client.query<CheckpointRow>(
        `SELECT ${COLUMNS} FROM checkpoints WHERE persona_id = $1 AND (at > $2 OR (at = $2 AND id > $3)) ORDER BY at, id LIMIT 1`,
        [personaId, row.at, row.id],
      )
    ).rows[0];
    if (next) {
      await client.query('UPDATE checkpoints SET authors = $1 WHERE id = $2', [JSON.stringify([...new Set([...authorsOf(next), ...authorsOf(row)])]), next.id]);
    }
    const removed = await selectData(client, personaId, row.id);
    if (removed) {
      // What it changed goes into each checkpoint built on it, which then builds on what it built on.
      const { rows: dependents } = await client.query<DataRow>('SELECT id, after_id, data FROM checkpoints WHERE after_id = $1', [row.id]);
      for (const dependent of dependents) {
        const folded = Y.mergeUpdatesV2([inflate(removed.data), inflate(dependent.data)]);
        await client.query('UPDATE checkpoints SET after_id = $1, data = $2 WHERE id = $3', [removed.after_id, deflateRawSync(folded), dependent.id]);
      }
    }
    await client.query('DELETE FROM checkpoints WHERE id = $1', [row.id]);
  }
}

function authorsOf(row: CheckpointRow): string[] {
  const parsed = authorsSchema.safeParse(JSON.parse(row.authors));
  return parsed.success ? parsed.data : [];
}

function toRecord(row: CheckpointRow): CheckpointRecord {
  return { id: String(row.id), personaId: row.persona_id, at: row.at, kind: row.kind, authors: authorsOf(row) };
}
