import type { Logger } from 'pino';
import type { TemplateName } from '../../../shared/api.ts';
import { TEMPLATE_NAMES } from '../../../shared/api.ts';
import type { IndexView, PersonaIndex, PersonaIndexEntry, PersonaIndexRow, PersonaStatus, Storage, UpdateLog } from '../storage.ts';
import { StoreError } from '../storage.ts';
import { bytes, changed, openDb, type Db } from './db.ts';
import { migrate } from './migrations.ts';
import { postgresActivity } from './postgresActivity.ts';
import { postgresCrm } from './postgresCrm.ts';
import { postgresHistory } from './postgresHistory.ts';
import { postgresInbox } from './postgresInbox.ts';
import { postgresLibrary } from './postgresLibrary.ts';
import { postgresMailQueue } from './postgresMailQueue.ts';
import { postgresPeople } from './postgresPeople.ts';
import { postgresPortable } from './postgresPortable.ts';
import { postgresWebhooks } from './postgresWebhooks.ts';

export interface PostgresStorageOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Keep every table in this schema (created when missing) rather than the connection's default one. */
  schema?: string | undefined;
  /** Connections the process keeps open at most. */
  poolSize?: number | undefined;
  logger?: Logger | undefined;
}

/** A PostgreSQL store always says whether its database answers, for /healthz. */
export type PostgresStorage = Storage & Required<Pick<Storage, 'reachable' | 'portable'>>;

/**
 * Everything in one PostgreSQL database (SPEC §9): the schema is migrated on open, under an advisory
 * lock, so any number of processes may open it at once. Every commit is on the server before a call
 * resolves, so a killed Tandem process loses nothing it had acknowledged (S5).
 */
export async function openPostgresStorage(options: PostgresStorageOptions): Promise<PostgresStorage> {
  const db = openDb(options);
  try {
    const client = await db.connect('migrate');
    try {
      await migrate(client, options.schema);
    } finally {
      client.release();
    }
  } catch (cause) {
    await db.close();
    throw cause instanceof StoreError ? cause : new StoreError(`The PostgreSQL schema could not be migrated: ${(cause as Error).message}`, { cause });
  }

  return {
    log: postgresUpdateLog(db),
    index: { ...postgresPersonaIndex(db), ...postgresLifecycle(db) },
    library: postgresLibrary(db),
    people: postgresPeople(db),
    history: postgresHistory(db),
    activity: postgresActivity(db),
    crm: postgresCrm(db),
    mailQueue: postgresMailQueue(db),
    webhooks: postgresWebhooks(db),
    inbox: postgresInbox(db),
    portable: postgresPortable(db),
    createPersona: (entry, state, template = 'blank') => createPersona(db, entry, state, template),
    erasePersona: (id) => erasePersona(db, id),
    reachable: (timeoutMs) => reachable(db, timeoutMs),
    close: () => db.close(),
  };
}

