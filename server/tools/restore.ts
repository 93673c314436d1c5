/**
 * `npm run restore -- --from <file>`: restores an archive of `npm run backup` into the configured
 * store (DATA_DIR, or DATABASE_URL), which must be empty; the archive is checked whole first, and
 * what was written is read back and compared.
 */
import { resolve } from 'node:path';
import { checkArchive, openArchive } from '../storage/archive.ts';
import { importAndCheck, portableOf } from '../storage/portableCopy.ts';
import { openConfiguredStorage } from '../server.ts';
import { configFor, countLines, describeStore, parseOptions, runTool, UsageError } from './storeTool.ts';

const USAGE = 'Usage: npm run restore -- --from <archive>   (into the store of DATA_DIR, or DATABASE_URL, which must be empty)';

runTool(USAGE, async () => {
  const values = parseOptions({ from: { type: 'string' }, help: { type: 'boolean' } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.from) throw new UsageError('--from: the archive to restore is required');
  const from = resolve(values.from);
  // The whole archive first: a truncated or altered one is refused before the store is touched.
  const { header } = await checkArchive(from);
  const config = configFor(process.env, null);
  // Exclusive: no server may serve the store while it is filled.
  const storage = await openConfiguredStorage(config, { exclusive: true });
  try {
    const archive = await openArchive(from);
    const { counts } = await importAndCheck(archive.records(), portableOf(storage, 'configured'));
    process.stdout.write(
      `Restored ${from} (backed up ${header.createdAt} from ${header.backend}) into ${describeStore(config)}, read back and verified:\n${countLines(counts)}\n`,
    );
    process.stdout.write('Links and sessions keep working only with the secret they were signed with: set AUTH_SECRET, or copy auth-secret into DATA_DIR, before starting.\n');
  } finally {
    await storage.close();
  }
});
