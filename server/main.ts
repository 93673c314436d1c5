/** `npm start`: the Tandem server on the environment's configuration. */
import * as nodeModule from 'node:module';

// Node ≥ 22.1 keeps V8's compiled code of every module between starts (in the OS temp directory);
// on older Nodes the function is missing and start-up compiles as before. It must run before the
// server's modules load, so they are imported below, not at the top.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

/** How long a shutdown may take before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  const [{ ConfigError, loadConfig }, { createLogger }, { createServer }] = await Promise.all([
    import('./config.ts'),
    import('./logger.ts'),
    import('./server.ts'),
  ]);
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
  // A closed stdout or stderr (the reader went away) is no reason to stop serving, nor to stop stopping.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  const logger = createLogger(config.logLevel);
  const server = createServer(config, { logger });
  const { firstAdmin } = await server.listen();

  // SPEC §3: the first start creates the first admin and prints their link; later starts print none.
  if (firstAdmin) {
    process.stdout.write(
      `\nTandem is running. This is the first start: you are its admin.\n` +
        `Open your personal link (keep it to yourself; it signs you in):\n  ${firstAdmin.link}\n` +
        `Then invite marketing and sales from the Members page, or: npm run invite -- --name "Ana" --team marketing --role editor\n\n`,
    );
  }

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: flushing every document');
    // Whatever hangs (a socket that never closes, a store that never answers), the process ends.
    setTimeout(() => {
      logger.error({ afterMs: SHUTDOWN_DEADLINE_MS }, 'shutdown took too long; exiting anyway');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
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
