// Issue 14 item 3 in Chromium: a section holding a string, a Y.Map and a bare text stored before the
// shape guard shows every line once the server has repaired it, and typing there loses none of them.
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { getSection } from '../../shared/persona/schema.ts';
import { storeBehindTheServer, updateOn } from '../helpers/hostile.ts';
import { appendParagraph, sectionText as storedSectionText } from '../helpers/persona.ts';
import { readStoredDoc } from '../helpers/store.ts';
import { ANA, eventuallyContains, openWorkshop, sectionText, typeAtEnd, useApp } from './app.ts';

const LINES = ['honest first', 'a plain string', '{"note":"map text"}', 'bare text'];

describe('issue 14 item 3: foreign content stored before the shape guard, in the browser', () => {
  const app = useApp();

  it('shows every line of a repaired section, and typing there keeps them', async () => {
    const id = await app.createPersona({ template: 'blank', name: 'Stained' });
    const { doc } = await readStoredDoc(app.server.dataDir, id);
    // Written behind the running server, before it ever loads this persona.
    const stain = updateOn(Y.encodeStateAsUpdate(doc), (stained) => {
      appendParagraph(stained, 'goals', 'honest first');
      const map = new Y.Map<unknown>();
      getSection(stained, 'goals').push(['a plain string' as unknown as Y.XmlElement, map as unknown as Y.XmlElement, new Y.XmlText('bare text')]);
      map.set('note', 'map text');
    });
    await storeBehindTheServer(app.server.dataDir, id, stain);

    const ana = await app.person({ as: ANA });
    await openWorkshop(ana, id);
    for (const line of LINES) await eventuallyContains(ana, 'goals', line);
    await typeAtEnd(ana, 'goals', ' and typed');
    await eventuallyContains(ana, 'goals', 'and typed');
    await vi.waitFor(
      async () => {
        const stored = storedSectionText((await readStoredDoc(app.server.dataDir, id)).doc, 'goals');
        expect(stored).toContain('and typed');
        for (const line of LINES) expect(stored).toContain(line);
      },
      { timeout: 15_000, interval: 200 },
    );
    expect(await sectionText(ana, 'goals')).toContain('honest first');
  });
});
