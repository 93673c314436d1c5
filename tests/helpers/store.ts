import Database from 'better-sqlite3';
import { join } from 'node:path';
import * as Y from 'yjs';
import { DATABASE_FILE } from '../../server/server.ts';

/** Reads what is durably stored for a persona through a second SQLite connection. */
export function readStoredDoc(dataDir: string, personaId: string): { doc: Y.Doc; logLength: number } {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE persona_id = ? ORDER BY seq')
      .all(personaId);
    const doc = new Y.Doc();
    for (const row of rows) Y.applyUpdate(doc, row.data);
    return { doc, logLength: rows.length };
  } finally {
    db.close();
  }
}

/** One sample's value from the Prometheus text at /metrics. */
export async function metricValue(baseUrl: string, sample: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line === undefined ? Number.NaN : Number(line.slice(sample.length + 1));
}