async function reachable(db: Db, timeoutMs: number): Promise<boolean> {
  if (db.closed()) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const answer = db.pool.query('SELECT 1').then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The update log. Each append takes its sequence numbers from the persona row (`last_seq`) under that
 * row's lock, in the same statement that writes the entries: one round trip, all or none, and two
 * processes appending to one persona never take the same number.
 */
function postgresUpdateLog(db: Db): UpdateLog {
  return {
    load: (id) =>
      db.run('load', async (q) => {
        // One statement, one snapshot: a compaction meanwhile cannot tear the log; no row at all, no persona.
        const { rows } = await q.query<{ seq: number | null; data: Buffer | null }>(
          'SELECT u.seq, u.data FROM personas p LEFT JOIN updates u ON u.persona_id = p.id WHERE p.id = $1 ORDER BY u.seq',
          [id],
        );
        if (rows.length === 0) return null;
        const entries = rows.flatMap((row) => (row.seq === null || row.data === null ? [] : [{ seq: row.seq, data: bytes(row.data) }]));
        return { updates: entries.map((entry) => entry.data), lastSeq: entries.at(-1)?.seq ?? 0 };
      }),
    append: (updates) =>
      db.run('append', async (q) => {
        if (updates.length === 0) return [];
        // An entry of a persona that does not exist gets no number: the NOT NULL seq fails the whole statement.
        const { rows } = await q.query<{ seq: number }>(
          `WITH batch AS (
             SELECT persona_id, data, ord FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS b (persona_id, data, ord)
           ), counts AS (
             SELECT persona_id, count(*) AS n FROM batch GROUP BY persona_id
           ), bumped AS (
             UPDATE personas p SET last_seq = p.last_seq + c.n FROM counts c WHERE p.id = c.persona_id
             RETURNING p.id, p.last_seq - c.n AS base
           ), numbered AS (
             SELECT b.persona_id, b.data, b.ord, k.base + row_number() OVER (PARTITION BY b.persona_id ORDER BY b.ord) AS seq
             FROM batch b LEFT JOIN bumped k ON k.id = b.persona_id
           ), inserted AS (
             INSERT INTO updates (persona_id, seq, data) SELECT persona_id, seq, data FROM numbered RETURNING 1
           )
           SELECT seq FROM numbered ORDER BY ord`,
          [updates.map((u) => u.personaId), updates.map((u) => Buffer.from(u.update.buffer, u.update.byteOffset, u.update.byteLength))],
        );
        return rows.map((row) => row.seq);
      }),
    // The state takes the number of the last entry it replaces, so entries after it still load after it.
    compact: (id, state, upTo) =>
      db.tx('compact', async (client) => {
        const { rows } = await client.query<{ last_seq: number }>('SELECT last_seq FROM personas WHERE id = $1 FOR UPDATE', [id]);
        const last = rows[0]?.last_seq ?? 0;
        if (!Number.isSafeInteger(upTo) || upTo < 1 || upTo > last) {
          throw new Error(`cannot compact persona ${id} up to ${upTo}: its last entry is ${last}`);
        }
        await client.query('DELETE FROM updates WHERE persona_id = $1 AND seq <= $2', [id, upTo]);
        await client.query('INSERT INTO updates (persona_id, seq, data) VALUES ($1, $2, $3)', [id, upTo, Buffer.from(state)]);
      }),
    logLength: (id) =>
      db.run('logLength', async (q) => {
        const { rows } = await q.query<{ n: number }>('SELECT count(*) AS n FROM updates WHERE persona_id = $1', [id]);
        return rows[0]?.n ?? 0;
      }),
  };
}

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

const VIEWS: Record<IndexView, string> = {
  drafts: 'p.archived_at IS NULL AND p.trashed_at IS NULL',
  archived: 'p.archived_at IS NOT NULL AND p.trashed_at IS NULL',
  trash: 'p.trashed_at IS NOT NULL',
};

function postgresPersonaIndex(db: Db): Pick<PersonaIndex, 'updateIndex' | 'listIndex'> {
  return {
    // Every busy room's row in one statement: one commit a second, not one per room.
    updateIndex: (...entries) =>
      db.run('updateIndex', async (q) => {
        if (entries.length === 0) return;
        await q.query(
          `UPDATE personas p SET name = e.name, role = e.role, segment = e.segment, evidence_marketing = e.marketing,
             evidence_sales = e.sales, updated_at = e.updated_at
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::text[])
             AS e (id, name, role, segment, marketing, sales, updated_at)
           WHERE p.id = e.id`,
          [0, 1, 2, 3, 4, 5, 6].map((column) => entries.map((entry) => indexParams(entry)[column])),
        );
      }),
    listIndex: (which = 'drafts', page) =>
      db.run('listIndex', async (q) => {
        // Keyset pagination: the rows after an (updated_at, id) in the list's order.
        const after = '($1::text IS NULL OR p.updated_at < $1 OR (p.updated_at = $1 AND p.id > $2))';
        const { rows } = await q.query<IndexRecord>(
          `SELECT p.id, p.name, p.role, p.segment, p.evidence_marketing, p.evidence_sales, p.created_at, p.updated_at,
             p.archived_at, p.trashed_at, s.version AS published_version, v.published_at
           FROM personas p
           LEFT JOIN library_search s ON s.persona_id = p.id
           LEFT JOIN versions v ON v.persona_id = s.persona_id AND v.version = s.version
           WHERE ${VIEWS[which]} AND ${after}
           ORDER BY p.updated_at DESC, p.id LIMIT $3`,
          [page?.after?.updatedAt ?? null, page?.after?.id ?? null, page?.limit ?? null],
        );
        return rows.map(toIndexRow);
      }),
  };
}

interface StatusRow {
  archived_at: string | null;
  trashed_at: string | null;
  template: string;
  template_checked_at: string | null;
}

/** A persona's life (SPEC §7): archived, in the trash, erased; and the mark that its old template text was looked for. */
function postgresLifecycle(db: Db): Omit<PersonaIndex, 'updateIndex' | 'listIndex'> {
  const change = (what: string, sql: string) => (params: unknown[]) =>
    db.run(what, async (q) => changed(await q.query(sql, params)) > 0);
  const archive = change('archive', 'UPDATE personas SET archived_at = $2 WHERE id = $1 AND archived_at IS NULL AND trashed_at IS NULL');
  const unarchive = change('unarchive', 'UPDATE personas SET archived_at = NULL WHERE id = $1 AND archived_at IS NOT NULL AND trashed_at IS NULL');
  const trash = change('trash', 'UPDATE personas SET trashed_at = $2 WHERE id = $1 AND trashed_at IS NULL');
  const untrash = change('untrash', 'UPDATE personas SET trashed_at = NULL WHERE id = $1 AND trashed_at IS NOT NULL');
  return {
    status: (id) =>
      db.run('status', async (q) => {
        const { rows } = await q.query<StatusRow>('SELECT archived_at, trashed_at, template, template_checked_at FROM personas WHERE id = $1', [id]);
        return toStatus(rows[0]);
      }),
    archive: (id, at) => archive([id, at]),
    unarchive: (id) => unarchive([id]),
    trash: (id, at) => trash([id, at]),
    untrash: (id) => untrash([id]),
    trashedBefore: (cutoff) =>
      db.run('trashedBefore', async (q) => {
        const { rows } = await q.query<{ id: string }>(
          'SELECT id FROM personas WHERE trashed_at IS NOT NULL AND trashed_at < $1 ORDER BY trashed_at, id',
          [cutoff],
        );
        return rows.map((row) => row.id);
      }),
    markTemplateChecked: (id, at, template) =>
      db.run('markTemplateChecked', async (q) => {
        await q.query('UPDATE personas SET template_checked_at = $2, template = $3 WHERE id = $1', [id, at, template]);
      }),
  };
}

/**
 * The row and the first log entry in one statement: a persona is never listed without its document.
 * It is written by today's templates, so there is no old template text to look for.
 */
function createPersona(db: Db, entry: PersonaIndexEntry, state: Uint8Array, template: TemplateName): Promise<boolean> {
  return db.run('createPersona', async (q) => {
    const result = await q.query(
      `WITH created AS (
         INSERT INTO personas (id, name, role, segment, evidence_marketing, evidence_sales, created_at, updated_at, template, template_checked_at, last_seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $7, 1) ON CONFLICT (id) DO NOTHING RETURNING id
       )
       INSERT INTO updates (persona_id, seq, data) SELECT id, 1, $9 FROM created`,
      [...indexParams(entry), template, Buffer.from(state)],
    );
    return changed(result) === 1;
  });
}

/** Children before the row; every concern that keeps rows per persona has its DELETE here. */
const ERASE = [
  'DELETE FROM checkpoints WHERE persona_id = $1',
  'DELETE FROM activity WHERE persona_id = $1',
  'DELETE FROM mail_queue WHERE persona_id = $1',
  'DELETE FROM webhook_deliveries WHERE persona_id = $1',
  'DELETE FROM inbox_items WHERE persona_id = $1',
  'DELETE FROM library_search WHERE persona_id = $1',
  'DELETE FROM versions WHERE persona_id = $1',
  'DELETE FROM updates WHERE persona_id = $1',
  'DELETE FROM personas WHERE id = $1',
];

function erasePersona(db: Db, id: string): Promise<boolean> {
  return db.tx('erasePersona', async (client) => {
    const trashed = await client.query('SELECT 1 FROM personas WHERE id = $1 AND trashed_at IS NOT NULL FOR UPDATE', [id]);
    if (trashed.rowCount === 0) return false;
    // The trigger that keeps published versions lets this persona's go, in this transaction only.
    await client.query("SELECT set_config('tandem.erasing', $1, true)", [id]);
    for (const sql of ERASE) await client.query(sql, [id]);
    await client.query("SELECT set_config('tandem.erasing', '', true)");
    return true;
  });
}

function indexParams(entry: PersonaIndexEntry) {
  return [entry.id, entry.name, entry.role, entry.segment, entry.evidence.marketing, entry.evidence.sales, entry.updatedAt];
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

function toStatus(row: StatusRow | undefined): PersonaStatus | null {
  if (!row) return null;
  return {
    archivedAt: row.archived_at,
    trashedAt: row.trashed_at,
    template: TEMPLATE_NAMES.find((name) => name === row.template) ?? 'blank',
    templateCheckedAt: row.template_checked_at,
  };
}
