// The whole PostgreSQL store in and out as portable records (storage.ts: Portable). Each kind's query
// gives rows of the shape the SQLite store's give, so both read them into records the same way.
import { deflateRawSync } from 'node:zlib';
import pg from 'pg';
import { matchKey } from '../sqliteCrm.ts';
import { EXPORTS } from '../sqlitePortable.ts';
import { fromBase64, PORTABLE_KINDS, zeroCounts, type PortableCounts, type PortableKind, type PortableRecord } from '../portable.ts';
import { StoreError, type Portable, type PortableExport } from '../storage.ts';
import type { Db, Queryable } from './db.ts';
import { SEARCH_DOCUMENT, searchParams } from './postgresLibrary.ts';

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

/** Each kind's query, in the order and row shape of sqlitePortable.ts's EXPORTS. */
const QUERIES: Record<PortableKind, string> = {
  member: 'SELECT id, name, team, role, email, created_at, active::int AS active, removed_at FROM members ORDER BY id',
  token: 'SELECT * FROM member_tokens ORDER BY id',
  persona: 'SELECT * FROM personas ORDER BY id',
  update: 'SELECT persona_id, seq, data FROM updates ORDER BY persona_id, seq',
  // A version published before the search text was kept (migration 3) exports its search words instead.
  version: `SELECT v.*, CASE WHEN s.persona_id IS NULL THEN NULL ELSE coalesce(s.body, array_to_string(tsvector_to_array(s.document), ' ')) END AS search_text
    FROM versions v LEFT JOIN library_search s ON s.persona_id = v.persona_id AND s.version = v.version
    ORDER BY v.persona_id, v.version`,
  checkpoint: 'SELECT * FROM checkpoints ORDER BY id',
  activity: 'SELECT * FROM activity ORDER BY id',
  crmImport: 'SELECT * FROM crm_imports ORDER BY seq',
  crmDeal: 'SELECT d.* FROM crm_deals d JOIN crm_imports i ON i.id = d.import_id ORDER BY i.seq, d.persona_id, d.n',
  crmFigures: 'SELECT f.* FROM crm_figures f JOIN crm_imports i ON i.id = f.import_id ORDER BY i.seq, f.persona_id, f.period',
  personaMap: 'SELECT value, persona_id FROM crm_persona_map ORDER BY value, match_key',
  notice: 'SELECT * FROM notices ORDER BY id',
  inboxItem: 'SELECT * FROM inbox_items ORDER BY id',
  notificationSettings: 'SELECT * FROM notification_settings ORDER BY member_id',
  queuedMail: 'SELECT * FROM mail_queue ORDER BY seq',
  webhook: 'SELECT * FROM webhooks ORDER BY seq',
  webhookDelivery: 'SELECT * FROM webhook_deliveries ORDER BY seq',
};

/** Rows fetched from an export's cursor at a time: a big store is never all in memory. */
const BATCH = 500;

async function countAll(q: Queryable): Promise<PortableCounts> {
  const { rows } = await q.query<Record<string, number>>(
    `SELECT ${PORTABLE_KINDS.map((kind) => `(SELECT count(*) FROM ${TABLE_OF[kind]}) AS "${kind}"`).join(', ')}`,
  );
  const counts = zeroCounts();
  for (const kind of PORTABLE_KINDS) counts[kind] = rows[0]?.[kind] ?? 0;
  return counts;
}

const isEmptyOn = async (q: Queryable): Promise<boolean> => Object.values(await countAll(q)).every((n) => n === 0);

export function postgresPortable(db: Db): Portable {
  return {
    isEmpty: () => db.run('isEmpty', isEmptyOn),
    exportAll: () => openExport(db),
    importAll: async (records) => {
      const client = await db.connect('importAll');
      const counts = zeroCounts();
      let broken = false;
      try {
        await client.query('BEGIN');
        if (!(await isEmptyOn(client))) throw new StoreError('importAll: the store is not empty: a whole Tandem is only ever imported into an empty one');
        for await (const record of records) {
          try {
            await insert(client, record);
          } catch (cause) {
            throw new StoreError(`importAll: ${record.kind} record ${counts[record.kind] + 1}: ${(cause as Error).message}`, { cause });
          }
          counts[record.kind] += 1;
        }
        await continueNumbering(client);
        await client.query('COMMIT');
        return counts;
      } catch (cause) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        if (cause instanceof StoreError) throw cause;
        throw new StoreError(`importAll: ${(cause as Error).message}`, { cause });
      } finally {
        client.release(broken);
      }
    },
  };
}

