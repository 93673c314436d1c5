// Issue 14 item 3 for content stored before the shape guard: a string, a Y.Map or a bare text
// directly under a section blanks it in the editor. The server repairs it when the persona loads.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { getSection } from '../../shared/persona/schema.ts';
import { DATABASE_FILE } from '../../server/server.ts';
import { openSqliteStorage } from '../../server/storage/sqliteStorage.ts';
import { createClientPool } from '../helpers/clients.ts';
import { storeBehindTheServer, updateOn } from '../helpers/hostile.ts';
import { apiCalls, createPersona } from '../helpers/http.ts';
import { appendParagraph, sectionText } from '../helpers/persona.ts';
import { readStoredDoc } from '../helpers/store.ts';
import { makeDataDir, recordingLogger, removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';

const pool = createClientPool();
let t: TestServer | null = null;
const { postJson } = apiCalls(() => {
  if (!t) throw new Error('no server');
  return t;
});
afterEach(async () => {
  pool.destroyAll();
  if (!t) return;
  await t.close();
  removeDataDir(t.dataDir);
  t = null;
});

/** The section's top-level children, each as its kind. */
const kinds = (doc: Y.Doc) => getSection(doc, 'goals').toArray().map((child) => (child instanceof Y.XmlElement ? child.nodeName : typeof child));

describe('[issue 14.3] foreign content stored before the shape guard', () => {
  it('[S5] is turned into paragraphs holding its text when the persona loads: stored, broadcast, logged, and honest typing keeps it', async () => {
    const recording = recordingLogger();
    const first = await startTestServer({}, undefined, { logger: recording.logger });
    t = first;
    const id = await createPersona(first, { name: 'Stained' });
    const honest = pool.connect(first, id, first.editorToken);
    await honest.synced();
    appendParagraph(honest.doc, 'goals', 'honest first');
    appendParagraph(honest.doc, 'goals', 'honest last');
    await vi.waitFor(async () => expect(sectionText((await readStoredDoc(first.dataDir, id)).doc, 'goals')).toContain('honest last'));
    const state = Y.encodeStateAsUpdate(honest.doc);
    pool.destroyAll();
    await first.close();

    const stain = updateOn(state, (doc) => {
      const goals = getSection(doc, 'goals');
      const map = new Y.Map<unknown>();
      goals.insert(1, ['a plain string' as unknown as Y.XmlElement, map as unknown as Y.XmlElement, new Y.XmlText('bare text')]);
      map.set('note', 'map text');
    });
    await storeBehindTheServer(first.dataDir, id, stain);
    t = await first.restart();

    const a = pool.connect(t, id, t.editorToken);
    await a.synced();
    expect(kinds(a.doc)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph', 'paragraph']);
    expect(sectionText(a.doc, 'goals').split('\n')).toEqual(['honest first', 'a plain string', '{"note":"map text"}', 'bare text', 'honest last']);
    const entry = recording.entries.find((e) => e.msg === 'foreign items in sections turned into paragraphs');
    expect(entry?.personaId).toBe(id);

    // Honest typing in the repaired section keeps every line.
    appendParagraph(a.doc, 'goals', 'typed after');
    const b = pool.connect(t, id, t.salesToken);
    await vi.waitFor(() => expect(sectionText(b.doc, 'goals')).toContain('typed after'));
    expect(sectionText(b.doc, 'goals')).toContain('{"note":"map text"}');
    await t.close();
    const { doc: stored } = await readStoredDoc(t.dataDir, id);
    expect(kinds(stored)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph', 'paragraph', 'paragraph']);
    expect(sectionText(stored, 'goals')).toContain('a plain string');
    t = await t.restart();
  });

  it('is repaired in a compacted persona from before the guard too, on its first open', async () => {
    const dataDir = makeDataDir();
    const file = join(dataDir, DATABASE_FILE);
    const old = new Y.Doc();
    getSection(old, 'goals').insert(0, [new Y.XmlText('stored long ago') as unknown as Y.XmlElement]);
    const storage = await openSqliteStorage({ file });
    await storage.createPersona({ id: 'old', name: 'Old', role: '', segment: '', evidence: { marketing: 0, sales: 0 }, updatedAt: '2026-10-01T09:00:00.000Z' }, Y.encodeStateAsUpdate(old));
    await storage.close();
    const db = new Database(file);
    db.prepare('UPDATE personas SET template_checked_at = NULL').run();
    db.close();
    t = await startTestServer({}, dataDir);

    const a = pool.connect(t, 'old', t.editorToken);
    await a.synced();
    expect(kinds(a.doc)).toEqual(['paragraph']);
    expect(sectionText(a.doc, 'goals')).toBe('stored long ago');
  });

  it('comes back as paragraphs when a version published before the guard is restored', async () => {
    t = await startTestServer();
    const id = await createPersona(t, { name: 'Versioned' });
    const a = pool.connect(t, id, t.editorToken);
    await a.synced();
    appendParagraph(a.doc, 'goals', 'honest');
    await vi.waitFor(async () => expect(sectionText((await readStoredDoc(t?.dataDir ?? '', id)).doc, 'goals')).toContain('honest'));
    expect((await postJson(`/api/personas/${id}/publish`, {})).status).toBe(201);
    // The version as a server from before the guard froze it: foreign items in the goals.
    const stained = new Y.Doc();
    Y.applyUpdate(stained, Y.encodeStateAsUpdate(a.doc));
    getSection(stained, 'goals').push(['old string' as unknown as Y.XmlElement, new Y.XmlText('old text')]);
    const db = new Database(join(t.dataDir, DATABASE_FILE));
    const trigger = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'versions_are_immutable'").get();
    db.transaction(() => {
      db.exec('DROP TRIGGER versions_are_immutable');
      db.prepare('UPDATE versions SET state = ? WHERE persona_id = ? AND version = 1').run(Y.encodeStateAsUpdate(stained), id);
      if (trigger) db.exec(trigger.sql);
    })();
    db.close();
    appendParagraph(a.doc, 'goals', 'after the version');

    expect((await postJson(`/api/personas/${id}/restore`, { version: 1 })).status).toBe(200);
    await vi.waitFor(() => expect(sectionText(a.doc, 'goals')).not.toContain('after the version'));
    expect(kinds(a.doc)).toEqual(['paragraph', 'paragraph', 'paragraph']);
    expect(sectionText(a.doc, 'goals').split('\n')).toEqual(['honest', 'old string', 'old text']);
  });
});
