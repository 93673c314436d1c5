import { describe, expect, it, vi } from 'vitest';
import { getProfile } from '../../shared/persona/schema.ts';
import { openConfiguredStorage } from '../../server/server.ts';
import { useCollabFixture } from '../helpers/fixture.ts';
import { createPersona } from '../helpers/http.ts';
import { recordingLogger } from '../helpers/server.ts';
import { appendParagraph, sectionText } from '../helpers/persona.ts';
import { metricValue, readStoredDoc } from '../helpers/store.ts';

const { pool, start } = useCollabFixture();

describe('S6 unloading idle documents', () => {
  it('[S6] a document with no connection is compacted into one state and unloaded after the grace period', async () => {
    const t = await start({ UNLOAD_AFTER_MS: '100' });
    const idle = await createPersona(t);
    const editor = pool.connect(t, idle, t.editorToken);
    await editor.synced();
    for (let i = 0; i < 30; i++) appendParagraph(editor.doc, 'channels', `channel ${i}`);
    getProfile(editor.doc).set('name', 'Idle Ida');
    await vi.waitFor(async () => expect((await readStoredDoc(t.dataDir, idle)).logLength).toBeGreaterThan(1));
    expect(await metricValue(t.url, 'tandem_documents_loaded')).toBe(1);

    pool.destroyAll();
    await vi.waitFor(() => expect(metricValue(t.url, 'tandem_documents_loaded')).resolves.toBe(0));
    const stored = await readStoredDoc(t.dataDir, idle);
    expect(stored.logLength).toBe(1);
    expect(sectionText(stored.doc, 'channels').split('\n')).toHaveLength(30);
    // The persona list, now served from the stored index alone, has the last name.
    const list = await fetch(`${t.url}/api/personas`, { headers: { authorization: `Bearer ${t.editorToken}` } });
    expect(await list.json()).toMatchObject({ personas: [{ id: idle, name: 'Idle Ida' }] });

    const back = pool.connect(t, idle, t.editorToken);
    await back.synced();
    expect(sectionText(back.doc, 'channels')).toBe(sectionText(stored.doc, 'channels'));
  });

  it('[S6] a reconnect within the grace period keeps the document loaded', async () => {
    const log = recordingLogger();
    const t = await start({ UNLOAD_AFTER_MS: '1000' }, undefined, { logger: log.logger });
    const [stay, witnessId] = [await createPersona(t), await createPersona(t)];
    const first = pool.connect(t, stay, t.editorToken);
    await first.synced();
    getProfile(first.doc).set('name', 'Kept');
    pool.destroyAll();
    // The server has seen it leave: the grace period is running.
    await vi.waitFor(() => expect(metricValue(t.url, 'tandem_connections{role="editor"}')).resolves.toBe(0));
    const second = pool.connect(t, stay, t.editorToken);
    await second.synced();
    // A persona left after that reconnect, with the same grace: once it is unloaded, more than the
    // grace has passed since `stay` was left, so `stay` too would be gone had the reconnect not held it.
    const witness = pool.connect(t, witnessId, t.editorToken);
    await witness.synced();
    witness.provider.destroy();
    await vi.waitFor(() => expect(log.unloaded()).toContain(witnessId), { timeout: 10_000, interval: 50 });

    expect(log.unloaded()).not.toContain(stay);
    expect(await metricValue(t.url, 'tandem_documents_loaded')).toBe(1);
    expect(getProfile(second.doc).get('name')).toBe('Kept');
  });

  it('[S6] a failed store keeps the document in memory, and it is unloaded once the store recovers', async () => {
    let broken = false;
    let failedAttempts = 0;
    const t = await start({ UNLOAD_AFTER_MS: '50' }, undefined, {
      openStorage: async (config) => {
        const storage = await openConfiguredStorage(config);
        const guard = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
          (...args: A): Promise<R> => {
            if (!broken) return fn(...args);
            failedAttempts += 1;
            return Promise.reject(new Error('store offline'));
          };
        return {
          ...storage,
          log: { ...storage.log, compact: guard(storage.log.compact) },
          index: { ...storage.index, updateIndex: guard(storage.index.updateIndex) },
        };
      },
    });
    const fragile = await createPersona(t);
    const editor = pool.connect(t, fragile, t.editorToken);
    await editor.synced();
    for (let i = 0; i < 5; i++) appendParagraph(editor.doc, 'goals', `goal ${i}`);
    await vi.waitFor(async () => expect((await readStoredDoc(t.dataDir, fragile)).logLength).toBeGreaterThan(1));

    broken = true;
    pool.destroyAll();
    // Several unload attempts fail; the document must stay, its log untouched.
    await vi.waitFor(() => expect(failedAttempts).toBeGreaterThanOrEqual(3));
    expect(await metricValue(t.url, 'tandem_documents_loaded')).toBe(1);
    expect((await readStoredDoc(t.dataDir, fragile)).logLength).toBeGreaterThan(1);

    broken = false;
    await vi.waitFor(() => expect(metricValue(t.url, 'tandem_documents_loaded')).resolves.toBe(0));
    expect((await readStoredDoc(t.dataDir, fragile)).logLength).toBe(1);
  });
});
