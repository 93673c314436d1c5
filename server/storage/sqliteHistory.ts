import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type Database from 'better-sqlite3';
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
  -- The Yjs state, raw-deflated: a persona's state is mostly text and compresses about threefold.
  state BLOB NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS checkpoints_by_persona ON checkpoints (persona_id, at, id);
`;

interface CheckpointRow {
  id: number;
  persona_id: string;
  at: string;
  kind: CheckpointKind;
  authors: string;
}

const authorsSchema = z.array(z.string());

/** A checkpoint id as the API carries it: the row id in decimal. */
const rowIdOf = (id: string): number | null => (/^[1-9][0-9]{0,14}$/.test(id) ? Number(id) : null);

export function sqliteHistory(db: Database.Database, run: RunInStore): History {
  const selectExists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM personas WHERE id = ?');
  const insert = db.prepare<[string, string, CheckpointKind, string, Buffer]>(
    'INSERT INTO checkpoints (persona_id, at, kind, authors, state) VALUES (?, ?, ?, ?, ?)',
  );
  const selectList = db.prepare<[string], CheckpointRow>(
    'SELECT id, persona_id, at, kind, authors FROM checkpoints WHERE persona_id = ? ORDER BY at DESC, id DESC',
  );
  const selectState = db.prepare<[string, number], { state: Buffer }>('SELECT state FROM checkpoints WHERE persona_id = ? AND id = ?');
  const selectOne = db.prepare<[string, number], CheckpointRow>(
    'SELECT id, persona_id, at, kind, authors FROM checkpoints WHERE persona_id = ? AND id = ?',
  );
  // The next newer checkpoint, in the list's order.
  const selectNext = db.prepare<[string, string, string, number], CheckpointRow>(
    `SELECT id, persona_id, at, kind, authors FROM checkpoints
     WHERE persona_id = ? AND (at > ? OR (at = ? AND id > ?)) ORDER BY at, id LIMIT 1`,
  );
  const updateAuthors = db.prepare<[string, number]>('UPDATE checkpoints SET authors = ? WHERE id = ?');
  const deleteOne = db.prepare<[number]>('DELETE FROM checkpoints WHERE id = ?');
  const selectBytes = db.prepare<[string], { bytes: number | null }>(
    'SELECT sum(length(state)) AS bytes FROM checkpoints WHERE persona_id = ?',
  );

  // Oldest first, so that authors handed on by one removal can be handed on again by the next.
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
      if (next) {
        const merged = new Set([...authorsOf(next), ...authorsOf(row)]);
        updateAuthors.run(JSON.stringify([...merged]), next.id);
      }
      deleteOne.run(row.id);
    }
  });

  return {
    add: (checkpoint) =>
      run('history.add', () => {
        if (!selectExists.get(checkpoint.personaId)) throw new Error(`there is no persona ${checkpoint.personaId}`);
        const { lastInsertRowid } = insert.run(
          checkpoint.personaId,
          checkpoint.at,
          checkpoint.kind,
          JSON.stringify([...new Set(checkpoint.authors)]),
          deflateRawSync(checkpoint.state),
        );
        return String(lastInsertRowid);
      }),
    list: (personaId) => run('history.list', () => selectList.all(personaId).map(toRecord)),
    state: (personaId, id) =>
      run('history.state', () => {
        const rowId = rowIdOf(id);
        const row = rowId === null ? undefined : selectState.get(personaId, rowId);
        return row ? new Uint8Array(inflateRawSync(row.state)) : null;
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
