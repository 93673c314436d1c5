// The PostgreSQL schema, as numbered migrations applied in order at start. Every process runs
// migrate() when it opens the store; an advisory lock held for the transaction makes the others
// wait, then find the versions applied and do nothing.
import pg from 'pg';
import type { Queryable } from './db.ts';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Text columns compare byte for byte ("C"), as SQLite's do, whatever the database's locale. */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'personas, update log, library, people, history, activity, CRM',
    sql: `
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Refuses the statement, with the message its trigger names (published versions, imports).
CREATE FUNCTION tandem_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation'; END $$;

CREATE TABLE personas (
  id text COLLATE "C" PRIMARY KEY,
  name text COLLATE "C" NOT NULL DEFAULT '',
  role text COLLATE "C" NOT NULL DEFAULT '',
  segment text COLLATE "C" NOT NULL DEFAULT '',
  evidence_marketing integer NOT NULL DEFAULT 0,
  evidence_sales integer NOT NULL DEFAULT 0,
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL,
  archived_at text COLLATE "C",
  trashed_at text COLLATE "C",
  template text COLLATE "C" NOT NULL DEFAULT 'blank',
  template_checked_at text COLLATE "C",
  -- The sequence number last given to an entry of its log: appends take the next ones under this row's lock.
  last_seq bigint NOT NULL DEFAULT 0
);
CREATE INDEX personas_by_update ON personas (updated_at DESC, id);
CREATE INDEX personas_trashed_at ON personas (trashed_at) WHERE trashed_at IS NOT NULL;

CREATE TABLE updates (
  persona_id text COLLATE "C" NOT NULL REFERENCES personas(id),
  seq bigint NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (persona_id, seq)
);

-- Published versions are frozen: the triggers refuse any change, and any deletion outside the erase of
-- a trashed persona (erasePersona names it in the transaction's tandem.erasing setting).
CREATE TABLE versions (
  persona_id text COLLATE "C" NOT NULL REFERENCES personas(id),
  version integer NOT NULL,
  published_at text COLLATE "C" NOT NULL,
  published_by text,
  note text NOT NULL,
  name text COLLATE "C" NOT NULL,
  role text COLLATE "C" NOT NULL,
  segment text COLLATE "C" NOT NULL,
  avatar text NOT NULL,
  state bytea NOT NULL,
  snapshot text NOT NULL,
  PRIMARY KEY (persona_id, version)
);
CREATE TRIGGER versions_are_immutable BEFORE UPDATE ON versions
  FOR EACH ROW EXECUTE FUNCTION tandem_refuse('published versions are immutable');
CREATE TRIGGER versions_are_kept BEFORE DELETE ON versions
  FOR EACH ROW WHEN (current_setting('tandem.erasing', true) IS DISTINCT FROM OLD.persona_id)
  EXECUTE FUNCTION tandem_refuse('published versions are never deleted');
CREATE TRIGGER versions_are_not_truncated BEFORE TRUNCATE ON versions
  FOR EACH STATEMENT EXECUTE FUNCTION tandem_refuse('published versions are never deleted');

-- The library's search: one row per persona, its latest version, as weighted lexemes without accents.
CREATE TABLE library_search (
  persona_id text COLLATE "C" PRIMARY KEY REFERENCES personas(id),
  version integer NOT NULL,
  document tsvector NOT NULL
);
CREATE INDEX library_search_document ON library_search USING gin (document);

CREATE TABLE members (
  id text COLLATE "C" PRIMARY KEY,
  name text COLLATE "C" NOT NULL,
  team text NOT NULL CHECK (team IN ('marketing', 'sales', 'other')),
  role text NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
  email text COLLATE "C",
  created_at text COLLATE "C" NOT NULL,
  active boolean NOT NULL DEFAULT true,
  removed_at text COLLATE "C"
);
-- One member per email among those not removed: a sign-in must find exactly one person.
CREATE UNIQUE INDEX members_email ON members (lower(email)) WHERE email IS NOT NULL AND removed_at IS NULL;
CREATE TABLE member_tokens (
  id text COLLATE "C" PRIMARY KEY,
  member_id text COLLATE "C" NOT NULL REFERENCES members(id),
  kind text NOT NULL CHECK (kind IN ('link', 'session')),
  created_at text COLLATE "C" NOT NULL,
  expires_at text COLLATE "C",
  last_used_at text COLLATE "C",
  revoked_at text COLLATE "C"
);
CREATE INDEX member_tokens_by_member ON member_tokens (member_id, created_at);

CREATE TABLE checkpoints (
  id bigserial PRIMARY KEY,
  persona_id text COLLATE "C" NOT NULL REFERENCES personas(id),
  at text COLLATE "C" NOT NULL,
  kind text NOT NULL CHECK (kind IN ('auto', 'publish', 'restore')),
  -- JSON array of author keys: who changed the draft since the previous checkpoint.
  authors text NOT NULL,
  -- The checkpoint whose content this one's update builds on; NULL when the update is a whole state.
  after_id bigint REFERENCES checkpoints(id),
  -- A Yjs V2 update, raw-deflated.
  data bytea NOT NULL
);
CREATE INDEX checkpoints_by_persona ON checkpoints (persona_id, at, id);
CREATE INDEX checkpoints_by_after ON checkpoints (after_id) WHERE after_id IS NOT NULL;

-- No foreign key to personas: erasing a persona forgets its events in its own step.
CREATE TABLE activity (
  id bigserial PRIMARY KEY,
  persona_id text COLLATE "C" NOT NULL,
  at text COLLATE "C" NOT NULL,
  started_at text COLLATE "C" NOT NULL,
  member_id text COLLATE "C",
  type text COLLATE "C" NOT NULL,
  section text COLLATE "C",
  detail text NOT NULL
);
CREATE INDEX activity_by_persona ON activity (persona_id, at);
CREATE INDEX activity_gathering ON activity (persona_id, type, section, member_id, started_at);

-- Imports never change (SPEC §8): the triggers refuse any change to an import, its file, its deals or figures.
CREATE TABLE crm_imports (
  seq bigserial PRIMARY KEY,
  id text COLLATE "C" NOT NULL UNIQUE,
  at text COLLATE "C" NOT NULL,
  by_id text COLLATE "C",
  by_name text,
  by_team text,
  kind text NOT NULL,
  rows integer NOT NULL,
  sha256 text NOT NULL,
  filename text,
  source text,
  file bytea NOT NULL
);
CREATE TABLE crm_deals (
  import_id text COLLATE "C" NOT NULL REFERENCES crm_imports(id),
  persona_id text COLLATE "C" NOT NULL,
  n integer NOT NULL,
  deal_id text NOT NULL,
  name text NOT NULL,
  stage text NOT NULL,
  outcome text NOT NULL,
  amount double precision,
  created_at text NOT NULL,
  closed_at text,
  loss_reason text NOT NULL,
  PRIMARY KEY (import_id, persona_id, n)
);
CREATE TABLE crm_figures (
  persona_id text COLLATE "C" NOT NULL,
  period text COLLATE "C" NOT NULL,
  import_id text COLLATE "C" NOT NULL REFERENCES crm_imports(id),
  actuals text NOT NULL,
  PRIMARY KEY (persona_id, period, import_id)
);
CREATE TRIGGER crm_imports_are_immutable BEFORE UPDATE OR DELETE ON crm_imports
  FOR EACH ROW EXECUTE FUNCTION tandem_refuse('imports are immutable and never deleted');
CREATE TRIGGER crm_deals_are_immutable BEFORE UPDATE OR DELETE ON crm_deals
  FOR EACH ROW EXECUTE FUNCTION tandem_refuse('imports are immutable and never deleted');
CREATE TRIGGER crm_figures_are_immutable BEFORE UPDATE OR DELETE ON crm_figures
  FOR EACH ROW EXECUTE FUNCTION tandem_refuse('imports are immutable and never deleted');
CREATE TRIGGER crm_imports_are_not_truncated BEFORE TRUNCATE ON crm_imports
  FOR EACH STATEMENT EXECUTE FUNCTION tandem_refuse('imports are never deleted');
CREATE TRIGGER crm_deals_are_not_truncated BEFORE TRUNCATE ON crm_deals
  FOR EACH STATEMENT EXECUTE FUNCTION tandem_refuse('imports are never deleted');
CREATE TRIGGER crm_figures_are_not_truncated BEFORE TRUNCATE ON crm_figures
  FOR EACH STATEMENT EXECUTE FUNCTION tandem_refuse('imports are never deleted');

CREATE TABLE crm_persona_map (
  match_key text COLLATE "C" PRIMARY KEY,
  value text COLLATE "C" NOT NULL,
  persona_id text COLLATE "C" NOT NULL
);
CREATE TABLE notices (
  id text COLLATE "C" PRIMARY KEY,
  member_id text COLLATE "C" NOT NULL,
  at text COLLATE "C" NOT NULL,
  persona_id text COLLATE "C" NOT NULL,
  persona_name text NOT NULL,
  kind text NOT NULL,
  detail text NOT NULL,
  read_at text COLLATE "C"
);
CREATE INDEX notices_by_member ON notices (member_id, at);
`,
  },
  {
    version: 2,
    name: 'inbox, notification settings, mail queue, webhooks (issue 17)',
    sql: `
-- No foreign key to personas: erasing a persona deletes its items, mails and deliveries in erasePersona.
CREATE TABLE inbox_items (
  id text COLLATE "C" PRIMARY KEY,
  member_id text COLLATE "C" NOT NULL,
  kind text COLLATE "C" NOT NULL,
  at text COLLATE "C" NOT NULL,
  -- When a gathered item started; later items of its burst move "at" on, never this.
  started_at text COLLATE "C" NOT NULL,
  actor_id text COLLATE "C",
  persona_id text COLLATE "C" NOT NULL,
  place text NOT NULL,
  detail text NOT NULL,
  gather_key text COLLATE "C",
  read_at text COLLATE "C"
);
CREATE INDEX inbox_by_member ON inbox_items (member_id, at);
CREATE INDEX inbox_unread ON inbox_items (member_id) WHERE read_at IS NULL;
CREATE INDEX inbox_gathering ON inbox_items (member_id, gather_key, started_at) WHERE read_at IS NULL;
CREATE INDEX inbox_by_persona ON inbox_items (persona_id);
CREATE TABLE notification_settings (
  member_id text COLLATE "C" PRIMARY KEY,
  settings text NOT NULL
);

CREATE TABLE mail_queue (
  seq bigserial PRIMARY KEY,
  member_id text COLLATE "C" NOT NULL,
  item_id text COLLATE "C" NOT NULL,
  persona_id text COLLATE "C" NOT NULL,
  mode text NOT NULL,
  item text NOT NULL,
  due_at text COLLATE "C" NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  UNIQUE (member_id, item_id)
);
CREATE INDEX mail_queue_due ON mail_queue (due_at);
CREATE INDEX mail_queue_by_persona ON mail_queue (persona_id);

CREATE TABLE webhooks (
  seq bigserial PRIMARY KEY,
  id text COLLATE "C" NOT NULL UNIQUE,
  url text NOT NULL,
  events text NOT NULL,
  format text NOT NULL,
  secret text NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  created_by text COLLATE "C"
);
CREATE TABLE webhook_deliveries (
  seq bigserial PRIMARY KEY,
  id text COLLATE "C" NOT NULL UNIQUE,
  hook_id text COLLATE "C" NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  event text NOT NULL,
  persona_id text COLLATE "C",
  body text NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  status text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_at text COLLATE "C",
  last_attempt_at text COLLATE "C",
  status_code integer,
  last_error text
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_hook ON webhook_deliveries (hook_id, seq);
CREATE INDEX webhook_deliveries_by_persona ON webhook_deliveries (persona_id);
`,
  },
  {
    version: 3,
    name: "the library's search text as published, for export",
    sql: `
-- The text the search was built from, as given (the document keeps only its lexemes): a whole-store
-- export carries it. Rows published before it have none; their export falls back to the lexemes.
ALTER TABLE library_search ADD COLUMN body text;
`,
  },
];

/** Every process takes this lock for its migration transaction: the first applies, the others wait and find it done. */
const MIGRATION_LOCK = "hashtext('tandem schema migrations')";

/**
 * Brings the schema up to the newest version, in one transaction under an advisory lock, so that
 * processes starting together against an empty database never apply a migration twice.
 * Returns the versions it applied (none when the schema was current).
 */
export async function migrate(client: Queryable, schema?: string): Promise<number[]> {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    if (schema !== undefined) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
      await client.query(`SET LOCAL search_path TO ${pg.escapeIdentifier(schema)}, public`);
    }
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    const newest = Math.max(0, ...applied);
    const known = MIGRATIONS.at(-1)?.version ?? 0;
    if (newest > known) {
      throw new Error(`the database's schema is at version ${newest}, newer than this Tandem knows (${known}): run the newer Tandem`);
    }
    const pending = MIGRATIONS.filter((migration) => !applied.has(migration.version));
    for (const migration of pending) {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    await client.query('COMMIT');
    return pending.map((migration) => migration.version);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
