// The connection pool every PostgreSQL concern shares, and the two ways they use it: one statement,
// or several in one transaction.
import pg from 'pg';
import type { Logger } from 'pino';
import { StoreError } from '../storage.ts';

/** What a concern runs statements on: the pool (each its own transaction) or one transaction's client. */
export type Queryable = Pick<pg.PoolClient, 'query'>;

export interface Db {
  /** Runs one storage call: rejects with a StoreError when it fails or the store is closed. */
  run<T>(what: string, fn: (db: Queryable) => Promise<T>): Promise<T>;
  /** Runs one storage call in one transaction: all of it or none. */
  tx<T>(what: string, fn: (client: Queryable) => Promise<T>): Promise<T>;
  /** A client of its own, for work that must stay on one connection (a TEMP table); released by the caller. */
  connect(what: string): Promise<pg.PoolClient>;
  readonly pool: pg.Pool;
  closed(): boolean;
  close(): Promise<void>;
}

// bigint (count(*), bigserial) as a JavaScript number: no count or id here comes near 2^53.
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface DbOptions {
  url: string;
  /** Tables live in this schema (created by the migrations) instead of the connection's default one. */
  schema?: string | undefined;
  poolSize?: number | undefined;
  logger?: Logger | undefined;
}

export function openDb({ url, schema, poolSize = 10, logger }: DbOptions): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types,
    // A database that cannot be reached fails the call (the caller keeps its state and retries) rather than hanging it.
    connectionTimeoutMillis: 5_000,
    ...(schema !== undefined && { options: `-c search_path=${pg.escapeIdentifier(schema)},public` }),
  });
  // An idle connection the server dropped (a restart) is reported here; without a listener it would end the process.
  pool.on('error', (err) => logger?.warn({ err }, 'a PostgreSQL connection was lost'));
  let isClosed = false;
  /** Clients handed out by `connect` and not yet released: a close ends them rather than wait for them. */
  const lent = new Set<pg.PoolClient>();

  const fail = (what: string, cause: unknown): StoreError =>
    cause instanceof StoreError ? cause : new StoreError(`${what}: ${(cause as Error).message}`, { cause });

  const run: Db['run'] = async (what, fn) => {
    if (isClosed) throw new StoreError(`${what}: the store is closed`);
    try {
      return await fn(pool);
    } catch (cause) {
      throw fail(what, cause);
    }
  };

  const connect: Db['connect'] = async (what) => {
    if (isClosed) throw new StoreError(`${what}: the store is closed`);
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (cause) {
      throw fail(what, cause);
    }
    lent.add(client);
    const release = client.release.bind(client);
    client.release = (destroy?: Error | boolean) => {
      if (!lent.delete(client)) return;
      release(destroy);
    };
    return client;
  };

  const tx: Db['tx'] = async (what, fn) => {
    const client = await connect(what);
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (cause) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true; // the connection itself failed: it is dropped, not reused
      }
      throw fail(what, cause);
    } finally {
      client.release(broken);
    }
  };

  return {
    run,
    tx,
    connect,
    pool,
    closed: () => isClosed,
    close: async () => {
      if (isClosed) return;
      isClosed = true;
      for (const client of [...lent]) client.release(true);
      await pool.end();
    },
  };
}

/** A row count that pg may leave null (for statements that report none). */
export const changed = (result: { rowCount: number | null }): number => result.rowCount ?? 0;

/** A bytea as the Uint8Array the contracts compare (pg hands back a Buffer, a subclass of it). */
export const bytes = (data: Buffer): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