/**
 * A repeatable-read, read-only transaction on a connection of its own: one snapshot for the counts and
 * every record, while the server keeps writing through the pool, unblocked.
 */
async function openExport(db: Db): Promise<PortableExport> {
  const client = await db.connect('exportAll');
  let open = true;
  const close = async (): Promise<void> => {
    if (!open) return;
    open = false;
    try {
      await client.query('COMMIT');
      client.release();
    } catch {
      client.release(true);
    }
  };
  let counts: PortableCounts;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    counts = await countAll(client);
  } catch (cause) {
    await close();
    throw new StoreError(`exportAll: ${(cause as Error).message}`, { cause });
  }
  let read = false;
  async function* records(): AsyncGenerator<PortableRecord> {
    if (read || !open) throw new StoreError("exportAll: a snapshot's records are read once, before it is closed");
    read = true;
    try {
      for (const kind of PORTABLE_KINDS) {
        const [, toRecord] = EXPORTS[kind];
        await client.query(`DECLARE portable_export NO SCROLL CURSOR FOR ${QUERIES[kind]}`);
        for (;;) {
          const { rows } = await client.query<Record<string, unknown>>(`FETCH ${BATCH} FROM portable_export`);
          for (const row of rows) yield toRecord(row);
          if (rows.length < BATCH) break;
        }
        await client.query('CLOSE portable_export');
      }
    } finally {
      await close();
    }
  }
  return { backend: 'postgres', counts, records, close };
}

