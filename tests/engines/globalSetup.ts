// The real engines for the server tests (issue 19): one PostgreSQL and one Redis for the whole run,
// started before the first test file and stopped after the last. Tests read their URLs with
// tests/helpers/engines.ts; processes the tests spawn inherit them as TANDEM_TEST_DATABASE_URL and
// TANDEM_TEST_REDIS_URL.
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres.ts';
import { startRedis } from './redis.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    tandemTestDatabaseUrl: string;
    tandemTestRedisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startPostgres();
  const redis = await startRedis().catch((err: unknown) => {
    postgres.remove();
    throw err;
  });
  // Also when the run ends without its teardown (an interrupted run): no engine outlives it.
  const leftBehind = () => {
    void redis.stop();
    postgres.remove();
  };
  process.once('exit', leftBehind);
  process.env.TANDEM_TEST_DATABASE_URL = postgres.url;
  process.env.TANDEM_TEST_REDIS_URL = redis.url;
  project.provide('tandemTestDatabaseUrl', postgres.url);
  project.provide('tandemTestRedisUrl', redis.url);
  return async () => {
    process.off('exit', leftBehind);
    await redis.stop();
    postgres.remove();
  };
}
