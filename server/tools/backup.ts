/**
 * `npm run backup -- --out <file>`: writes the whole Tandem of the configured store (DATA_DIR, or
 * DATABASE_URL) to a portable archive, a consistent snapshot taken while the server keeps running.
 * `npm run restore` reads it back.
 */
import { resolve } from 'node:path';
import { ARCHIVE_SUFFIX, writeArchive } from '../storage/archive.ts';
import { portableOf } from '../storage/portableCopy.ts';
import { openConfiguredStorage } from '../server.ts';
import { configFor, countLines, describeStore, parseOptions, requireExistingStore, runTool, UsageError } from './storeTool.ts';

const USAGE = `Usage: npm run backup -- --out <file${ARCHIVE_SUFFIX}>   (the store: DATA_DIR, or DATABASE_URL)`;

runTool(USAGE, async () => {
  const values = parseOptions({ out: { type: 'string' }, help: { type: 'boolean' } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.out) throw new UsageError('--out: where to write the archive is required');
  const out = resolve(values.out);
  const config = configFor(process.env, null);
  requireExistingStore(config);
  // Not exclusive: a backup is taken while the server runs, from a snapshot of its own.
  const storage = await openConfiguredStorage(config);
  try {
    const counts = await writeArchive(await portableOf(storage, 'configured').exportAll(), out, new Date().toISOString());
    process.stdout.write(`Backed up ${describeStore(config)} to ${out}:\n${countLines(counts)}\n`);
    process.stdout.write('The archive holds no secret: restoring it where AUTH_SECRET (or DATA_DIR/auth-secret) differs makes old links stop working.\n');
  } finally {
    await storage.close();
  }
});
