// What the embedded store checks about its data directory before opening it (issue 14, item 5).
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SECRET_FILE } from '../auth/tokens.ts';

const LOCK_FILE = 'tandem.lock';

/** The data directory cannot be used as it is; the message says what to do. */
export class DataDirError extends Error {
  override readonly name = 'DataDirError';
}

export interface DataDirLock {
  release(): void;
}

/**
 * One server process per data directory: two would each keep their own copy of a persona, and
 * one's compaction would delete the other's committed edits. The lock is an exclusive SQLite lock
 * on a file of its own, so the operating system drops it when the process dies (no stale lock
 * after a crash) and the database itself stays readable by other connections (npm run invite).
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, LOCK_FILE), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS held (pid INTEGER); COMMIT');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
    throw new DataDirError(
      `Another Tandem server is already using DATA_DIR ${dataDir}. One process per data directory: stop the other one, or give this one its own DATA_DIR.`,
    );
  }
  return { release: () => db.close() };
}

/**
 * A database file that is empty, or missing while the secret generated beside it is there, is
 * data that was lost or moved, not a first start: starting afresh would hand out a new first
 * admin and hide the loss.
 */
export function checkDatabaseFile(dataDir: string, file: string): void {
  const size = existsSync(file) ? statSync(file).size : null;
  if (size === 0) {
    throw new DataDirError(
      `The database file ${file} is empty (0 bytes): Tandem's data is missing. Restore the file from a backup, or delete it to start an empty Tandem.`,
    );
  }
  if (!existsSync(join(dataDir, SECRET_FILE))) return;
  if (size === null || countTables(file) === 0) {
    throw new DataDirError(
      `DATA_DIR ${dataDir} holds the secret of an earlier start (${SECRET_FILE}) but the database ${file} is ${size === null ? 'missing' : 'empty'}: Tandem's data is missing. Restore the database from a backup; to start an empty Tandem on purpose, delete ${SECRET_FILE} too.`,
    );
  }
}

/** How many tables the file holds; null when it cannot be read (the integrity check at open says why). */
function countTables(file: string): number | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return db.prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()?.n ?? 0;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}
