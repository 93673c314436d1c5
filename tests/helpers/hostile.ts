// Hostile persona content for the issue 14 tests: deeply nested lists, and a way to store an update
// as it is, behind the server's back (as if written before the shape guard existed).
import { join } from 'node:path';
import * as Y from 'yjs';
import { DATABASE_FILE } from '../../server/server.ts';
import { openSqliteStorage } from '../../server/storage/sqliteStorage.ts';
import { getSection } from '../../shared/persona/schema.ts';
import type { SectionKey } from '../../shared/persona/types.ts';

/** Appends `levels` nested bullet lists (each in the item of the one before, as Tab makes them) to a section. */
export function appendNestedLists(doc: Y.Doc, section: SectionKey, levels: number): void {
  doc.transact(() => {
    let parent: Y.XmlFragment = getSection(doc, section);
    for (let level = 1; level <= levels; level++) {
      const list = new Y.XmlElement('bulletList');
      const item = new Y.XmlElement('listItem');
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      parent.insert(parent.length, [list]);
      list.insert(0, [item]);
      item.insert(0, [paragraph]);
      paragraph.insert(0, [text]);
      text.insert(0, `level ${level}`);
      parent = item;
    }
  });
}

/**
 * Stores `update` in a persona's log directly, as a second writer on the server's SQLite file:
 * the server must be closed, and reads it when it loads the persona after a restart.
 */
export async function storeBehindTheServer(dataDir: string, personaId: string, update: Uint8Array): Promise<void> {
  const storage = await openSqliteStorage({ file: join(dataDir, DATABASE_FILE) });
  try {
    await storage.log.append([{ personaId, update }]);
  } finally {
    await storage.close();
  }
}

/** An update that makes a change to a document in `state`, written by a fresh client. */
export function updateOn(state: Uint8Array, change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const before = Y.encodeStateVector(doc);
  change(doc);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}
