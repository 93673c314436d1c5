// The whole SQLite store in and out as portable records (storage.ts: Portable).
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import type { Team } from '../../shared/api.ts';
import { matchKey } from './sqliteCrm.ts';
import type { RunInStore } from './sqliteLibrary.ts';
import { fromBase64, PORTABLE_KINDS, toBase64, zeroCounts, type PortableCounts, type PortableKind, type PortableRecord, type PortableRecordOf } from './portable.ts';
import { StoreError, type Portable, type PortableExport } from './storage.ts';

/** The table whose rows make each kind's records, for counting them and telling an empty store. */
const TABLE_OF: Record<PortableKind, string> = {
  member: 'members',
  token: 'member_tokens',
  persona: 'personas',
  update: 'updates',
  version: 'versions',
  checkpoint: 'checkpoints',
  activity: 'activity',
  crmImport: 'crm_imports',
  crmDeal: 'crm_deals',
  crmFigures: 'crm_figures',
  personaMap: 'crm_persona_map',
  notice: 'notices',
  inboxItem: 'inbox_items',
  notificationSettings: 'notification_settings',
  queuedMail: 'mail_queue',
  webhook: 'webhooks',
  webhookDelivery: 'webhook_deliveries',
};

type Row = Record<string, unknown>;
type RowReader = (row: Row) => PortableRecord;

const str = (value: unknown): string => value as string;
const strOrNull = (value: unknown): string | null => (value === null ? null : (value as string));
const num = (value: unknown): number => value as number;
const blob = (value: unknown): string => toBase64(value as Buffer);
const json = <T>(value: unknown): T => JSON.parse(value as string) as T;

