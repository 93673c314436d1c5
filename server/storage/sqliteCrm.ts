import type Database from 'better-sqlite3';
import type { CrmSource, MemberRef, Team } from '../../shared/api.ts';
import type { Deal, DealOutcome } from '../../shared/scorecard/deals.ts';
import type { RunInStore } from './sqliteLibrary.ts';
import { randomBytes } from 'node:crypto';
import type { Actuals } from '../../shared/scorecard/figures.ts';
import { actualsByPeriod } from '../../shared/scorecard/figures.ts';
import type { Crm, CrmImportRecord, ImportFigures, ImportStage, NoticeRecord, PersonaMapEntry } from './storage.ts';

/** CRM imports, their deals, the persona map and notices; part of sqliteStorage.ts's schema, created with it. */
export const CRM_SCHEMA = `
-- Imports never change (SPEC §8): the triggers refuse any change to an import, its file or its deals.
CREATE TABLE IF NOT EXISTS crm_imports (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  at TEXT NOT NULL,
  by_id TEXT,
  by_name TEXT,
  by_team TEXT,
  kind TEXT NOT NULL,
  rows INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  filename TEXT,
  source TEXT,
  file BLOB NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS crm_deals (
  import_id TEXT NOT NULL REFERENCES crm_imports(id),
  persona_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  deal_id TEXT NOT NULL,
  name TEXT NOT NULL,
  stage TEXT NOT NULL,
  outcome TEXT NOT NULL,
  amount REAL,
  created_at TEXT NOT NULL,
  closed_at TEXT,
  loss_reason TEXT NOT NULL,
  PRIMARY KEY (import_id, persona_id, n)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS crm_figures (
  persona_id TEXT NOT NULL,
  period TEXT NOT NULL,
  import_id TEXT NOT NULL REFERENCES crm_imports(id),
  actuals TEXT NOT NULL,
  PRIMARY KEY (persona_id, period, import_id)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS crm_figures_are_immutable BEFORE UPDATE ON crm_figures
BEGIN SELECT RAISE(ABORT, 'imports are immutable'); END;
CREATE TRIGGER IF NOT EXISTS crm_figures_are_kept BEFORE DELETE ON crm_figures
BEGIN SELECT RAISE(ABORT, 'imports are never deleted'); END;
CREATE TRIGGER IF NOT EXISTS crm_imports_are_immutable BEFORE UPDATE ON crm_imports
BEGIN SELECT RAISE(ABORT, 'imports are immutable'); END;
CREATE TRIGGER IF NOT EXISTS crm_imports_are_kept BEFORE DELETE ON crm_imports
BEGIN SELECT RAISE(ABORT, 'imports are never deleted'); END;
CREATE TRIGGER IF NOT EXISTS crm_deals_are_immutable BEFORE UPDATE ON crm_deals
BEGIN SELECT RAISE(ABORT, 'imports are immutable'); END;
CREATE TRIGGER IF NOT EXISTS crm_deals_are_kept BEFORE DELETE ON crm_deals
BEGIN SELECT RAISE(ABORT, 'imports are never deleted'); END;
CREATE TABLE IF NOT EXISTS crm_persona_map (
  match_key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  persona_id TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS notices (
  id TEXT PRIMARY KEY,
  member_id TEXT NOT NULL,
  at TEXT NOT NULL,
  persona_id TEXT NOT NULL,
  persona_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL,
  read_at TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS notices_by_member ON notices (member_id, at);
`;

