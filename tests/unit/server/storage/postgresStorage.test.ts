import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPostgresStorage } from '../../../../server/storage/postgres/postgresStorage.ts';
import { onTestDatabase, testDatabaseUrl, uniqueName } from '../../../helpers/engines.ts';
import { entry, publishInput, textUpdate } from './fixtures.ts';
import { describePortableContract } from './portableContract.ts';
import { describeStorageContract } from './storageContract.ts';

/** A fresh schema on the test run's PostgreSQL for each test, dropped after it. */
function freshSchema() {
  const schema = uniqueName('contract');
  return {
    schema,
    open: () => openPostgresStorage({ url: testDatabaseUrl(), schema, poolSize: 4 }),
    dispose: () => onTestDatabase((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => undefined),
  };
}

describeStorageContract('PostgreSQL', freshSchema);
describePortableContract('PostgreSQL', freshSchema);

// What only the PostgreSQL backend promises, checked on its database.
describe('PostgreSQL storage database', () => {
  let harness: ReturnType<typeof freshSchema>;
  afterEach(() => harness.dispose());

  it('PostgreSQL: triggers refuse any change to, or deletion of, a published version or an import, even from another connection', async () => {
    harness = freshSchema();
    const storage = await harness.open();
    await storage.createPersona(entry('p1'), textUpdate(new Y.Doc(), 'x'));
    await storage.library.publish(publishInput('p1'));
    await storage.crm.addImport(
      { id: 'i1', at: '2026-11-24T10:00:00.000Z', by: null, kind: 'deals', rows: 0, sha256: 'a'.repeat(64), filename: null, source: null },
      new Uint8Array([1, 2, 3]),
      [],
      [],
    );
    await storage.close();
    await onTestDatabase(async (client) => {
      await client.query(`SET search_path TO ${harness.schema}, public`);
      await expect(client.query("UPDATE versions SET note = 'rewritten'")).rejects.toThrow(/immutable/);
      await expect(client.query('DELETE FROM versions')).rejects.toThrow(/never deleted/);
      await expect(client.query('TRUNCATE versions CASCADE')).rejects.toThrow(/never deleted/);
      await expect(client.query("UPDATE crm_imports SET rows = 9 WHERE id = 'i1'")).rejects.toThrow(/immutable/);
      await expect(client.query("DELETE FROM crm_imports WHERE id = 'i1'")).rejects.toThrow(/never deleted/);
      expect((await client.query('SELECT count(*)::int AS n FROM versions')).rows).toEqual([{ n: 1 }]);
    });
  });

  it('PostgreSQL: opening again applies no migration twice, and records each version once', async () => {
    harness = freshSchema();
    await (await harness.open()).close();
    await (await harness.open()).close();
    const versions = await onTestDatabase(async (client) => (await client.query(`SELECT version FROM ${harness.schema}.schema_migrations ORDER BY version`)).rows);
    expect(versions).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
  });

  it('PostgreSQL: two processes appending to one persona at once never take the same sequence number', async () => {
    harness = freshSchema();
    const one = await harness.open();
    const two = await harness.open();
    try {
      const doc = new Y.Doc();
      await one.createPersona(entry('p'), textUpdate(doc, 'x'));
      const batches = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? one : two).log.append([{ personaId: 'p', update: textUpdate(doc, String(i)) }]));
      const seqs = (await Promise.all(batches)).flat();
      expect(new Set(seqs).size).toBe(20);
      expect((await one.log.load('p'))?.updates).toHaveLength(21);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