/** Each kind's query, in export order, and how a row becomes a record (the PostgreSQL store reads rows of the same shape). */
export const EXPORTS: Record<PortableKind, [sql: string, read: RowReader]> = {
  member: [
    'SELECT * FROM members ORDER BY id',
    (r) => ({
      kind: 'member',
      id: str(r.id),
      name: str(r.name),
      team: str(r.team) as PortableRecordOf<'member'>['team'],
      role: str(r.role) as PortableRecordOf<'member'>['role'],
      email: strOrNull(r.email),
      createdAt: str(r.created_at),
      active: r.active === 1,
      removedAt: strOrNull(r.removed_at),
    }),
  ],
  token: [
    'SELECT * FROM member_tokens ORDER BY id',
    (r) => ({
      kind: 'token',
      id: str(r.id),
      memberId: str(r.member_id),
      tokenKind: str(r.kind) as PortableRecordOf<'token'>['tokenKind'],
      createdAt: str(r.created_at),
      expiresAt: strOrNull(r.expires_at),
      lastUsedAt: strOrNull(r.last_used_at),
      revokedAt: strOrNull(r.revoked_at),
    }),
  ],
  persona: [
    'SELECT * FROM personas ORDER BY id',
    (r) => ({
      kind: 'persona',
      id: str(r.id),
      name: str(r.name),
      role: str(r.role),
      segment: str(r.segment),
      evidence: { marketing: num(r.evidence_marketing), sales: num(r.evidence_sales) },
      createdAt: str(r.created_at),
      updatedAt: str(r.updated_at),
      archivedAt: strOrNull(r.archived_at),
      trashedAt: strOrNull(r.trashed_at),
      template: str(r.template) as PortableRecordOf<'persona'>['template'],
      templateCheckedAt: strOrNull(r.template_checked_at),
    }),
  ],
  update: [
    'SELECT persona_id, seq, data FROM updates ORDER BY persona_id, seq',
    (r) => ({ kind: 'update', personaId: str(r.persona_id), seq: num(r.seq), data: blob(r.data) }),
  ],
  version: [
    `SELECT v.*, s.body AS search_text FROM versions v
     LEFT JOIN library_latest l ON l.persona_id = v.persona_id AND l.version = v.version
     LEFT JOIN library_search s ON s.rowid = l.search_rowid
     ORDER BY v.persona_id, v.version`,
    (r) => ({
      kind: 'version',
      personaId: str(r.persona_id),
      version: num(r.version),
      publishedAt: str(r.published_at),
      publishedBy: r.published_by === null ? null : json(r.published_by),
      note: str(r.note),
      name: str(r.name),
      role: str(r.role),
      segment: str(r.segment),
      avatar: str(r.avatar),
      state: blob(r.state),
      snapshot: str(r.snapshot),
      searchText: strOrNull(r.search_text),
    }),
  ],
  checkpoint: [
    'SELECT * FROM checkpoints ORDER BY id',
    (r) => ({
      kind: 'checkpoint',
      id: String(num(r.id)),
      personaId: str(r.persona_id),
      at: str(r.at),
      checkpointKind: str(r.kind) as PortableRecordOf<'checkpoint'>['checkpointKind'],
      authors: json<string[]>(r.authors),
      after: r.after_id === null ? null : String(num(r.after_id)),
      update: toBase64(inflateRawSync(r.data as Buffer)),
    }),
  ],
  activity: [
    'SELECT * FROM activity ORDER BY id',
    (r) => ({
      kind: 'activity',
      personaId: str(r.persona_id),
      at: str(r.at),
      startedAt: str(r.started_at),
      memberId: strOrNull(r.member_id),
      type: str(r.type),
      detail: json(r.detail),
    }),
  ],
  crmImport: [
    'SELECT * FROM crm_imports ORDER BY seq',
    (r) => ({
      kind: 'crmImport',
      id: str(r.id),
      at: str(r.at),
      by: r.by_id === null ? null : { id: str(r.by_id), name: str(r.by_name ?? ''), team: str(r.by_team ?? 'other') as Team },
      importKind: 'deals',
      rows: num(r.rows),
      sha256: str(r.sha256),
      filename: strOrNull(r.filename),
      source: strOrNull(r.source) as PortableRecordOf<'crmImport'>['source'],
      file: blob(r.file),
    }),
  ],
  crmDeal: [
    'SELECT d.* FROM crm_deals d JOIN crm_imports i ON i.id = d.import_id ORDER BY i.seq, d.persona_id, d.n',
    (r) => ({
      kind: 'crmDeal',
      importId: str(r.import_id),
      personaId: str(r.persona_id),
      n: num(r.n),
      id: str(r.deal_id),
      name: str(r.name),
      stage: str(r.stage),
      outcome: str(r.outcome) as PortableRecordOf<'crmDeal'>['outcome'],
      amount: r.amount === null ? null : num(r.amount),
      createdAt: str(r.created_at),
      closedAt: strOrNull(r.closed_at),
      lossReason: str(r.loss_reason),
    }),
  ],
  crmFigures: [
    'SELECT f.* FROM crm_figures f JOIN crm_imports i ON i.id = f.import_id ORDER BY i.seq, f.persona_id, f.period',
    (r) => ({ kind: 'crmFigures', importId: str(r.import_id), personaId: str(r.persona_id), period: str(r.period), actuals: json(r.actuals) }),
  ],
  personaMap: [
    'SELECT value, persona_id FROM crm_persona_map ORDER BY value, match_key',
    (r) => ({ kind: 'personaMap', value: str(r.value), personaId: str(r.persona_id) }),
  ],
  notice: [
    'SELECT * FROM notices ORDER BY id',
    (r) => ({
      kind: 'notice',
      id: str(r.id),
      memberId: str(r.member_id),
      at: str(r.at),
      personaId: str(r.persona_id),
      personaName: str(r.persona_name),
      noticeKind: 'target-met',
      detail: json(r.detail),
      readAt: strOrNull(r.read_at),
    }),
  ],
  inboxItem: [
    'SELECT * FROM inbox_items ORDER BY id',
    (r) => ({
      kind: 'inboxItem',
      id: str(r.id),
      memberId: str(r.member_id),
      inboxKind: str(r.kind) as PortableRecordOf<'inboxItem'>['inboxKind'],
      at: str(r.at),
      startedAt: str(r.started_at),
      actorId: strOrNull(r.actor_id),
      personaId: str(r.persona_id),
      place: json(r.place),
      detail: json(r.detail),
      gatherKey: strOrNull(r.gather_key),
      readAt: strOrNull(r.read_at),
    }),
  ],
  notificationSettings: [
    'SELECT * FROM notification_settings ORDER BY member_id',
    (r) => ({ kind: 'notificationSettings', memberId: str(r.member_id), settings: json(r.settings) }),
  ],
  queuedMail: [
    'SELECT * FROM mail_queue ORDER BY seq',
    (r) => ({
      kind: 'queuedMail',
      memberId: str(r.member_id),
      itemId: str(r.item_id),
      personaId: str(r.persona_id),
      mode: str(r.mode) as PortableRecordOf<'queuedMail'>['mode'],
      item: str(r.item),
      dueAt: str(r.due_at),
      attempts: num(r.attempts),
    }),
  ],
  webhook: [
    'SELECT * FROM webhooks ORDER BY seq',
    (r) => ({
      kind: 'webhook',
      id: str(r.id),
      url: str(r.url),
      events: json<string[]>(r.events),
      format: str(r.format) as PortableRecordOf<'webhook'>['format'],
      secret: str(r.secret),
      createdAt: str(r.created_at),
      createdBy: strOrNull(r.created_by),
    }),
  ],
  webhookDelivery: [
    'SELECT * FROM webhook_deliveries ORDER BY seq',
    (r) => ({
      kind: 'webhookDelivery',
      id: str(r.id),
      hookId: str(r.hook_id),
      event: str(r.event),
      personaId: strOrNull(r.persona_id),
      body: str(r.body),
      createdAt: str(r.created_at),
      status: str(r.status) as PortableRecordOf<'webhookDelivery'>['status'],
      attempts: num(r.attempts),
      nextAt: strOrNull(r.next_at),
      lastAttemptAt: strOrNull(r.last_attempt_at),
      statusCode: r.status_code === null ? null : num(r.status_code),
      lastError: strOrNull(r.last_error),
    }),
  ],
};

