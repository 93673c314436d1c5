import type pg from 'pg';
import type { CrmSource, MemberRef, Team } from '../../../shared/api.ts';
import type { Deal, DealOutcome } from '../../../shared/scorecard/deals.ts';
import type { Actuals } from '../../../shared/scorecard/figures.ts';
import { actualsByPeriod } from '../../../shared/scorecard/figures.ts';
import { matchKey } from '../sqliteCrm.ts';
import type { Crm, CrmImportRecord, ImportFigures, ImportStage, NoticeRecord, PersonaMapEntry } from '../storage.ts';
import { StoreError } from '../storage.ts';
import { bytes, changed, type Db, type Queryable } from './db.ts';

interface ImportRow {
  id: string;
  at: string;
  by_id: string | null;
  by_name: string | null;
  by_team: string | null;
  kind: string;
  rows: number;
  sha256: string;
  filename: string | null;
  source: string | null;
}

interface DealRow {
  deal_id: string;
  name: string;
  stage: string;
  outcome: string;
  amount: number | null;
  created_at: string;
  closed_at: string | null;
  loss_reason: string;
  persona_id: string;
}

interface NoticeRow {
  id: string;
  member_id: string;
  at: string;
  persona_id: string;
  persona_name: string;
  kind: string;
  detail: string;
  read_at: string | null;
}

const IMPORT_COLUMNS = 'id, at, by_id, by_name, by_team, kind, rows, sha256, filename, source';
const DEAL_COLUMNS = 'persona_id, n, deal_id, name, stage, outcome, amount, created_at, closed_at, loss_reason';
/** The deals of a batch as arrays, one per column from $first on, for one INSERT … SELECT FROM unnest. */
const dealsFromArrays = (first: number): string =>
  `unnest(${['text', 'int', 'text', 'text', 'text', 'text', 'float8', 'text', 'text', 'text'].map((type, i) => `$${first + i}::${type}[]`).join(', ')})`;

/**
 * A real import's deals while its file is read go to a TEMP table on a connection the stage keeps to
 * itself: deals staged by an import that fails, or by a process that dies, are never seen by anyone
 * and vanish with the connection.
 */
const STAGED_SCHEMA = `CREATE TEMP TABLE IF NOT EXISTS crm_staged_deals (
  persona_id text COLLATE "C" NOT NULL, n integer NOT NULL, deal_id text NOT NULL, name text NOT NULL, stage text NOT NULL,
  outcome text NOT NULL, amount double precision, created_at text NOT NULL, closed_at text, loss_reason text NOT NULL,
  PRIMARY KEY (persona_id, n))`;