/** How a CRM value is matched: without case, accents or repeated spaces. */
export function matchKey(value: string): string {
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

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

/**
 * A real import's deals while its file is read: a TEMP table, this connection's own, so deals staged
 * by an import that fails, or by a process that dies, are never seen by anyone and vanish with it.
 */
const STAGED_SCHEMA = `
CREATE TEMP TABLE IF NOT EXISTS crm_staged_deals (
  stage_id TEXT NOT NULL,
  persona_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  deal_id TEXT NOT NULL,
  name TEXT NOT NULL,
  stage TEXT NOT NULL,
  outcome TEXT NOT NULL,
  amount REAL,
  created_at TEXT NOT NULL,
  closed_at TEXT,
  loss_reason TEXT NOT NULL,
  PRIMARY KEY (stage_id, persona_id, n)
) STRICT, WITHOUT ROWID;
`;

const DEAL_COLUMNS = 'persona_id, n, deal_id, name, stage, outcome, amount, created_at, closed_at, loss_reason';

const IMPORT_COLUMNS = 'id, at, by_id, by_name, by_team, kind, rows, sha256, filename, source';

export function sqliteCrm(db: Database.Database, run: RunInStore): Crm {
  const insertImport = db.prepare(
    `INSERT INTO crm_imports (id, at, by_id, by_name, by_team, kind, rows, sha256, filename, source, file)
     VALUES (@id, @at, @byId, @byName, @byTeam, @kind, @rows, @sha256, @filename, @source, @file) ON CONFLICT DO NOTHING`,
  );
  const insertDeal = db.prepare(
    `INSERT INTO crm_deals (import_id, persona_id, n, deal_id, name, stage, outcome, amount, created_at, closed_at, loss_reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectImports = db.prepare<[], ImportRow>(`SELECT ${IMPORT_COLUMNS} FROM crm_imports ORDER BY seq DESC`);
  const selectLatest = db.prepare<[], ImportRow>(`SELECT ${IMPORT_COLUMNS} FROM crm_imports ORDER BY seq DESC LIMIT 1`);
  const selectFile = db.prepare<[string], { file: Buffer }>('SELECT file FROM crm_imports WHERE id = ?');
  const selectDeals = db.prepare<[string, string], DealRow>(
    `SELECT deal_id, name, stage, outcome, amount, created_at, closed_at, loss_reason, persona_id
     FROM crm_deals WHERE import_id = ? AND persona_id = ? ORDER BY n`,
  );
  const selectCounts = db.prepare<[string], { persona_id: string; n: number }>(
    'SELECT persona_id, count(*) AS n FROM crm_deals WHERE import_id = ? GROUP BY persona_id',
  );
  const insertFigures = db.prepare<[string, string, string, string]>(
    'INSERT INTO crm_figures (persona_id, period, import_id, actuals) VALUES (?, ?, ?, ?)',
  );
  const selectFigures = db.prepare<[string, string], { import_id: string; actuals: string }>(
    'SELECT import_id, actuals FROM crm_figures WHERE persona_id = ? AND period = ?',
  );
  const selectMap = db.prepare<[], { value: string; persona_id: string }>('SELECT value, persona_id FROM crm_persona_map ORDER BY value');
  const upsertMap = db.prepare(
    `INSERT INTO crm_persona_map (match_key, value, persona_id) VALUES (?, ?, ?)
     ON CONFLICT (match_key) DO UPDATE SET value = excluded.value, persona_id = excluded.persona_id`,
  );
  const deleteMap = db.prepare<[string]>('DELETE FROM crm_persona_map WHERE match_key = ?');
  const insertNotice = db.prepare(
    `INSERT INTO notices (id, member_id, at, persona_id, persona_name, kind, detail, read_at)
     VALUES (@id, @memberId, @at, @personaId, @personaName, @kind, @detail, @readAt) ON CONFLICT DO NOTHING`,
  );
  const selectNotices = db.prepare<[string], NoticeRow>('SELECT * FROM notices WHERE member_id = ? ORDER BY at DESC, id');
  const markRead = db.prepare<[string, string, string]>(
    'UPDATE notices SET read_at = coalesce(read_at, ?) WHERE member_id = ? AND id = ?',
  );

  const keepRecord = (record: CrmImportRecord, file: Uint8Array): boolean =>
    insertImport.run({ ...record, byId: record.by?.id ?? null, byName: record.by?.name ?? null, byTeam: record.by?.team ?? null, file }).changes > 0;

  const addImportTx = db.transaction((record: CrmImportRecord, file: Uint8Array, deals: readonly Deal[], figures: readonly ImportFigures[]): boolean => {
    if (!keepRecord(record, file)) return false;
    const counters = new Map<string, number>();
    for (const deal of deals) {
      const n = counters.get(deal.personaId) ?? 0;
      counters.set(deal.personaId, n + 1);
      insertDeal.run(record.id, deal.personaId, n, deal.id, deal.name, deal.stage, deal.outcome, deal.amount, deal.createdAt, deal.closedAt, deal.lossReason);
    }
    for (const { personaId, period, actuals } of figures) insertFigures.run(personaId, period, record.id, JSON.stringify(actuals));
    return true;
  });
  /** The staging statements, prepared when the first import is staged (the TEMP table is made then). */
  let staging: ReturnType<typeof prepareStaging> | null = null;
  function prepareStaging() {
    db.exec(STAGED_SCHEMA);
    const insertStaged = db.prepare(`INSERT INTO temp.crm_staged_deals (stage_id, ${DEAL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const copyStaged = db.prepare<[string, string]>(
      `INSERT INTO crm_deals (import_id, ${DEAL_COLUMNS}) SELECT ?, ${DEAL_COLUMNS} FROM temp.crm_staged_deals WHERE stage_id = ?`,
    );
    const deleteStaged = db.prepare<[string]>('DELETE FROM temp.crm_staged_deals WHERE stage_id = ?');
    const addTx = db.transaction((stageId: string, counters: Map<string, number>, deals: readonly Deal[]) => {
      for (const deal of deals) {
        const n = counters.get(deal.personaId) ?? 0;
        counters.set(deal.personaId, n + 1);
        insertStaged.run(stageId, deal.personaId, n, deal.id, deal.name, deal.stage, deal.outcome, deal.amount, deal.createdAt, deal.closedAt, deal.lossReason);
      }
    });
    // The deals move into the import in one statement; the figures are computed a persona at a time,
    // from its deals read back, so only the largest persona's deals are ever in memory at once.
    const commitTx = db.transaction((stageId: string, personaIds: readonly string[], record: CrmImportRecord, file: Uint8Array): boolean => {
      if (!keepRecord(record, file)) return false;
      copyStaged.run(record.id, stageId);
      for (const personaId of personaIds) {
        for (const [period, actuals] of actualsByPeriod(selectDeals.all(record.id, personaId).map(toDeal))) {
          insertFigures.run(personaId, period, record.id, JSON.stringify(actuals));
        }
      }
      return true;
    });
    return { addTx, commitTx, deleteStaged };
  }

  function stageImport(): ImportStage {
    const stageId = randomBytes(9).toString('base64url');
    /** The next `n` of each persona's deals, in the file's order. */
    const counters = new Map<string, number>();
    const statements = () => (staging ??= prepareStaging());
    const discard = () => void statements().deleteStaged.run(stageId);
    return {
      add: (deals) => run('stageImport', () => statements().addTx(stageId, counters, deals)),
      commit: (record, file) =>
        run('addImport', () => {
          try {
            return statements().commitTx(stageId, [...counters.keys()], record, file);
          } finally {
            discard();
          }
        }),
      discard: () => run('stageImport', discard),
    };
  }

  const updateMapTx = db.transaction((changes: Readonly<Record<string, string | null>>) => {
    for (const [value, personaId] of Object.entries(changes)) {
      const key = matchKey(value);
      if (personaId === null) deleteMap.run(key);
      else upsertMap.run(key, value.trim(), personaId);
    }
  });
  const addNoticesTx = db.transaction((notices: readonly NoticeRecord[]) => {
    for (const notice of notices) insertNotice.run({ ...notice, detail: JSON.stringify(notice.detail) });
  });

  return {
    addImport: (record, file, deals, figures) => run('addImport', () => addImportTx(record, file, deals, figures)),
    stageImport,
    listImports: () => run('listImports', () => selectImports.all().map(toImport)),
    latestImport: () =>
      run('latestImport', () => {
        const row = selectLatest.get();
        return row ? toImport(row) : null;
      }),
    importFile: (id) =>
      run('importFile', () => {
        const row = selectFile.get(id);
        return row ? new Uint8Array(row.file) : null;
      }),
    importDeals: (importId, personaId) => run('importDeals', () => selectDeals.all(importId, personaId).map(toDeal)),
    dealCounts: (importId) => run('dealCounts', () => new Map(selectCounts.all(importId).map((row) => [row.persona_id, row.n]))),
    figuresOf: (personaId, period) =>
      run('figuresOf', () => new Map(selectFigures.all(personaId, period).map((row) => [row.import_id, JSON.parse(row.actuals) as Actuals]))),
    personaMap: () =>
      run('personaMap', () => selectMap.all().map((row): PersonaMapEntry => ({ value: row.value, personaId: row.persona_id }))),
    updatePersonaMap: (changes) => run('updatePersonaMap', () => updateMapTx(changes)),
    addNotices: (notices) => run('addNotices', () => addNoticesTx(notices)),
    listNotices: (memberId) => run('listNotices', () => selectNotices.all(memberId).map(toNotice)),
    markNoticeRead: (memberId, id, at) => run('markNoticeRead', () => markRead.run(at, memberId, id).changes > 0),
  };
}

function toImport(row: ImportRow): CrmImportRecord {
  const by: MemberRef | null =
    row.by_id === null ? null : { id: row.by_id, name: row.by_name ?? '', team: (row.by_team ?? 'other') as Team };
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