export function sqlitePortable(db: Database.Database, file: string, run: RunInStore): Portable {
  const countAll = (on: Database.Database): PortableCounts => {
    const counts = zeroCounts();
    for (const kind of PORTABLE_KINDS) {
      counts[kind] = on.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${TABLE_OF[kind]}`).get()?.n ?? 0;
    }
    return counts;
  };
  const isEmpty = (): boolean => Object.values(countAll(db)).every((n) => n === 0);

  return {
    isEmpty: () => run('isEmpty', isEmpty),
    exportAll: () => run('exportAll', () => openExport(db, file, countAll)),
    importAll: async (records) => {
      const insert = await run('importAll', () => {
        if (!isEmpty()) throw new Error('the store is not empty: a whole Tandem is only ever imported into an empty one');
        const statements = prepareImport(db);
        db.exec('BEGIN IMMEDIATE');
        return statements;
      });
      const counts = zeroCounts();
      try {
        for await (const record of records) {
          try {
            insert(record);
          } catch (cause) {
            throw new StoreError(`importAll: ${record.kind} record ${counts[record.kind] + 1}: ${(cause as Error).message}`, { cause });
          }
          counts[record.kind] += 1;
        }
        await run('importAll', () => db.exec('COMMIT'));
        return counts;
      } catch (cause) {
        if (db.inTransaction) db.exec('ROLLBACK');
        if (cause instanceof StoreError) throw cause;
        throw new StoreError(`importAll: ${(cause as Error).message}`, { cause });
      }
    },
  };
}

/**
 * A read transaction on a connection of its own: the snapshot holds while the server keeps writing
 * through its connection (WAL), and the server's transactions never nest inside the export's.
 */
function openExport(db: Database.Database, file: string, countAll: (on: Database.Database) => PortableCounts): PortableExport {
  const own = file === ':memory:' ? null : new Database(file, { readonly: true, fileMustExist: true });
  const reader = own ?? db;
  let open = true;
  const close = async (): Promise<void> => {
    if (!open) return;
    open = false;
    if (reader.inTransaction) reader.exec('COMMIT');
    own?.close();
  };
  let counts: PortableCounts;
  try {
    reader.exec('BEGIN');
    // The snapshot starts at the transaction's first read: the counts and the records see the same data.
    counts = countAll(reader);
  } catch (err) {
    void close();
    throw err;
  }
  let read = false;
  async function* records(): AsyncGenerator<PortableRecord> {
    if (read || !open) throw new StoreError('exportAll: a snapshot\'s records are read once, before it is closed');
    read = true;
    try {
      for (const kind of PORTABLE_KINDS) {
        const [sql, read] = EXPORTS[kind];
        for (const row of reader.prepare<[], Row>(sql).iterate()) yield read(row);
      }
    } finally {
      await close();
    }
  }
  return { backend: 'sqlite', counts, records, close };
}

/** One insert per kind; each throws when the record is not one this store can take. */
function prepareImport(db: Database.Database): (record: PortableRecord) => void {
  const statement = (sql: string) => db.prepare(sql);
  const member = statement(
    `INSERT INTO members (id, name, team, role, email, created_at, active, removed_at)
     VALUES (@id, @name, @team, @role, @email, @createdAt, @active, @removedAt)`,
  );
  const token = statement(
    `INSERT INTO member_tokens (id, member_id, kind, created_at, expires_at, last_used_at, revoked_at)
     VALUES (@id, @memberId, @tokenKind, @createdAt, @expiresAt, @lastUsedAt, @revokedAt)`,
  );
  const persona = statement(
    `INSERT INTO personas (id, name, role, segment, evidence_marketing, evidence_sales, created_at, updated_at,
       archived_at, trashed_at, template, template_checked_at)
     VALUES (@id, @name, @role, @segment, @marketing, @sales, @createdAt, @updatedAt, @archivedAt, @trashedAt, @template, @templateCheckedAt)`,
  );
  const update = statement('INSERT INTO updates (persona_id, seq, data) VALUES (?, ?, ?)');
  const version = statement(
    `INSERT INTO versions (persona_id, version, published_at, published_by, note, name, role, segment, avatar, state, snapshot)
     VALUES (@personaId, @version, @publishedAt, @publishedBy, @note, @name, @role, @segment, @avatar, @state, @snapshot)`,
  );
  const searchRow = statement(
    'INSERT INTO library_search (persona_id, version, name, role, segment, body) VALUES (@personaId, @version, @name, @role, @segment, @body)',
  );
  const latest = statement('INSERT INTO library_latest (persona_id, version, search_rowid) VALUES (?, ?, ?)');
  const checkpoint = statement(
    'INSERT INTO checkpoints (id, persona_id, at, kind, authors, after_id, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const activity = statement(
    `INSERT INTO activity (persona_id, at, started_at, member_id, type, section, detail)
     VALUES (@personaId, @at, @startedAt, @memberId, @type, @section, @detail)`,
  );
  const crmImport = statement(
    `INSERT INTO crm_imports (id, at, by_id, by_name, by_team, kind, rows, sha256, filename, source, file)
     VALUES (@id, @at, @byId, @byName, @byTeam, 'deals', @rows, @sha256, @filename, @source, @file)`,
  );
  const crmDeal = statement(
    `INSERT INTO crm_deals (import_id, persona_id, n, deal_id, name, stage, outcome, amount, created_at, closed_at, loss_reason)
     VALUES (@importId, @personaId, @n, @id, @name, @stage, @outcome, @amount, @createdAt, @closedAt, @lossReason)`,
  );
  const crmFigures = statement('INSERT INTO crm_figures (persona_id, period, import_id, actuals) VALUES (?, ?, ?, ?)');
  const personaMap = statement('INSERT INTO crm_persona_map (match_key, value, persona_id) VALUES (?, ?, ?)');
  const notice = statement(
    `INSERT INTO notices (id, member_id, at, persona_id, persona_name, kind, detail, read_at)
     VALUES (@id, @memberId, @at, @personaId, @personaName, 'target-met', @detail, @readAt)`,
  );

  const inboxItem = statement(
    `INSERT INTO inbox_items (id, member_id, kind, at, started_at, actor_id, persona_id, place, detail, gather_key, read_at)
     VALUES (@id, @memberId, @inboxKind, @at, @startedAt, @actorId, @personaId, @place, @detail, @gatherKey, @readAt)`,
  );
  const settings = statement('INSERT INTO notification_settings (member_id, settings) VALUES (?, ?)');
  const queuedMail = statement(
    `INSERT INTO mail_queue (member_id, item_id, persona_id, mode, item, due_at, attempts)
     VALUES (@memberId, @itemId, @personaId, @mode, @item, @dueAt, @attempts)`,
  );
  const webhook = statement(
    `INSERT INTO webhooks (id, url, events, format, secret, created_at, created_by)
     VALUES (@id, @url, @events, @format, @secret, @createdAt, @createdBy)`,
  );
  const webhookDelivery = statement(
    `INSERT INTO webhook_deliveries (id, hook_id, event, persona_id, body, created_at, status, attempts, next_at, last_attempt_at, status_code, last_error)
     VALUES (@id, @hookId, @event, @personaId, @body, @createdAt, @status, @attempts, @nextAt, @lastAttemptAt, @statusCode, @lastError)`,
  );

  const rowId = (id: string, what: string): number => {
    if (!/^[1-9][0-9]{0,14}$/.test(id)) throw new Error(`${what} ${JSON.stringify(id)} is not a checkpoint id this store can keep`);
    return Number(id);
  };

  return (record) => {
    switch (record.kind) {
      case 'member':
        member.run({ ...record, active: record.active ? 1 : 0 });
        return;
      case 'token':
        token.run(record);
        return;
      case 'persona':
        persona.run({ ...record, marketing: record.evidence.marketing, sales: record.evidence.sales });
        return;
      case 'update':
        update.run(record.personaId, record.seq, fromBase64(record.data));
        return;
      case 'version': {
        version.run({ ...record, publishedBy: record.publishedBy === null ? null : JSON.stringify(record.publishedBy), state: fromBase64(record.state) });
        if (record.searchText === null) return;
        const { lastInsertRowid } = searchRow.run({ ...record, body: record.searchText });
        latest.run(record.personaId, record.version, lastInsertRowid);
        return;
      }
      case 'checkpoint':
        checkpoint.run(
          rowId(record.id, 'checkpoint'),
          record.personaId,
          record.at,
          record.checkpointKind,
          JSON.stringify(record.authors),
          record.after === null ? null : rowId(record.after, 'checkpoint'),
          deflateRawSync(fromBase64(record.update)),
        );
        return;
      case 'activity':
        activity.run({
          ...record,
          section: typeof record.detail.section === 'string' ? record.detail.section : null,
          detail: JSON.stringify(record.detail),
        });
        return;
      case 'crmImport':
        crmImport.run({ ...record, byId: record.by?.id ?? null, byName: record.by?.name ?? null, byTeam: record.by?.team ?? null, file: fromBase64(record.file) });
        return;
      case 'crmDeal':
        crmDeal.run(record);
        return;
      case 'crmFigures':
        crmFigures.run(record.personaId, record.period, record.importId, JSON.stringify(record.actuals));
        return;
      case 'personaMap':
        personaMap.run(matchKey(record.value), record.value, record.personaId);
        return;
      case 'notice':
        notice.run({ ...record, detail: JSON.stringify(record.detail) });
        return;
      case 'inboxItem':
        inboxItem.run({ ...record, place: JSON.stringify(record.place), detail: JSON.stringify(record.detail) });
        return;
      case 'notificationSettings':
        settings.run(record.memberId, JSON.stringify(record.settings));
        return;
      case 'queuedMail':
        queuedMail.run(record);
        return;
      case 'webhook':
        webhook.run({ ...record, events: JSON.stringify(record.events) });
        return;
      case 'webhookDelivery':
        webhookDelivery.run(record);
        return;
    }
  };
}
