import { join } from 'node:path';
import { openSqliteStore } from '../../../../server/storage/sqliteStorage.ts';
import { makeDataDir, removeDataDir } from '../../../helpers/server.ts';
import { describeDocStoreContract } from './storageContract.ts';

for (const synchronous of ['FULL', 'NORMAL'] as const) {
  describeDocStoreContract(`SQLite, synchronous=${synchronous}`, () => {
    const dir = makeDataDir();
    return {
      open: async () => openSqliteStore(join(dir, 'nested', 'tandem.sqlite'), synchronous),
      dispose: async () => removeDataDir(dir),
    };
  });
}
