import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** The PostgreSQL the test run started (tests/engines/globalSetup.ts): a superuser URL on its `postgres` database. */
export const testDatabaseUrl = (): string => inject('tandemTestDatabaseUrl');

/** The Redis the test run started. */
export const testRedisUrl = (): string => inject('tandemTestRedisUrl');

/** A name no other test uses, for a schema or a database. */
export const uniqueName = (prefix: string): string => `${prefix}_${randomBytes(6).toString('hex')}`;

/** Runs statements on the test PostgreSQL as its superuser, then disconnects. */
export async function onTestDatabase<T>(fn: (client: pg.Client) => Promise<T>, url = testDatabaseUrl()): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new empty database on the test PostgreSQL (the migrations add unaccent); its URL, and how to drop it. */
export async function createTestDatabase(prefix = 'tandem'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = uniqueName(prefix);
  await onTestDatabase((client) => client.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(testDatabaseUrl(), name);
  return {
    url,
    drop: () => onTestDatabase((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
