import type Database from 'better-sqlite3';
import type { Publisher } from '../../shared/api.ts';
import { z } from 'zod';
import { publisherSchema } from '../../shared/api.ts';
import { SIDES } from '../../shared/persona/schema.ts';
import type { Library, PublishInput, VersionRecord } from './storage.ts';

/** Runs one storage call: rejects with a StoreError when it fails or the database is closed. */
export type RunInStore = <T>(what: string, fn: () => T) => Promise<T>;

const VERSION_COLUMNS = 'v.persona_id, v.version, v.published_at, v.published_by, v.note, v.name, v.role, v.segment, v.avatar';
/** How much a match in each column counts: name, then role, segment and the rest. */
const RANK = 'bm25(library_search, 0, 0, 10, 5, 3, 1)';
const MAX_QUERY_WORDS = 16;
/** Whether the persona is out of the trash: a trashed persona leaves the library (SPEC §7). */
const NOT_TRASHED = 'NOT EXISTS (SELECT 1 FROM personas t WHERE t.id = v.persona_id AND t.trashed_at IS NOT NULL)';
/** The library's rows matching a search: the latest version of each published persona not in the trash. */
const MATCHED = `FROM library_search s JOIN versions v ON v.persona_id = s.persona_id AND v.version = s.version AND ${NOT_TRASHED}`;
/** The same rows without a search, found without reading the search index's text. */
const LATEST = `FROM library_latest l JOIN versions v ON v.persona_id = l.persona_id AND v.version = l.version AND ${NOT_TRASHED}`;

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
 * Fills library_latest in a store written before it existed (once: afterwards every publish keeps it).
 */
export function migrateLibraryLatest(db: Database.Database): void {
  const filled = db.prepare<[], { one: number }>('SELECT 1 AS one FROM library_latest LIMIT 1').get();
  if (filled) return;
  db.exec(`INSERT INTO library_latest (persona_id, version, search_rowid)
           SELECT persona_id, version, rowid FROM library_search WHERE true
           ON CONFLICT (persona_id) DO NOTHING`);
}

/** The library on the `versions`, `library_search` and `library_latest` tables of sqliteStorage.ts's schema. */
export function sqliteLibrary(db: Database.Database, run: RunInStore): Library {
  const selectExists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM personas WHERE id = ?');
  const selectLastVersion = db.prepare<[string], { version: number | null }>(
    'SELECT max(version) AS version FROM versions WHERE persona_id = ?',
  );
  const insertVersion = db.prepare(
    `INSERT INTO versions (persona_id, version, published_at, published_by, note, name, role, segment, avatar, state, snapshot)
     VALUES (@personaId, @version, @publishedAt, @publishedBy, @note, @name, @role, @segment, @avatar, @state, @snapshot)`,
  );
  const selectLatest = db.prepare<[string], { search_rowid: number }>('SELECT search_rowid FROM library_latest WHERE persona_id = ?');
  const deleteSearchRow = db.prepare<[number]>('DELETE FROM library_search WHERE rowid = ?');
  const upsertLatest = db.prepare<[string, number, number | bigint]>(
    `INSERT INTO library_latest (persona_id, version, search_rowid) VALUES (?, ?, ?)
     ON CONFLICT (persona_id) DO UPDATE SET version = excluded.version, search_rowid = excluded.search_rowid`,
  );
  const insertSearchRow = db.prepare(
    `INSERT INTO library_search (persona_id, version, name, role, segment, body)
     VALUES (@personaId, @version, @name, @role, @segment, @body)`,
  );
  const searchAll = db.prepare<[], VersionRow>(`SELECT ${VERSION_COLUMNS} ${LATEST} ORDER BY v.published_at DESC, v.persona_id`);
  const searchSegment = db.prepare<[string], VersionRow>(
    `SELECT ${VERSION_COLUMNS} ${LATEST} WHERE v.segment = ? ORDER BY v.published_at DESC, v.persona_id`,
  );
  const searchText = db.prepare<[string], VersionRow>(
    `SELECT ${VERSION_COLUMNS} ${MATCHED} WHERE library_search MATCH ? ORDER BY ${RANK}, v.published_at DESC`,
  );
  const searchTextSegment = db.prepare<[string, string], VersionRow>(
    `SELECT ${VERSION_COLUMNS} ${MATCHED} WHERE library_search MATCH ? AND v.segment = ? ORDER BY ${RANK}, v.published_at DESC`,
  );
  const selectSegments = db.prepare<[], { segment: string }>(
    `SELECT DISTINCT v.segment AS segment ${LATEST} WHERE v.segment != '' ORDER BY v.segment COLLATE NOCASE, v.segment`,
  );
  const selectVersion = db.prepare<[string, number], VersionRow & { snapshot: string }>(
    `SELECT ${VERSION_COLUMNS}, v.snapshot FROM versions v WHERE v.persona_id = ? AND v.version = ? AND ${NOT_TRASHED}`,
  );
  const selectVersionState = db.prepare<[string, number], { state: Buffer }>(
    'SELECT state FROM versions WHERE persona_id = ? AND version = ?',
  );
  const selectVersions = db.prepare<[string], VersionRow>(
    `SELECT ${VERSION_COLUMNS} FROM versions v WHERE v.persona_id = ? AND ${NOT_TRASHED} ORDER BY v.version DESC`,
  );

  const publishTx = db.transaction((input: PublishInput): number => {
    if (!selectExists.get(input.personaId)) throw new Error(`persona ${input.personaId} does not exist`);
    const version = (selectLastVersion.get(input.personaId)?.version ?? 0) + 1;
    insertVersion.run({
      ...input,
      version,
      publishedBy: input.publishedBy ? JSON.stringify(input.publishedBy) : null,
    });
    const previous = selectLatest.get(input.personaId);
    if (previous) deleteSearchRow.run(previous.search_rowid);
    const { lastInsertRowid } = insertSearchRow.run({
      personaId: input.personaId,
      version,
      name: input.name,
      role: input.role,
      segment: input.segment,
      body: input.searchText,
    });
    upsertLatest.run(input.personaId, version, lastInsertRowid);
    return version;
  });

  return {
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
    getVersionState: (personaId, version) =>
      run('getVersionState', () => {
        const row = selectVersionState.get(personaId, version);
        return row ? new Uint8Array(row.state.buffer, row.state.byteOffset, row.state.byteLength) : null;
      }),
    listVersions: (personaId) => run('listVersions', () => selectVersions.all(personaId).map(toVersionRecord)),
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

/** Before members, a client stated its publisher as `{ name, side }`: shown, but marked unverified. */
const legacyPublisherSchema = z.object({ name: z.string(), side: z.enum(SIDES) });

export function parsePublisher(json: string): Publisher | null {
  try {
    const value: unknown = JSON.parse(json);
    const parsed = publisherSchema.safeParse(value);
    if (parsed.success) return parsed.data;
    const legacy = legacyPublisherSchema.safeParse(value);
    return legacy.success ? { id: null, name: legacy.data.name, team: legacy.data.side, verified: false } : null;
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
