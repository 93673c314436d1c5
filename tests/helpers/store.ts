import { join } from 'node:path';
import * as Y from 'yjs';
import { DATABASE_FILE } from '../../server/server.ts';
import { openSqliteStorage } from '../../server/storage/sqliteStorage.ts';
import type { Storage } from '../../server/storage/storage.ts';

/**
 * What a server stored in `dataDir`, opened as the server opens it but read-only, beside it: a
 * second connection, so what it reads is what is durably stored.
 */
export function openStoredData(dataDir: string): Promise<Storage> {
  return openSqliteStorage({ file: join(dataDir, DATABASE_FILE), readOnly: true });
}

/** A persona's stored log replayed into a document, and how many entries the log holds. */
export async function storedDoc(storage: Storage, personaId: string): Promise<{ doc: Y.Doc; logLength: number }> {
  const log = await storage.log.load(personaId);
  const doc = new Y.Doc();
  for (const update of log?.updates ?? []) Y.applyUpdate(doc, update);
  return { doc, logLength: log?.updates.length ?? 0 };
}

/** What is durably stored for a persona, read through a second, read-only storage connection. */
export async function readStoredDoc(dataDir: string, personaId: string): Promise<{ doc: Y.Doc; logLength: number }> {
  const storage = await openStoredData(dataDir);
  try {
    return await storedDoc(storage, personaId);
  } finally {
    await storage.close();
  }
}

/** One sample's value from the Prometheus text at /metrics. */
export async function metricValue(baseUrl: string, sample: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line === undefined ? Number.NaN : Number(line.slice(sample.length + 1));
}
