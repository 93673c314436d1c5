import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SqliteSynchronous } from '../config.ts';
import type { DocStore, PersonaIndexEntry, PersonaIndexRow, StoredUpdate } from './docStore.ts';
import { StoreError } from './docStore.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS personas (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT '',
  segment TEXT NOT NULL DEFAULT '',
  evidence_marketing INTEGER NOT NULL DEFAULT 0,
  evidence_sales INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
-- One B-tree keyed by persona then sequence: an append writes one page, not a row and an index entry.
CREATE TABLE IF NOT EXISTS updates (
  persona_id TEXT NOT NULL REFERENCES personas(id),
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (persona_id, seq)
) STRICT, WITHOUT ROWID;
`;

interface IndexRecord {
  id: string;
  name: string;
  role: string;
  segment: string;
  evidence_marketing: number;
  evidence_sales: number;
  created_at: string;
  updated_at: string;
}

/**
 * The embedded default: one SQLite file in WAL mode. A commit survives a killed process in
 * either mode (S5); with synchronous=FULL (the default) it also survives a power cut, at the
 * cost of an fsync per commit.
 */
export function openSqliteStore(file: string, synchronous: SqliteSynchronous = 'FULL'): DocStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);

  const selectUpdates = db.prepare<[string], { data: Buffer }>(
    'SELECT data FROM updates WHERE persona_id = ? ORDER BY seq',
  );
  const selectExists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM personas WHERE id = ?');
  const insertPersona = db.prepare(
    `INSERT INTO personas (id, name, role, segment, evidence_marketing, evidence_sales, created_at, updated_at)
     VALUES (@id, @name, @role, @segment, @marketing, @sales, @at, @at) ON CONFLICT (id) DO NOTHING`,
  );
  const insertUpdate = db.prepare<[string, number, Uint8Array]>(
    'INSERT INTO updates (persona_id, seq, data) VALUES (?, ?, ?)',
  );
  const selectLastSeq = db.prepare<[string], { seq: number | null }>(
    'SELECT max(seq) AS seq FROM updates WHERE persona_id = ?',
  );
  const deleteUpdates = db.prepare<[string]>('DELETE FROM updates WHERE persona_id = ?');
  const countUpdates = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM updates WHERE persona_id = ?');
  const updateIndexRow = db.prepare(
    `UPDATE personas SET name = @name, role = @role, segment = @segment,
       evidence_marketing = @marketing, evidence_sales = @sales, updated_at = @at WHERE id = @id`,
  );
  const selectIndex = db.prepare<[], IndexRecord>('SELECT * FROM personas ORDER BY updated_at DESC, id');

  // The last sequence number per persona, read once; a failed transaction forgets what it assigned.
  const lastSeq = new Map<string, number>();
  const nextSeq = (personaId: string): number => {
    const seq = (lastSeq.get(personaId) ?? selectLastSeq.get(personaId)?.seq ?? 0) + 1;
    lastSeq.set(personaId, seq);
    return seq;
  };
  const inTransaction = <A extends unknown[], R>(fn: (...args: A) => R) => {
    const tx = db.transaction(fn);
    return (...args: A): R => {
      try {
        return tx(...args);
      } catch (err) {
        lastSeq.clear();
        throw err;
      }
    };
  };

  const createTx = inTransaction((entry: PersonaIndexEntry, state: Uint8Array): boolean => {
    const { changes } = insertPersona.run(indexParams(entry));
    if (changes === 0) return false;
    insertUpdate.run(entry.id, nextSeq(entry.id), state);
    return true;
  });
  const appendTx = inTransaction((updates: readonly StoredUpdate[]) => {
    for (const { personaId, update } of updates) insertUpdate.run(personaId, nextSeq(personaId), update);
  });
  const compactTx = inTransaction((personaId: string, state: Uint8Array) => {
    const seq = nextSeq(personaId);
    deleteUpdates.run(personaId);
    insertUpdate.run(personaId, seq, state);
  });

  let closed = false;
  // better-sqlite3 is synchronous; the async surface lets a networked backend share the contract.
  const run = <T>(what: string, fn: () => T): Promise<T> => {
    if (closed) return Promise.reject(new StoreError(`${what}: the store is closed`));
    try {
      return Promise.resolve(fn());
    } catch (cause) {
      return Promise.reject(new StoreError(`${what}: ${(cause as Error).message}`, { cause }));
    }
  };

  return {
    load: (id) =>
      run('load', () => {
        if (!selectExists.get(id)) return null;
        return selectUpdates.all(id).map((row) => new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength));
      }),
    create: (entry, state) => run('create', () => createTx(entry, state)),
    append: (updates) => run('append', () => appendTx(updates)),
    compact: (id, state) => run('compact', () => compactTx(id, state)),
    logLength: (id) => run('logLength', () => countUpdates.get(id)?.n ?? 0),
    updateIndex: (entry) =>
      run('updateIndex', () => {
        updateIndexRow.run(indexParams(entry));
      }),
    listIndex: () => run('listIndex', () => selectIndex.all().map(toIndexRow)),
    close: async () => {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}

function indexParams(entry: PersonaIndexEntry) {
  return {
    id: entry.id,
    name: entry.name,
    role: entry.role,
    segment: entry.segment,
    marketing: entry.evidence.marketing,
    sales: entry.evidence.sales,
    at: entry.updatedAt,
  };
}

function toIndexRow(record: IndexRecord): PersonaIndexRow {
  return {
    id: record.id,
    name: record.name,
    role: record.role,
    segment: record.segment,
    evidence: { marketing: record.evidence_marketing, sales: record.evidence_sales },
    createdAt: record.created_at,
    updatedAt: record.updated_at,
  };
}
