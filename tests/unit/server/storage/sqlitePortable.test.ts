import { join } from 'node:path';
import { openSqliteStorage } from '../../../../server/storage/sqliteStorage.ts';
import { makeDataDir, removeDataDir } from '../../../helpers/server.ts';
import { describePortableContract } from './portableContract.ts';

describePortableContract('SQLite', () => {
  const dir = makeDataDir();
  return {
    open: () => openSqliteStorage({ file: join(dir, 'tandem.sqlite') }),
    dispose: async () => removeDataDir(dir),
  };
});
