// Writes personas straight into a fresh data directory's SQLite file, before the server starts.
import { join } from 'node:path';
import * as Y from 'yjs';
import { indexEntryOf } from '../../server/persona/indexEntry.ts';
import { DATABASE_FILE } from '../../server/server.ts';
import { openSqliteStorage } from '../../server/storage/sqliteStorage.ts';
import { writeFullPersona } from './personaContent.ts';

export interface SeedSize {
  paragraphs: number;
  listItems: number;
  evidencePerSide: number;
}

/** Personas `persona-0` … `persona-(count-1)`, each full (see writeFullPersona). */
export async function seedPersonas(dataDir: string, count: number, size: SeedSize): Promise<string[]> {
  const storage = await openSqliteStorage({ file: join(dataDir, DATABASE_FILE), synchronous: 'NORMAL' });
  const ids: string[] = [];
  try {
    for (let index = 0; index < count; index++) {
      const id = `persona-${index}`;
      const doc = new Y.Doc();
      writeFullPersona(doc, index, size);
      await storage.createPersona(indexEntryOf(id, doc, new Date()), Y.encodeStateAsUpdate(doc));
      doc.destroy();
      ids.push(id);
    }
  } finally {
    await storage.close();
  }
  return ids;
}

/** A JSON or binary HTTP call to the project server, with its editor token. */
export async function timedFetch(url: string, token: string, init: RequestInit = {}): Promise<{ ms: number; response: Response; body: ArrayBuffer }> {
  const started = performance.now();
  const response = await fetch(url, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });
  const body = await response.arrayBuffer();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${new TextDecoder().decode(body).slice(0, 200)}`);
  return { ms, response, body };
}
