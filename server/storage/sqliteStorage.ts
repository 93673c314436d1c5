import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SqliteSynchronous } from '../config.ts';
import type { Publisher } from '../../shared/api.ts';
import { publisherSchema } from '../../shared/api.ts';
import type {
  DocStore,
  PersonaIndexEntry,
  PersonaIndexRow,
  PublishInput,
  StoredUpdate,
  VersionRecord,
} from './storage.ts';
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
`;

const VERSION_COLUMNS = 'v.persona_id, v.version, v.published_at, v.published_by, v.note, v.name, v.role, v.segment, v.avatar';
/** How much a match in each column counts: name, then role, segment and the rest. */
const RANK = 'bm25(library_search, 0, 0, 10, 5, 3, 1)';
const MAX_QUERY_WORDS = 16;

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
}

interface VersionRow {
  persona_id: string;
  version: number;
  published_at: string;
  published_by: string | null;
  note: string;
  name: string;
  role: string;
  segment: string;
  avatar: string;
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
  const selectIndex = db.prepare<[], IndexRecord>(
    `SELECT p.*, s.version AS published_version, v.published_at AS published_at
     FROM personas p
     LEFT JOIN library_search s ON s.persona_id = p.id
     LEFT JOIN versions v ON v.persona_id = s.persona_id AND v.version = s.version
     ORDER BY p.updated_at DESC, p.id`,
  );
  const selectLastVersion = db.prepare<[string], { version: number | null }>(
    'SELECT max(version) AS version FROM versions WHERE persona_id = ?',
  );
  const insertVersion = db.prepare(
    `INSERT INTO versions (persona_id, version, published_at, published_by, note, name, role, segment, avatar, state, snapshot)
     VALUES (@personaId, @version, @publishedAt, @publishedBy, @note, @name, @role, @segment, @avatar, @state, @snapshot)`,
  );
  const deleteSearchRow = db.prepare<[string]>('DELETE FROM library_search WHERE persona_id = ?');
  const insertSearchRow = db.prepare(
    `INSERT INTO library_search (persona_id, version, name, role, segment, body)
     VALUES (@personaId, @version, @name, @role, @segment, @body)`,
  );
  const LATEST = `FROM library_search s JOIN versions v ON v.persona_id = s.persona_id AND v.version = s.version`;
  const searchAll = db.prepare<[], VersionRow>(`SELECT ${VERSION_COLUMNS} ${LATEST} ORDER BY v.published_at DESC, v.persona_id`);
  const searchSegment = db.prepare<[string], VersionRow>(
    `SELECT ${VERSION_COLUMNS} ${LATEST} WHERE v.segment = ? ORDER BY v.published_at DESC, v.persona_id`,
  );
  const searchText = db.prepare<[string], VersionRow>(
    `SELECT ${VERSION_COLUMNS} ${LATEST} WHERE library_search MATCH ? ORDER BY ${RANK}, v.published_at DESC`,
  );
  const searchTextSegment = db.prepare<[string, string], VersionRow>(
    `SELECT ${VERSION_COLUMNS} ${LATEST} WHERE library_search MATCH ? AND v.segment = ? ORDER BY ${RANK}, v.published_at DESC`,
  );
  const selectSegments = db.prepare<[], { segment: string }>(
    `SELECT DISTINCT v.segment AS segment ${LATEST} WHERE v.segment != '' ORDER BY v.segment COLLATE NOCASE, v.segment`,
  );
  const selectVersion = db.prepare<[string, number], VersionRow & { snapshot: string }>(
    `SELECT ${VERSION_COLUMNS}, v.snapshot FROM versions v WHERE v.persona_id = ? AND v.version = ?`,
  );
  const selectVersions = db.prepare<[string], VersionRow>(
    `SELECT ${VERSION_COLUMNS} FROM versions v WHERE v.persona_id = ? ORDER BY v.version DESC`,
  );

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

  const publishTx = inTransaction((input: PublishInput): number => {
    if (!selectExists.get(input.personaId)) throw new Error(`persona ${input.personaId} does not exist`);
    const version = (selectLastVersion.get(input.personaId)?.version ?? 0) + 1;
    insertVersion.run({
      ...input,
      version,
      publishedBy: input.publishedBy ? JSON.stringify(input.publishedBy) : null,
    });
    deleteSearchRow.run(input.personaId);
    insertSearchRow.run({
      personaId: input.personaId,
      version,
      name: input.name,
      role: input.role,
      segment: input.segment,
      body: input.searchText,
    });
    return version;
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
    publish: (input) => run('publish', () => publishTx(input)),
    searchLibrary: ({ q, segment }) =>
      run('searchLibrary', () => {
        const match = q === undefined ? null : ftsQuery(q);
        const rows =
          match === null
            ? segment === undefined
              ? searchAll.all()
              : searchSegment.all(segment)
            : segment === undefined
              ? searchText.all(match)
              : searchTextSegment.all(match, segment);
        return rows.map(toVersionRecord);
      }),
    librarySegments: () => run('librarySegments', () => selectSegments.all().map((row) => row.segment)),
    getVersion: (personaId, version) =>
      run('getVersion', () => {
        const number = version ?? selectLastVersion.get(personaId)?.version ?? null;
        if (number === null) return null;
        const row = selectVersion.get(personaId, number);
        return row ? { ...toVersionRecord(row), snapshot: row.snapshot } : null;
      }),
    listVersions: (personaId) => run('listVersions', () => selectVersions.all(personaId).map(toVersionRecord)),
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
    publishedVersion: record.published_version,
    publishedAt: record.published_at,
  };
}

function toVersionRecord(row: VersionRow): VersionRecord {
  return {
    personaId: row.persona_id,
    version: row.version,
    publishedAt: row.published_at,
    publishedBy: row.published_by === null ? null : parsePublisher(row.published_by),
    note: row.note,
    name: row.name,
    role: row.role,
    segment: row.segment,
    avatar: row.avatar,
  };
}

function parsePublisher(json: string): Publisher | null {
  try {
    const parsed = publisherSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * An FTS5 query from what someone typed: every word must start a word of the persona (so "fin"
 * finds "financiera"), regardless of case and accents; null when there is no word in it. Words are
 * quoted, so nothing typed is read as FTS5 syntax.
 */
export function ftsQuery(text: string): string | null {
  const words = text.normalize('NFC').split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
  if (words.length === 0) return null;
  return words
    .slice(0, MAX_QUERY_WORDS)
    .map((word) => `"${word}"*`)
    .join(' ');
}
