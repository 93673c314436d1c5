/** `npm start`: the Tandem server on the environment's configuration. */
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { createServer } from './server.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const server = createServer(config, { logger });
  await server.listen();

  if (config.authSecret === null) {
    const base = server.publicUrl();
    const editor = await server.issueToken('editor');
    const viewer = await server.issueToken('viewer');
    process.stdout.write(
      `\nTandem is running.\n  Editor link (marketing and sales, can edit): ${base}/?token=${editor}\n` +
        `  Viewer link (read-only library):            ${base}/?token=${viewer}\n` +
        `More links: npm run invite -- --role viewer|editor [--days N]\n\n`,
    );
  }

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: flushing every document');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`Tandem could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
