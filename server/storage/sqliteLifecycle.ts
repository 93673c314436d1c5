// A persona's life on the `personas` table (SPEC §7): archived, in the trash, erased; and the
// mark that its old template text has been turned into guidance.
import type Database from 'better-sqlite3';
import { TEMPLATE_NAMES } from '../../shared/api.ts';
import type { RunInStore } from './sqliteLibrary.ts';
import type { PersonaIndex, PersonaStatus } from './storage.ts';

const LIFECYCLE_COLUMNS: readonly [name: string, definition: string][] = [
  ['archived_at', 'TEXT'],
  ['trashed_at', 'TEXT'],
  ['template', "TEXT NOT NULL DEFAULT 'blank'"],
  ['template_checked_at', 'TEXT'],
];

/**
 * Adds the lifecycle columns to a `personas` table written before them (idempotent), and lets the
 * erase of a trashed persona through the trigger that otherwise keeps published versions forever:
 * a version may be deleted only while its persona is listed in `persona_erasures`, which
 * erasePersona fills and empties inside its own transaction.
 */
export function migratePersonaLifecycle(db: Database.Database): void {
  const present = new Set(db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('personas')").all().map((c) => c.name));
  db.transaction(() => {
    for (const [name, definition] of LIFECYCLE_COLUMNS) {
      if (!present.has(name)) db.exec(`ALTER TABLE personas ADD COLUMN ${name} ${definition}`);
    }
    db.exec(`
      CREATE TABLE IF NOT EXISTS persona_erasures (persona_id TEXT PRIMARY KEY) STRICT;
      DROP TRIGGER IF EXISTS versions_are_kept;
      CREATE TRIGGER versions_are_kept BEFORE DELETE ON versions
      WHEN NOT EXISTS (SELECT 1 FROM persona_erasures e WHERE e.persona_id = OLD.persona_id)
      BEGIN SELECT RAISE(ABORT, 'published versions are never deleted'); END;
      CREATE INDEX IF NOT EXISTS personas_trashed_at ON personas (trashed_at) WHERE trashed_at IS NOT NULL;
    `);
  })();
}

type LifecycleMethods = Omit<PersonaIndex, 'updateIndex' | 'listIndex'>;

interface StatusRow {
  archived_at: string | null;
  trashed_at: string | null;
  template: string;
  template_checked_at: string | null;
}

export function sqliteLifecycle(db: Database.Database, run: RunInStore): LifecycleMethods {
  const selectStatus = db.prepare<[string], StatusRow>(
    'SELECT archived_at, trashed_at, template, template_checked_at FROM personas WHERE id = ?',
  );
  const change = (sql: string) => {
    const statement = db.prepare(sql);
    return (params: Record<string, string>) => statement.run(params).changes > 0;
  };
  const archive = change('UPDATE personas SET archived_at = @at WHERE id = @id AND archived_at IS NULL AND trashed_at IS NULL');
  const unarchive = change('UPDATE personas SET archived_at = NULL WHERE id = @id AND archived_at IS NOT NULL AND trashed_at IS NULL');
  const trash = change('UPDATE personas SET trashed_at = @at WHERE id = @id AND trashed_at IS NULL');
  const untrash = change('UPDATE personas SET trashed_at = NULL WHERE id = @id AND trashed_at IS NOT NULL');
  const selectTrashedBefore = db.prepare<[string], { id: string }>(
    'SELECT id FROM personas WHERE trashed_at IS NOT NULL AND trashed_at < ? ORDER BY trashed_at, id',
  );
  const markChecked = db.prepare('UPDATE personas SET template_checked_at = @at, template = @template WHERE id = @id');

  return {
    status: (id) => run('status', () => toStatus(selectStatus.get(id))),
    archive: (id, at) => run('archive', () => archive({ id, at })),
    unarchive: (id) => run('unarchive', () => unarchive({ id })),
    trash: (id, at) => run('trash', () => trash({ id, at })),
    untrash: (id) => run('untrash', () => untrash({ id })),
    trashedBefore: (cutoff) => run('trashedBefore', () => selectTrashedBefore.all(cutoff).map((row) => row.id)),
    markTemplateChecked: (id, at, template) =>
      run('markTemplateChecked', () => {
        markChecked.run({ id, at, template });
      }),
  };
}

/** The erase of one trashed persona, in one transaction (see migratePersonaLifecycle for the trigger). */
export function sqliteErasePersona(db: Database.Database): (id: string) => boolean {
  const selectTrashed = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM personas WHERE id = ? AND trashed_at IS NOT NULL');
  const markErasing = db.prepare<[string]>('INSERT INTO persona_erasures (persona_id) VALUES (?)');
  const unmarkErasing = db.prepare<[string]>('DELETE FROM persona_erasures WHERE persona_id = ?');
  // Children before the row (foreign keys are on). Every concern that keeps rows per persona
  // has its DELETE here, before `personas`.
  const deletes = [
    'DELETE FROM checkpoints WHERE persona_id = ?',
    'DELETE FROM activity WHERE persona_id = ?',
    'DELETE FROM mail_queue WHERE persona_id = ?',
    'DELETE FROM webhook_deliveries WHERE persona_id = ?',
    'DELETE FROM library_search WHERE rowid IN (SELECT search_rowid FROM library_latest WHERE persona_id = ?)',
    'DELETE FROM library_latest WHERE persona_id = ?',
    'DELETE FROM inbox_items WHERE persona_id = ?',
    'DELETE FROM versions WHERE persona_id = ?',
    'DELETE FROM updates WHERE persona_id = ?',
    'DELETE FROM personas WHERE id = ?',
  ].map((sql) => db.prepare<[string]>(sql));
  return db.transaction((id: string): boolean => {
    if (!selectTrashed.get(id)) return false;
    markErasing.run(id);
    for (const statement of deletes) statement.run(id);
    unmarkErasing.run(id);
    return true;
  });
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