export function postgresCrm(db: Db): Crm {
  return {
    addImport: (record, file, deals, figures) =>
      db.tx('addImport', async (client) => {
        if (!(await keepRecord(client, record, file))) return false;
        await insertDeals(client, record.id, numbered(deals, new Map()));
        await insertFigures(client, record.id, figures);
        return true;
      }),
    stageImport: () => stageImport(db),
    listImports: () =>
      db.run('listImports', async (q) => (await q.query<ImportRow>(`SELECT ${IMPORT_COLUMNS} FROM crm_imports ORDER BY seq DESC`)).rows.map(toImport)),
    latestImport: () =>
      db.run('latestImport', async (q) => {
        const row = (await q.query<ImportRow>(`SELECT ${IMPORT_COLUMNS} FROM crm_imports ORDER BY seq DESC LIMIT 1`)).rows[0];
        return row ? toImport(row) : null;
      }),
    importFile: (id) =>
      db.run('importFile', async (q) => {
        const row = (await q.query<{ file: Buffer }>('SELECT file FROM crm_imports WHERE id = $1', [id])).rows[0];
        return row ? new Uint8Array(bytes(row.file)) : null;
      }),
    importDeals: (importId, personaId) => db.run('importDeals', (q) => selectDeals(q, importId, personaId)),
    dealCounts: (importId) =>
      db.run('dealCounts', async (q) => {
        const { rows } = await q.query<{ persona_id: string; n: number }>(
          'SELECT persona_id, count(*) AS n FROM crm_deals WHERE import_id = $1 GROUP BY persona_id',
          [importId],
        );
        return new Map(rows.map((row) => [row.persona_id, row.n]));
      }),
    figuresOf: (personaId, period) =>
      db.run('figuresOf', async (q) => {
        const { rows } = await q.query<{ import_id: string; actuals: string }>(
          'SELECT import_id, actuals FROM crm_figures WHERE persona_id = $1 AND period = $2',
          [personaId, period],
        );
        return new Map(rows.map((row) => [row.import_id, JSON.parse(row.actuals) as Actuals]));
      }),
    personaMap: () =>
      db.run('personaMap', async (q) => {
        const { rows } = await q.query<{ value: string; persona_id: string }>('SELECT value, persona_id FROM crm_persona_map ORDER BY value');
        return rows.map((row): PersonaMapEntry => ({ value: row.value, personaId: row.persona_id }));
      }),
    updatePersonaMap: (changes) =>
      db.tx('updatePersonaMap', async (client) => {
        for (const [value, personaId] of Object.entries(changes)) {
          const key = matchKey(value);
          if (personaId === null) await client.query('DELETE FROM crm_persona_map WHERE match_key = $1', [key]);
          else {
            await client.query(
              `INSERT INTO crm_persona_map (match_key, value, persona_id) VALUES ($1, $2, $3)
               ON CONFLICT (match_key) DO UPDATE SET value = excluded.value, persona_id = excluded.persona_id`,
              [key, value.trim(), personaId],
            );
          }
        }
      }),
    addNotices: (notices) =>
      db.tx('addNotices', async (client) => {
        for (const notice of notices) await insertNotice(client, notice);
      }),
    listNotices: (memberId) =>
      db.run('listNotices', async (q) => {
        const { rows } = await q.query<NoticeRow>('SELECT * FROM notices WHERE member_id = $1 ORDER BY at DESC, id', [memberId]);
        return rows.map(toNotice);
      }),
    markNoticeRead: (memberId, id, at) =>
      db.run('markNoticeRead', async (q) =>
        changed(await q.query('UPDATE notices SET read_at = coalesce(read_at, $1) WHERE member_id = $2 AND id = $3', [at, memberId, id])) > 0,
      ),
  };
}

function stageImport(db: Db): ImportStage {
  /** The next `n` of each persona's deals, in the file's order. */
  const counters = new Map<string, number>();
  let staging: Promise<pg.PoolClient> | null = null;
  const client = () =>
    (staging ??= db.connect('stageImport').then(async (connection) => {
      try {
        await connection.query(STAGED_SCHEMA);
        await connection.query('TRUNCATE crm_staged_deals');
        return connection;
      } catch (err) {
        connection.release(true);
        throw err;
      }
    }));
  // The connection is closed, not returned to the pool: its TEMP table, and anything staged, go with it.
  const forget = async () => {
    counters.clear();
    const connection = staging;
    staging = null;
    if (connection) (await connection.catch(() => null))?.release(true);
  };
  const fail = (what: string, cause: unknown) => (cause instanceof StoreError ? cause : new StoreError(`${what}: ${(cause as Error).message}`, { cause }));
  return {
    add: async (deals) => {
      try {
        await insertDeals(await client(), null, numbered(deals, counters));
      } catch (cause) {
        throw fail('stageImport', cause);
      }
    },
    commit: async (record, file) => {
      try {
        const connection = await client();
        await connection.query('BEGIN');
        try {
          if (!(await keepRecord(connection, record, file))) {
            await connection.query('ROLLBACK');
            return false;
          }
          await connection.query(`INSERT INTO crm_deals (import_id, ${DEAL_COLUMNS}) SELECT $1, ${DEAL_COLUMNS} FROM crm_staged_deals`, [record.id]);
          // The figures a persona at a time, from its deals read back: only the largest persona's deals are in memory at once.
          for (const personaId of counters.keys()) {
            const figures = [...actualsByPeriod(await selectDeals(connection, record.id, personaId))].map(([period, actuals]) => ({ personaId, period, actuals }));
            await insertFigures(connection, record.id, figures);
          }
          await connection.query('COMMIT');
          return true;
        } catch (err) {
          await connection.query('ROLLBACK').catch(() => undefined);
          throw err;
        }
      } catch (cause) {
        throw fail('addImport', cause);
      } finally {
        await forget();
      }
    },
    discard: forget,
  };
}

