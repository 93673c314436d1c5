// Issue 14, item 7: a store failure for one persona holds back that persona's broadcasts only, is
// retried, and its editors are told while it lasts.
import { describe, expect, it, vi } from 'vitest';
import { openConfiguredStorage } from '../../server/server.ts';
import type { Storage } from '../../server/storage/storage.ts';
import { SERVER_PRESENCE_FIELD } from '../../shared/presence.ts';
import type { TestClient } from '../helpers/clients.ts';
import { useCollabFixture } from '../helpers/fixture.ts';
import { createPersona } from '../helpers/http.ts';
import { appendParagraph, sectionText } from '../helpers/persona.ts';
import { readStoredDoc } from '../helpers/store.ts';

const { pool, start } = useCollabFixture();

/** The real store, whose appends fail for the personas in `failing` (a bad page, a full quota…). */
function storageFailingFor(failing: Set<string>) {
  return async (config: Parameters<typeof openConfiguredStorage>[0]): Promise<Storage> => {
    const storage = await openConfiguredStorage(config, { exclusive: true });
    const append = storage.log.append.bind(storage.log);
    storage.log.append = (updates) =>
      updates.some((u) => failing.has(u.personaId)) ? Promise.reject(new Error('disk I/O error')) : append(updates);
    return storage;
  };
}

const savingFailingSeenBy = (client: TestClient) =>
  [...client.provider.awareness.getStates().values()].some(
    (state) => (state[SERVER_PRESENCE_FIELD] as { saving?: string } | undefined)?.saving === 'failing',
  );

describe('issue 14 item 7: a store failure for one persona', () => {
  it('holds back that persona\'s broadcasts only; the others keep flowing; its editors are told until it is stored', async () => {
    const failing = new Set<string>();
    const t = await start({}, undefined, { openStorage: storageFailingFor(failing) });
    const [bad, good] = [await createPersona(t), await createPersona(t)];
    const badWriter = pool.connect(t, bad, t.editorToken);
    const badReader = pool.connect(t, bad, t.salesToken);
    const goodWriter = pool.connect(t, good, t.editorToken);
    const goodReader = pool.connect(t, good, t.salesToken);
    await Promise.all([badWriter, badReader, goodWriter, goodReader].map((c) => c.synced()));

    failing.add(bad);
    // In one event-loop turn: both land in the same batch, which fails as a whole.
    appendParagraph(badWriter.doc, 'goals', 'held back');
    appendParagraph(goodWriter.doc, 'goals', 'flows on');
    await vi.waitFor(() => expect(sectionText(goodReader.doc, 'goals')).toContain('flows on'));
    // And later edits of the healthy persona too, while the failing one keeps failing.
    for (let i = 0; i < 5; i++) appendParagraph(goodWriter.doc, 'goals', `more ${i}`);
    await vi.waitFor(() => expect(sectionText(goodReader.doc, 'goals')).toContain('more 4'));
    await vi.waitFor(() => expect(savingFailingSeenBy(badWriter) && savingFailingSeenBy(badReader)).toBe(true));
    expect(savingFailingSeenBy(goodWriter)).toBe(false);
    // S5: nothing of the failing persona is broadcast before it is stored.
    expect(sectionText(badReader.doc, 'goals')).not.toContain('held back');
    appendParagraph(badWriter.doc, 'goals', 'typed while failing');

    failing.delete(bad);
    await vi.waitFor(() => expect(sectionText(badReader.doc, 'goals')).toContain('typed while failing'), { timeout: 15_000 });
    expect(sectionText(badReader.doc, 'goals').indexOf('held back')).toBeLessThan(sectionText(badReader.doc, 'goals').indexOf('typed while failing'));
    await vi.waitFor(() => expect(savingFailingSeenBy(badWriter) || savingFailingSeenBy(badReader)).toBe(false));
    const stored = sectionText((await readStoredDoc(t.dataDir, bad)).doc, 'goals');
    expect(stored).toContain('held back');
    expect(stored).toContain('typed while failing');
    for (const c of [badWriter, badReader, goodWriter, goodReader]) expect(c.closes).toEqual([]);
  });
});
