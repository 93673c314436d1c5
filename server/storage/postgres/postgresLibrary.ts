import type { Library, VersionRecord } from '../storage.ts';
import { parsePublisher } from '../sqliteLibrary.ts';
import { bytes, type Db, type Queryable } from './db.ts';

const VERSION_COLUMNS = 'v.persona_id, v.version, v.published_at, v.published_by, v.note, v.name, v.role, v.segment, v.avatar';
const MAX_QUERY_WORDS = 16;
/** Whether the persona is out of the trash: a trashed persona leaves the library (SPEC §7). */
const NOT_TRASHED = 'NOT EXISTS (SELECT 1 FROM personas t WHERE t.id = v.persona_id AND t.trashed_at IS NOT NULL)';
/** The library's rows: the latest version of each published persona not in the trash. */
const LATEST = `FROM library_search s JOIN versions v ON v.persona_id = s.persona_id AND v.version = s.version AND ${NOT_TRASHED}`;

/**
 * A column's words as lexemes of weight A…D: split and lower-cased as the query's words are, then
 * without accents (unaccent), so that "Logística" is found by "logist" and "LOGÍST".
 */
const weighted = (param: string, weight: 'A' | 'B' | 'C' | 'D') => `setweight(to_tsvector('simple', unaccent(${param})), '${weight}')`;
/** The search document of $3…$6: name, role, segment and the rest (searchParams). */
export const SEARCH_DOCUMENT = `${weighted('$3', 'A')} || ${weighted('$4', 'B')} || ${weighted('$5', 'C')} || ${weighted('$6', 'D')}`;
/** The parameters $3…$6 of SEARCH_DOCUMENT. */
export const searchParams = (of: { name: string; role: string; segment: string; searchText: string }): string[] =>
  [of.name, of.role, of.segment, of.searchText].map(searchWords);
/** How much a match in each column counts (D, C, B, A): the rest, segment, role, then name. */
const RANK = "ts_rank('{0.1, 0.3, 0.5, 1.0}', s.document, query)";
/** Every word as a prefix, all of them required; each word quoted, so nothing typed is read as tsquery syntax. */
const QUERY = "to_tsquery('simple', (SELECT string_agg(quote_literal(unaccent(w)) || ':*', ' & ') FROM unnest($1::text[]) AS w)) AS query";

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

/** The library on the `versions` and `library_search` tables, searched with PostgreSQL's text search. */
export function postgresLibrary(db: Db): Library {
  const lastVersion = async (personaId: string, q: Queryable): Promise<number | null> => {
    const { rows } = await q.query<{ version: number | null }>('SELECT max(version) AS version FROM versions WHERE persona_id = $1', [personaId]);
    return rows[0]?.version ?? null;
  };
  return {
    publish: (input) =>
      db.tx('publish', async (client) => {
        // The persona's row lock numbers its versions one at a time, whichever process publishes.
        const exists = await client.query('SELECT 1 FROM personas WHERE id = $1 FOR UPDATE', [input.personaId]);
        if (exists.rowCount === 0) throw new Error(`persona ${input.personaId} does not exist`);
        const version = ((await lastVersion(input.personaId, client)) ?? 0) + 1;
        await client.query(
          `INSERT INTO versions (persona_id, version, published_at, published_by, note, name, role, segment, avatar, state, snapshot)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            input.personaId,
            version,
            input.publishedAt,
            input.publishedBy ? JSON.stringify(input.publishedBy) : null,
            input.note,
            input.name,
            input.role,
            input.segment,
            input.avatar,
            Buffer.from(input.state),
            input.snapshot,
          ],
        );
        await client.query(
          `INSERT INTO library_search (persona_id, version, document, body)
           VALUES ($1, $2, ${SEARCH_DOCUMENT}, $7)
           ON CONFLICT (persona_id) DO UPDATE SET version = excluded.version, document = excluded.document, body = excluded.body`,
          [input.personaId, version, ...searchParams(input), input.searchText],
        );
        return version;
      }),
    searchLibrary: ({ q, segment }) =>
      db.run('searchLibrary', async (client) => {
        const words = q === undefined ? [] : queryWords(q);
        const bySegment = segment === undefined ? '' : `AND v.segment = $${words.length === 0 ? 1 : 2}`;
        const params = [...(words.length === 0 ? [] : [words]), ...(segment === undefined ? [] : [segment])];
        const { rows } =
          words.length === 0
            ? await client.query<VersionRow>(`SELECT ${VERSION_COLUMNS} ${LATEST} WHERE true ${bySegment} ORDER BY v.published_at DESC, v.persona_id`, params)
            : await client.query<VersionRow>(
                `SELECT ${VERSION_COLUMNS} ${LATEST}, ${QUERY} WHERE s.document @@ query ${bySegment}
                 ORDER BY ${RANK} DESC, v.published_at DESC, v.persona_id`,
                params,
              );
        return rows.map(toVersionRecord);
      }),
    librarySegments: () =>
      db.run('librarySegments', async (q) => {
        // As SQLite's NOCASE: ASCII letters without case first, then byte order.
        const { rows } = await q.query<{ segment: string }>(
          `SELECT segment FROM (SELECT DISTINCT v.segment AS segment ${LATEST} WHERE v.segment <> '') AS segments
           ORDER BY lower(segment COLLATE "C"), segment`,
        );
        return rows.map((row) => row.segment);
      }),
    getVersion: (personaId, version) =>
      db.run('getVersion', async (q) => {
        const number = version ?? (await lastVersion(personaId, q));
        if (number === null) return null;
        const { rows } = await q.query<VersionRow & { snapshot: string }>(
          `SELECT ${VERSION_COLUMNS}, v.snapshot FROM versions v WHERE v.persona_id = $1 AND v.version = $2 AND ${NOT_TRASHED}`,
          [personaId, number],
        );
        const row = rows[0];
        return row ? { ...toVersionRecord(row), snapshot: row.snapshot } : null;
      }),
    getVersionState: (personaId, version) =>
      db.run('getVersionState', async (q) => {
        const { rows } = await q.query<{ state: Buffer }>('SELECT state FROM versions WHERE persona_id = $1 AND version = $2', [personaId, version]);
        const row = rows[0];
        return row ? bytes(row.state) : null;
      }),
    listVersions: (personaId) =>
      db.run('listVersions', async (q) => {
        const { rows } = await q.query<VersionRow>(
          `SELECT ${VERSION_COLUMNS} FROM versions v WHERE v.persona_id = $1 AND ${NOT_TRASHED} ORDER BY v.version DESC`,
          [personaId],
        );
        return rows.map(toVersionRecord);
      }),
  };
}

/** The words of a text as the search sees them: letters and digits, lower-cased, one space apart. */
function searchWords(text: string): string {
  return splitWords(text).join(' ');
}

/** What someone typed, as at most 16 words that must each start a word (LIB5). */
function queryWords(text: string): string[] {
  return splitWords(text).slice(0, MAX_QUERY_WORDS);
}

function splitWords(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
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