/** A batch of deals with each one's `n`, its place among its persona's deals in the file. */
function numbered(deals: readonly Deal[], counters: Map<string, number>): { deal: Deal; n: number }[] {
  return deals.map((deal) => {
    const n = counters.get(deal.personaId) ?? 0;
    counters.set(deal.personaId, n + 1);
    return { deal, n };
  });
}

/** Into crm_deals (of import `importId`) or, with null, into the stage's TEMP table. */
async function insertDeals(q: Queryable, importId: string | null, deals: readonly { deal: Deal; n: number }[]): Promise<void> {
  if (deals.length === 0) return;
  const column = <T>(pick: (deal: Deal, n: number) => T): T[] => deals.map(({ deal, n }) => pick(deal, n));
  const columns = [
    column((d) => d.personaId),
    column((_, n) => n),
    column((d) => d.id),
    column((d) => d.name),
    column((d) => d.stage),
    column((d) => d.outcome),
    column((d) => d.amount),
    column((d) => d.createdAt),
    column((d) => d.closedAt),
    column((d) => d.lossReason),
  ];
  if (importId === null) {
    await q.query(`INSERT INTO crm_staged_deals (${DEAL_COLUMNS}) SELECT * FROM ${dealsFromArrays(1)}`, columns);
  } else {
    await q.query(`INSERT INTO crm_deals (import_id, ${DEAL_COLUMNS}) SELECT $1, * FROM ${dealsFromArrays(2)}`, [importId, ...columns]);
  }
}

async function insertFigures(q: Queryable, importId: string, figures: readonly ImportFigures[]): Promise<void> {
  if (figures.length === 0) return;
  await q.query(
    'INSERT INTO crm_figures (persona_id, period, import_id, actuals) SELECT p, period, $1, a FROM unnest($2::text[], $3::text[], $4::text[]) AS f (p, period, a)',
    [importId, figures.map((f) => f.personaId), figures.map((f) => f.period), figures.map((f) => JSON.stringify(f.actuals))],
  );
}

async function keepRecord(q: Queryable, record: CrmImportRecord, file: Uint8Array): Promise<boolean> {
  const result = await q.query(
    `INSERT INTO crm_imports (id, at, by_id, by_name, by_team, kind, rows, sha256, filename, source, file)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
    [
      record.id,
      record.at,
      record.by?.id ?? null,
      record.by?.name ?? null,
      record.by?.team ?? null,
      record.kind,
      record.rows,
      record.sha256,
      record.filename,
      record.source,
      Buffer.from(file.buffer, file.byteOffset, file.byteLength),
    ],
  );
  return changed(result) > 0;
}

async function selectDeals(q: Queryable, importId: string, personaId: string): Promise<Deal[]> {
  const { rows } = await q.query<DealRow>(
    `SELECT deal_id, name, stage, outcome, amount, created_at, closed_at, loss_reason, persona_id
     FROM crm_deals WHERE import_id = $1 AND persona_id = $2 ORDER BY n`,
    [importId, personaId],
  );
  return rows.map(toDeal);
}

async function insertNotice(q: Queryable, notice: NoticeRecord): Promise<void> {
  await q.query(
    `INSERT INTO notices (id, member_id, at, persona_id, persona_name, kind, detail, read_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
    [notice.id, notice.memberId, notice.at, notice.personaId, notice.personaName, notice.kind, JSON.stringify(notice.detail), notice.readAt],
  );
}

function toImport(row: ImportRow): CrmImportRecord {
  const by: MemberRef | null = row.by_id === null ? null : { id: row.by_id, name: row.by_name ?? '', team: (row.by_team ?? 'other') as Team };
  return {
    id: row.id,
    at: row.at,
    by,
    kind: 'deals',
    rows: row.rows,
    sha256: row.sha256,
    filename: row.filename,
    source: row.source as CrmSource | null,
  };
}

function toDeal(row: DealRow): Deal {
  return {
    id: row.deal_id,
    name: row.name,
    stage: row.stage,
    outcome: row.outcome as DealOutcome,
    amount: row.amount,
    createdAt: row.created_at,
    closedAt: row.closed_at,
    lossReason: row.loss_reason,
    personaId: row.persona_id,
  };
}

function toNotice(row: NoticeRow): NoticeRecord {
  return {
    id: row.id,
    memberId: row.member_id,
    at: row.at,
    personaId: row.persona_id,
    personaName: row.persona_name,
    kind: 'target-met',
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    readAt: row.read_at,
  };
}
