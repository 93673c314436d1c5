import { promisify } from 'node:util';
import { deflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import { z } from 'zod';
import type { RunInStore } from './sqliteLibrary.ts';
import type { CheckpointKind, CheckpointRecord, History } from './storage.ts';

/** Checkpoints of each persona's draft; part of sqliteStorage.ts's schema, created with it. */
export const HISTORY_SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoints (
  id INTEGER PRIMARY KEY,
  persona_id TEXT NOT NULL REFERENCES personas(id),
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('auto', 'publish', 'restore')),
  -- JSON array of author keys: who changed the draft since the previous checkpoint.
  authors TEXT NOT NULL,
  -- The checkpoint whose content this one's update builds on; NULL when the update is a whole state.
  after_id INTEGER REFERENCES checkpoints(id),
  -- A Yjs V2 update, raw-deflated.
  data BLOB NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS checkpoints_by_persona ON checkpoints (persona_id, at, id);
CREATE INDEX IF NOT EXISTS checkpoints_by_after ON checkpoints (after_id) WHERE after_id IS NOT NULL;
`;

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

/** A checkpoint id as the API carries it: the row id in decimal. */
const rowIdOf = (id: string): number | null => (/^[1-9][0-9]{0,14}$/.test(id) ? Number(id) : null);

const inflate = (data: Buffer): Uint8Array => new Uint8Array(inflateRawSync(data));
/** Off the event loop (zlib's thread pool): a whole state of a long persona takes a while to deflate. */
const deflateAsync = promisify(deflateRaw);

export function sqliteHistory(db: Database.Database, run: RunInStore): History {
  const selectExists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM personas WHERE id = ?');
  const insert = db.prepare<[string, string, CheckpointKind, string, number | null, Buffer]>(
    'INSERT INTO checkpoints (persona_id, at, kind, authors, after_id, data) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const columns = 'id, persona_id, at, kind, authors';
  const selectList = db.prepare<[string], CheckpointRow>(`SELECT ${columns} FROM checkpoints WHERE persona_id = ? ORDER BY at DESC, id DESC`);
  const selectOne = db.prepare<[string, number], CheckpointRow>(`SELECT ${columns} FROM checkpoints WHERE persona_id = ? AND id = ?`);
  const selectData = db.prepare<[string, number], DataRow>('SELECT id, after_id, data FROM checkpoints WHERE persona_id = ? AND id = ?');
  const selectBuiltOn = db.prepare<[number], DataRow>('SELECT id, after_id, data FROM checkpoints WHERE after_id = ?');
  // The next newer checkpoint, in the list's order.
  const selectNext = db.prepare<[string, string, string, number], CheckpointRow>(
    `SELECT ${columns} FROM checkpoints WHERE persona_id = ? AND (at > ? OR (at = ? AND id > ?)) ORDER BY at, id LIMIT 1`,
  );
  const updateAuthors = db.prepare<[string, number]>('UPDATE checkpoints SET authors = ? WHERE id = ?');
  const updateData = db.prepare<[number | null, Buffer, number]>('UPDATE checkpoints SET after_id = ?, data = ? WHERE id = ?');
  const deleteOne = db.prepare<[number]>('DELETE FROM checkpoints WHERE id = ?');
  const selectBytes = db.prepare<[string], { bytes: number | null }>('SELECT sum(length(data)) AS bytes FROM checkpoints WHERE persona_id = ?');

  /** The chain from the whole state up to `id`, oldest first; null when the persona has no such checkpoint. */
  const chainOf = (personaId: string, id: number): Uint8Array[] | null => {
    const chain: Uint8Array[] = [];
    const seen = new Set<number>();
    for (let rowId: number | null = id; rowId !== null; ) {
      const row: DataRow | undefined = seen.has(rowId) ? undefined : selectData.get(personaId, rowId);
      if (!row) return null;
      seen.add(rowId);
      chain.push(inflate(row.data));
      rowId = row.after_id;
    }
    return chain.reverse();
  };

  // Oldest first, so that what one removal hands on can be handed on again by the next.
  const pruneTx = db.transaction((personaId: string, ids: readonly string[]) => {
    const rows = ids
      .map((id) => rowIdOf(id))
      .map((rowId) => (rowId === null ? undefined : selectOne.get(personaId, rowId)))
      .filter((row): row is CheckpointRow => row !== undefined)
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id));
    for (const listed of rows) {
      // Read again: an earlier removal may have handed this one authors.
      const row = selectOne.get(personaId, listed.id) ?? listed;
      const next = selectNext.get(personaId, row.at, row.at, row.id);
      if (next) updateAuthors.run(JSON.stringify([...new Set([...authorsOf(next), ...authorsOf(row)])]), next.id);
      const removed = selectData.get(personaId, row.id);
      if (removed) {
        // What it changed goes into each checkpoint built on it, which then builds on what it built on.
        for (const dependent of selectBuiltOn.all(row.id)) {
          const folded = Y.mergeUpdatesV2([inflate(removed.data), inflate(dependent.data)]);
          updateData.run(removed.after_id, deflateRawSync(folded), dependent.id);
        }
      }
      deleteOne.run(row.id);
    }
  });

  return {
    add: async (checkpoint) => {
      const data = await deflateAsync(checkpoint.update);
      return run('history.add', () => {
        if (!selectExists.get(checkpoint.personaId)) throw new Error(`there is no persona ${checkpoint.personaId}`);
        const after = checkpoint.after === null ? null : rowIdOf(checkpoint.after);
        if (checkpoint.after !== null && (after === null || !selectOne.get(checkpoint.personaId, after))) {
          throw new Error(`persona ${checkpoint.personaId} has no checkpoint ${checkpoint.after} to build on`);
        }
        const { lastInsertRowid } = insert.run(
          checkpoint.personaId,
          checkpoint.at,
          checkpoint.kind,
          JSON.stringify([...new Set(checkpoint.authors)]),
          after,
          data,
        );
        return String(lastInsertRowid);
      });
    },
    list: (personaId) => run('history.list', () => selectList.all(personaId).map(toRecord)),
    updates: (personaId, id) =>
      run('history.updates', () => {
        const rowId = rowIdOf(id);
        return rowId === null ? null : chainOf(personaId, rowId);
      }),
    prune: (personaId, ids) => run('history.prune', () => pruneTx(personaId, ids)),
    storedBytes: (personaId) => run('history.storedBytes', () => selectBytes.get(personaId)?.bytes ?? 0),
  };
}

function authorsOf(row: CheckpointRow): string[] {
  const parsed = authorsSchema.safeParse(JSON.parse(row.authors));
  return parsed.success ? parsed.data : [];
}

function toRecord(row: CheckpointRow): CheckpointRecord {
  return { id: String(row.id), personaId: row.persona_id, at: row.at, kind: row.kind, authors: authorsOf(row) };
}
