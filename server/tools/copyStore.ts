/**
 * `npm run copy-store -- --from <SQLite data dir> --to <DATABASE_URL or data dir>`: copies a whole
 * Tandem into an empty store, then verifies it (every kind of record, every persona's log and every
 * version's state byte for byte). Stop the server first: the source is locked while it is read.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SECRET_FILE } from '../auth/tokens.ts';
import { copyStore } from '../storage/portableCopy.ts';
import { openConfiguredStorage } from '../server.ts';
import { configFor, countLines, describeStore, locationOf, parseOptions, requireExistingStore, runTool, UsageError } from './storeTool.ts';

const USAGE = 'Usage: npm run copy-store -- --from <SQLite data dir> --to <postgres://… URL or an empty data dir>';

runTool(USAGE, async () => {
  const values = parseOptions({ from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean' } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.from) throw new UsageError('--from: the SQLite data directory to copy is required');
  if (!values.to) throw new UsageError('--to: the store to copy into is required');
  const from = resolve(values.from);
  const to = locationOf(values.to);
  const target = 'dataDir' in to ? { dataDir: resolve(to.dataDir) } : to;
  if ('dataDir' in target && target.dataDir === from) throw new UsageError('--from and --to are the same data directory');

  const sourceConfig = configFor(process.env, { dataDir: from });
  requireExistingStore(sourceConfig);
  const targetConfig = configFor(process.env, target);
  const source = await openConfiguredStorage(sourceConfig, { exclusive: true });
  try {
    const destination = await openConfiguredStorage(targetConfig, { exclusive: true });
    try {
      const report = await copyStore(source, destination);
      process.stdout.write(
        `Copied ${describeStore(sourceConfig)} into ${describeStore(targetConfig)} and verified it: every record, ` +
          `${report.personasCompared} persona logs and ${report.versionsCompared} version states byte for byte.\n${countLines(report.counts)}\n`,
      );
    } finally {
      await destination.close();
    }
  } finally {
    await source.close();
  }
  process.stdout.write(`${secretAdvice(from, target)}\n`);
});

/** Links and sessions are signed with the source's secret: the target needs the same one. */
function secretAdvice(from: string, target: { dataDir: string } | { databaseUrl: string }): string {
  const secret = join(from, SECRET_FILE);
  if (process.env.AUTH_SECRET) return 'Start the new store with the same AUTH_SECRET, or every link and session stops working.';
  if (!existsSync(secret)) return 'The source has no secret of its own: start the new store with the AUTH_SECRET the old one had.';
  if ('dataDir' in target) {
    const copied = join(target.dataDir, SECRET_FILE);
    if (existsSync(copied)) return `${copied} was there already: links signed with ${secret} work only if the two are the same.`;
    copyFileSync(secret, copied);
    return `The secret that signs links and sessions was copied too (${copied}).`;
  }
  return `Set AUTH_SECRET on every process of the new store to the content of ${secret}, or every link and session stops working.`;
}