/** Writes one record; throws when it is not one this store can take (a dangling reference, a taken id). */
async function insert(q: Queryable, record: PortableRecord): Promise<void> {
  switch (record.kind) {
    case 'member':
      await q.query(
        'INSERT INTO members (id, name, team, role, email, created_at, active, removed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [record.id, record.name, record.team, record.role, record.email, record.createdAt, record.active, record.removedAt],
      );
      return;
    case 'token':
      await q.query(
        `INSERT INTO member_tokens (id, member_id, kind, created_at, expires_at, last_used_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [record.id, record.memberId, record.tokenKind, record.createdAt, record.expiresAt, record.lastUsedAt, record.revokedAt],
      );
      return;
    case 'persona':
      await q.query(
        `INSERT INTO personas (id, name, role, segment, evidence_marketing, evidence_sales, created_at, updated_at,
           archived_at, trashed_at, template, template_checked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          record.id,
          record.name,
          record.role,
          record.segment,
          record.evidence.marketing,
          record.evidence.sales,
          record.createdAt,
          record.updatedAt,
          record.archivedAt,
          record.trashedAt,
          record.template,
          record.templateCheckedAt,
        ],
      );
      return;
    case 'update':
      await q.query('INSERT INTO updates (persona_id, seq, data) VALUES ($1, $2, $3)', [record.personaId, record.seq, Buffer.from(fromBase64(record.data))]);
      return;
    case 'version':
      await q.query(
        `INSERT INTO versions (persona_id, version, published_at, published_by, note, name, role, segment, avatar, state, snapshot)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          record.personaId,
          record.version,
          record.publishedAt,
          record.publishedBy === null ? null : JSON.stringify(record.publishedBy),
          record.note,
          record.name,
          record.role,
          record.segment,
          record.avatar,
          Buffer.from(fromBase64(record.state)),
          record.snapshot,
        ],
      );
      if (record.searchText === null) return;
      await q.query(`INSERT INTO library_search (persona_id, version, document, body) VALUES ($1, $2, ${SEARCH_DOCUMENT}, $7)`, [
        record.personaId,
        record.version,
        ...searchParams({ ...record, searchText: record.searchText }),
        record.searchText,
      ]);
      return;
    case 'checkpoint':
      await q.query('INSERT INTO checkpoints (id, persona_id, at, kind, authors, after_id, data) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        checkpointId(record.id),
        record.personaId,
        record.at,
        record.checkpointKind,
        JSON.stringify(record.authors),
        record.after === null ? null : checkpointId(record.after),
        deflateRawSync(fromBase64(record.update)),
      ]);
      return;
    case 'activity':
      await q.query(
        'INSERT INTO activity (persona_id, at, started_at, member_id, type, section, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [
          record.personaId,
          record.at,
          record.startedAt,
          record.memberId,
          record.type,
          typeof record.detail.section === 'string' ? record.detail.section : null,
          JSON.stringify(record.detail),
        ],
      );
      return;
    case 'crmImport':
      await q.query(
        `INSERT INTO crm_imports (id, at, by_id, by_name, by_team, kind, rows, sha256, filename, source, file)
         VALUES ($1, $2, $3, $4, $5, 'deals', $6, $7, $8, $9, $10)`,
        [
          record.id,
          record.at,
          record.by?.id ?? null,
          record.by?.name ?? null,
          record.by?.team ?? null,
          record.rows,
          record.sha256,
          record.filename,
          record.source,
          Buffer.from(fromBase64(record.file)),
        ],
      );
      return;
    case 'crmDeal':
      await q.query(
        `INSERT INTO crm_deals (import_id, persona_id, n, deal_id, name, stage, outcome, amount, created_at, closed_at, loss_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          record.importId,
          record.personaId,
          record.n,
          record.id,
          record.name,
          record.stage,
          record.outcome,
          record.amount,
          record.createdAt,
          record.closedAt,
          record.lossReason,
        ],
      );
      return;
    case 'crmFigures':
      await q.query('INSERT INTO crm_figures (persona_id, period, import_id, actuals) VALUES ($1, $2, $3, $4)', [
        record.personaId,
        record.period,
        record.importId,
        JSON.stringify(record.actuals),
      ]);
      return;
    case 'personaMap':
      await q.query('INSERT INTO crm_persona_map (match_key, value, persona_id) VALUES ($1, $2, $3)', [matchKey(record.value), record.value, record.personaId]);
      return;
    case 'notice':
      await q.query(
        `INSERT INTO notices (id, member_id, at, persona_id, persona_name, kind, detail, read_at) VALUES ($1, $2, $3, $4, $5, 'target-met', $6, $7)`,
        [record.id, record.memberId, record.at, record.personaId, record.personaName, JSON.stringify(record.detail), record.readAt],
      );
      return;
    case 'inboxItem':
      await q.query(
        `INSERT INTO inbox_items (id, member_id, kind, at, started_at, actor_id, persona_id, place, detail, gather_key, read_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          record.id,
          record.memberId,
          record.inboxKind,
          record.at,
          record.startedAt,
          record.actorId,
          record.personaId,
          JSON.stringify(record.place),
          JSON.stringify(record.detail),
          record.gatherKey,
          record.readAt,
        ],
      );
      return;
    case 'notificationSettings':
      await q.query('INSERT INTO notification_settings (member_id, settings) VALUES ($1, $2)', [record.memberId, JSON.stringify(record.settings)]);
      return;
    case 'queuedMail':
      await q.query(
        'INSERT INTO mail_queue (member_id, item_id, persona_id, mode, item, due_at, attempts) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [record.memberId, record.itemId, record.personaId, record.mode, record.item, record.dueAt, record.attempts],
      );
      return;
    case 'webhook':
      await q.query('INSERT INTO webhooks (id, url, events, format, secret, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        record.id,
        record.url,
        JSON.stringify(record.events),
        record.format,
        record.secret,
        record.createdAt,
        record.createdBy,
      ]);
      return;
    case 'webhookDelivery':
      await q.query(
        `INSERT INTO webhook_deliveries (id, hook_id, event, persona_id, body, created_at, status, attempts, next_at, last_attempt_at, status_code, last_error)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          record.id,
          record.hookId,
          record.event,
          record.personaId,
          record.body,
          record.createdAt,
          record.status,
          record.attempts,
          record.nextAt,
          record.lastAttemptAt,
          record.statusCode,
          record.lastError,
        ],
      );
      return;
  }
}

/** A checkpoint id as the bigserial keeps it. */
function checkpointId(id: string): number {
  if (!/^[1-9][0-9]{0,14}$/.test(id)) throw new Error(`checkpoint ${JSON.stringify(id)} is not a checkpoint id this store can keep`);
  return Number(id);
}

/** After an import, logs and serial ids go on from the largest imported, as they would have in the source. */
async function continueNumbering(q: Queryable): Promise<void> {
  await q.query('UPDATE personas p SET last_seq = u.last FROM (SELECT persona_id, max(seq) AS last FROM updates GROUP BY persona_id) u WHERE p.id = u.persona_id');
  for (const [table, column] of [
    ['checkpoints', 'id'],
    ['activity', 'id'],
    ['crm_imports', 'seq'],
  ] as const) {
    await q.query(
      `SELECT setval(pg_get_serial_sequence(${pg.escapeLiteral(table)}, ${pg.escapeLiteral(column)}), coalesce(max(${column}), 0) + 1, false) FROM ${table}`,
    );
  }
}
