import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { TemplateName } from '../../shared/api.ts';
import type { SqliteSynchronous } from '../config.ts';
import { CRM_SCHEMA, sqliteCrm } from './sqliteCrm.ts';
import { sqliteLibrary, type RunInStore } from './sqliteLibrary.ts';
import { migrateLibraryLatest } from './sqliteLibrary.ts';
import { migratePersonaLifecycle, sqliteErasePersona, sqliteLifecycle } from './sqliteLifecycle.ts';
import { HISTORY_SCHEMA, sqliteHistory } from './sqliteHistory.ts';
import { ACTIVITY_SCHEMA, sqliteActivity } from './sqliteActivity.ts';
import { INBOX_SCHEMA, sqliteInbox } from './sqliteInbox.ts';
import { PEOPLE_SCHEMA, sqlitePeople } from './sqlitePeople.ts';
import { MAIL_QUEUE_SCHEMA, sqliteMailQueue } from './sqliteMailQueue.ts';
import { WEBHOOKS_SCHEMA, sqliteWebhooks } from './sqliteWebhooks.ts';
import { sqlitePortable } from './sqlitePortable.ts';
import type { IndexView, PersonaIndex, PersonaIndexEntry, PersonaIndexRow, Storage, StoredUpdate, UpdateLog } from './storage.ts';
import { StoreError } from './storage.ts';

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
-- Published versions are frozen: the triggers refuse any change to a row once written.
CREATE TABLE IF NOT EXISTS versions (
  persona_id TEXT NOT NULL REFERENCES personas(id),
  version INTEGER NOT NULL,
  published_at TEXT NOT NULL,
  published_by TEXT,
  note TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  segment TEXT NOT NULL,
  avatar TEXT NOT NULL,
  state BLOB NOT NULL,
  snapshot TEXT NOT NULL,
  PRIMARY KEY (persona_id, version)
) STRICT;
CREATE TRIGGER IF NOT EXISTS versions_are_immutable BEFORE UPDATE ON versions
BEGIN SELECT RAISE(ABORT, 'published versions are immutable'); END;
CREATE TRIGGER IF NOT EXISTS versions_are_kept BEFORE DELETE ON versions
BEGIN SELECT RAISE(ABORT, 'published versions are never deleted'); END;
-- The library's search index: one row per persona, its latest version.
CREATE VIRTUAL TABLE IF NOT EXISTS library_search USING fts5(
  persona_id UNINDEXED, version UNINDEXED, name, role, segment, body,
  tokenize = 'unicode61 remove_diacritics 2'
);
-- Which version is each persona's latest, and its row in library_search: FTS5 cannot index a column,
-- so finding a persona's search row, or listing the library without a query, would otherwise read
-- every row of the search index (every published persona's whole text).
CREATE TABLE IF NOT EXISTS library_latest (
  persona_id TEXT PRIMARY KEY REFERENCES personas(id),
  version INTEGER NOT NULL,
  search_rowid INTEGER NOT NULL
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
  published_version: number | null;
  published_at: string | null;
  archived_at: string | null;
  trashed_at: string | null;
}

export interface SqliteStorageOptions {
  /** The database file (its folder is created), or ':memory:'. */
  file: string;
  synchronous?: SqliteSynchronous;
  /** Opens an existing file to read what another connection wrote; every write is refused. */
  readOnly?: boolean;
}

/**
 * The embedded default: one SQLite file in WAL mode. A commit survives a killed process in
 * either mode (S5); with synchronous=FULL (the default) it also survives a power cut, at the
 * cost of an fsync per commit.
 */
export async function openSqliteStorage({ file, synchronous = 'FULL', readOnly = false }: SqliteStorageOptions): Promise<Storage> {
  let db: Database.Database;
  if (readOnly) {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } else {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    db = new Database(file);
    checkIntegrity(db, file);
    useIncrementalVacuum(db);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma('foreign_keys = ON');
    // Another process (npm run invite) may write while the server runs: wait for its lock, briefly.
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    migratePersonaLifecycle(db);
    migrateLibraryLatest(db);
    db.exec(PEOPLE_SCHEMA);
    db.exec(HISTORY_SCHEMA);
    db.exec(ACTIVITY_SCHEMA);
    db.exec(CRM_SCHEMA);
    db.exec(MAIL_QUEUE_SCHEMA);
    db.exec(WEBHOOKS_SCHEMA);
    db.exec(INBOX_SCHEMA);
  }

  let closed = false;
  // better-sqlite3 is synchronous; the async surface lets a networked backend share the contracts.
  const run: RunInStore = (what, fn) => {
    if (closed) return Promise.reject(new StoreError(`${what}: the store is closed`));
    try {
      return Promise.resolve(fn());
    } catch (cause) {
      return Promise.reject(new StoreError(`${what}: ${(cause as Error).message}`, { cause }));
    }
  };

  const log = sqliteUpdateLog(db, run);
  const insertPersona = db.prepare(
    `INSERT INTO personas (id, name, role, segment, evidence_marketing, evidence_sales, created_at, updated_at, template, template_checked_at)
     VALUES (@id, @name, @role, @segment, @marketing, @sales, @at, @at, @template, @at) ON CONFLICT (id) DO NOTHING`,
  );
  // The row and the first log entry in one transaction: a persona is never listed without its document.
  // It is written by today's templates, so there is no old template text to look for.
  const createTx = log.inTransaction((entry: PersonaIndexEntry, state: Uint8Array, template: TemplateName): boolean => {
    const { changes } = insertPersona.run({ ...indexParams(entry), template });
    if (changes === 0) return false;
    log.insertFirst(entry.id, state);
    return true;
  });

  const erase = readOnly ? () => false : sqliteErasePersona(db);

  return {
    log: log.updateLog,
    index: { ...sqlitePersonaIndex(db, run), ...sqliteLifecycle(db, run) },
    library: sqliteLibrary(db, run),
    people: sqlitePeople(db, run),
    history: sqliteHistory(db, run),
    createPersona: (entry, state, template = 'blank') => run('createPersona', () => createTx(entry, state, template)),
    erasePersona: (id) => run('erasePersona', () => erase(id)),
    activity: sqliteActivity(db, run),
    crm: sqliteCrm(db, run),
    mailQueue: sqliteMailQueue(db, run),
    webhooks: sqliteWebhooks(db, run),
    inbox: sqliteInbox(db, run),
    portable: sqlitePortable(db, file, run),
    close: async () => {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}

/** A damaged file is reported at start, clearly, rather than failing one query at a time later. */
function checkIntegrity(db: Database.Database, file: string): void {
  let problems: string[];
  try {
    problems = (db.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check);
  } catch (cause) {
    db.close();
    throw new StoreError(`The database file ${file} cannot be read (${(cause as Error).message}). Restore it from a backup.`, { cause });
  }
  if (problems.length === 1 && problems[0] === 'ok') return;
  db.close();
  throw new StoreError(
    `The database file ${file} is damaged (PRAGMA quick_check: ${problems.slice(0, 5).join('; ')}). Restore it from a backup; Tandem does not start on a damaged database.`,
  );
}

/**
 * Pages freed by compaction go back to the file system (PRAGMA incremental_vacuum after each).
 * A file made before this setting is rebuilt once to take it.
 */
function useIncrementalVacuum(db: Database.Database): void {
  const INCREMENTAL = 2;
  if (db.pragma('auto_vacuum', { simple: true }) === INCREMENTAL) return;
  db.pragma('auto_vacuum = INCREMENTAL');
  // A new file takes the setting at once; one with tables needs a VACUUM to switch.
  if (db.pragma('auto_vacuum', { simple: true }) !== INCREMENTAL) db.exec('VACUUM');
}

/** The update log on the `updates` table, and what createPersona needs to write the first entry. */
function sqliteUpdateLog(db: Database.Database, run: RunInStore) {
  const selectExists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM personas WHERE id = ?');
  const selectUpdates = db.prepare<[string], { seq: number; data: Buffer }>(
    'SELECT seq, data FROM updates WHERE persona_id = ? ORDER BY seq',
  );
  const insertUpdate = db.prepare<[string, number, Uint8Array]>(
    'INSERT INTO updates (persona_id, seq, data) VALUES (?, ?, ?)',
  );
  const selectLastSeq = db.prepare<[string], { seq: number | null }>(
    'SELECT max(seq) AS seq FROM updates WHERE persona_id = ?',
  );
  const deleteUpdatesUpTo = db.prepare<[string, number]>('DELETE FROM updates WHERE persona_id = ? AND seq <= ?');
  const countUpdates = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM updates WHERE persona_id = ?');

  // The last sequence number per persona, read once; a failed transaction forgets what it assigned.
  const lastSeq = new Map<string, number>();
  const storedLastSeq = (personaId: string): number => lastSeq.get(personaId) ?? selectLastSeq.get(personaId)?.seq ?? 0;
  const nextSeq = (personaId: string): number => {
    const seq = storedLastSeq(personaId) + 1;
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

  const appendTx = inTransaction((updates: readonly StoredUpdate[]): number[] =>
    updates.map(({ personaId, update }) => {
      const seq = nextSeq(personaId);
      insertUpdate.run(personaId, seq, update);
      return seq;
    }),
  );
  // The state takes the number of the last entry it replaces, so entries after it still load after it.
  const compactTx = inTransaction((personaId: string, state: Uint8Array, upTo: number) => {
    const last = storedLastSeq(personaId);
    if (!Number.isSafeInteger(upTo) || upTo < 1 || upTo > last) {
      throw new Error(`cannot compact persona ${personaId} up to ${upTo}: its last entry is ${last}`);
    }
    deleteUpdatesUpTo.run(personaId, upTo);
    insertUpdate.run(personaId, upTo, state);
  });

  const updateLog: UpdateLog = {
    load: (id) =>
      run('load', () => {
        if (!selectExists.get(id)) return null;
        const rows = selectUpdates.all(id);
        return {
          updates: rows.map((row) => new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength)),
          lastSeq: rows.at(-1)?.seq ?? 0,
        };
      }),
    append: (updates) => run('append', () => appendTx(updates)),
    compact: (id, state, upTo) =>
      run('compact', () => {
        compactTx(id, state, upTo);
        db.pragma('incremental_vacuum');
      }),
    logLength: (id) => run('logLength', () => countUpdates.get(id)?.n ?? 0),
  };
  return {
    updateLog,
    inTransaction,
    insertFirst: (personaId: string, state: Uint8Array) => insertUpdate.run(personaId, nextSeq(personaId), state),
  };
}

/** The persona index on the `personas` table; the published version comes from the library's tables. */
function sqlitePersonaIndex(db: Database.Database, run: RunInStore): Pick<PersonaIndex, 'updateIndex' | 'listIndex'> {
  const updateIndexRow = db.prepare(
    `UPDATE personas SET name = @name, role = @role, segment = @segment,
       evidence_marketing = @marketing, evidence_sales = @sales, updated_at = @at WHERE id = @id`,
  );
  // Every busy room's row in one transaction: one commit a second, not one per room.
  const updateIndexTx = db.transaction((entries: readonly PersonaIndexEntry[]) => {
    for (const entry of entries) updateIndexRow.run(indexParams(entry));
  });
  const indexQuery = (where: string, limit: string) =>
    `SELECT p.*, s.version AS published_version, v.published_at AS published_at
     FROM personas p
     LEFT JOIN library_latest s ON s.persona_id = p.id
     LEFT JOIN versions v ON v.persona_id = s.persona_id AND v.version = s.version
     WHERE ${where} ORDER BY p.updated_at DESC, p.id ${limit}`;
  // Keyset pagination: the rows after a (updated_at, id) in the list's order.
  const after = '(@updatedAt IS NULL OR p.updated_at < @updatedAt OR (p.updated_at = @updatedAt AND p.id > @id))';
  type PageParams = { limit: number; updatedAt: string | null; id: string | null };
  const view = (where: string) => ({
    all: db.prepare<[], IndexRecord>(indexQuery(where, '')),
    page: db.prepare<PageParams, IndexRecord>(indexQuery(`${where} AND ${after}`, 'LIMIT @limit')),
  });
  const views: Record<IndexView, ReturnType<typeof view>> = {
    drafts: view('p.archived_at IS NULL AND p.trashed_at IS NULL'),
    archived: view('p.archived_at IS NOT NULL AND p.trashed_at IS NULL'),
    trash: view('p.trashed_at IS NOT NULL'),
  };
  return {
    updateIndex: (...entries) => run('updateIndex', () => updateIndexTx(entries)),
    listIndex: (which = 'drafts', page) =>
      run('listIndex', () =>
        (page
          ? views[which].page.all({ limit: page.limit, updatedAt: page.after?.updatedAt ?? null, id: page.after?.id ?? null })
          : views[which].all.all()
        ).map(toIndexRow),
      ),
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
    publishedVersion: record.published_version,
    publishedAt: record.published_at,
    archivedAt: record.archived_at,
    trashedAt: record.trashed_at,
  };
}
