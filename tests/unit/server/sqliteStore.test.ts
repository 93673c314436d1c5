import { join } from 'node:path';
import { openSqliteStore } from '../../../server/storage/sqliteStore.ts';
import { makeDataDir, removeDataDir } from '../../helpers/server.ts';
import { describeDocStoreContract } from './storageContract.ts';

describeDocStoreContract('SQLite', () => {
  const dir = makeDataDir();
  return {
    open: async () => openSqliteStore(join(dir, 'nested', 'tandem.sqlite')),
    dispose: async () => removeDataDir(dir),
  };
});
