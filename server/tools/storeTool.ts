// What npm run backup, restore and copy-store share: their arguments, which store they open (the
// same way the server does), and how they report.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { PORTABLE_KINDS, type PortableCounts } from '../storage/portable.ts';
import { DATABASE_FILE } from '../server.ts';
import { StoreError } from '../storage/storage.ts';

/** Bad arguments (exit code 2, with the usage). */
export class UsageError extends Error {}

type Env = Record<string, string | undefined>;

/** Where a store is: a SQLite data directory, or a PostgreSQL database. */
export type StoreLocation = { dataDir: string } | { databaseUrl: string };

/** `--to` / `--from` as given: a postgres:// URL, or a data directory. */
export function locationOf(value: string): StoreLocation {
  return /^postgres(ql)?:\/\//i.test(value) ? { databaseUrl: value } : { dataDir: value };
}

/** The configuration the server would run with on that store (the environment's other settings kept). */
export function configFor(env: Env, location: StoreLocation | null): Config {
  const scoped: Env =
    location === null
      ? env
      : 'dataDir' in location
        ? { ...env, DATA_DIR: location.dataDir, DATABASE_URL: undefined }
        : { ...env, DATABASE_URL: location.databaseUrl };
  return loadConfig(scoped);
}

/** The store a config names, for messages (a URL without its password). */
export function describeStore(config: Config): string {
  const url = config.databaseUrl;
  if (url === null) return `SQLite in ${config.dataDir}`;
  const parsed = new URL(url);
  parsed.password = '';
  return `PostgreSQL at ${parsed.toString()}`;
}

/** A SQLite data directory without a database holds no Tandem to copy or back up. */
export function requireExistingStore(config: Config): void {
  if (config.databaseUrl !== null) return;
  const file = join(config.dataDir, DATABASE_FILE);
  if (!existsSync(file)) throw new StoreError(`There is no Tandem in ${config.dataDir} (no ${DATABASE_FILE}): nothing was done.`);
}

export function parseOptions<const T extends Record<string, { type: 'string' | 'boolean' }>>(options: T) {
  try {
    return parseArgs({ options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** One line per kind with records: `  persona       12`. */
export function countLines(counts: PortableCounts): string {
  return PORTABLE_KINDS.filter((kind) => counts[kind] > 0)
    .map((kind) => `  ${kind.padEnd(12)}${String(counts[kind]).padStart(10)}`)
    .join('\n');
}

/** Runs a tool: bad arguments or configuration exit 2 with the usage, a store or archive problem 1. */
export function runTool(usage: string, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    const bad = err instanceof UsageError || err instanceof ConfigError;
    process.stderr.write(`${message}${bad ? `\n${usage}` : ''}\n`);
    process.exit(bad ? 2 : 1);
  });
}
