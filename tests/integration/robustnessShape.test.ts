// Issue 14 item 3: the server refuses (1007) an update that breaks the document's shape, before it
// is applied, stored or broadcast; honest edits of every kind pass.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { getComments, getEvidence, getProfile, getSection, getSignoff, getTargets } from '../../shared/persona/schema.ts';
import { collabUrl, createClientPool, openRawSocket, syncUpdateFrame } from '../helpers/clients.ts';
import { appendNestedLists, updateOn } from '../helpers/hostile.ts';
import { createPersona } from '../helpers/http.ts';
import { appendParagraph, sectionText } from '../helpers/persona.ts';
import { removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';
import { readStoredDoc } from '../helpers/store.ts';

const pool = createClientPool();
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterEach(() => pool.destroyAll());
afterAll(async () => {
  await t.close();
  removeDataDir(t.dataDir);
});

/** Changes that break the shape, each made on a copy of the persona as the server has it. */
const hostile: [string, (doc: Y.Doc) => void][] = [
  ['a plain string appended to a section', (doc) => getSection(doc, 'goals').insert(0, ['just a string' as unknown as Y.XmlElement])],
  ['a Y.Map appended to a section', (doc) => getSection(doc, 'goals').insert(0, [new Y.Map() as unknown as Y.XmlElement])],
  ['a bare Y.XmlText appended to a section', (doc) => getSection(doc, 'goals').insert(0, [new Y.XmlText('bare')])],
  ['a string inside a paragraph', (doc) => {
    const paragraph = new Y.XmlElement('paragraph');
    getSection(doc, 'goals').insert(0, [paragraph]);
    paragraph.insert(0, ['loose' as unknown as Y.XmlText]);
  }],
  ['an embed inside text', (doc) => {
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    getSection(doc, 'goals').insert(0, [paragraph]);
    paragraph.insert(0, [text]);
    text.insertEmbed(0, { image: 'x' });
  }],
  ['an unknown root', (doc) => doc.getMap('evil').set('a', 'b')],
  ['a Y.Map as a profile field', (doc) => getProfile(doc).set('name', new Y.Map() as unknown as string)],
  ['a string in the evidence', (doc) => getEvidence(doc).push(['not a map' as unknown as Y.Map<unknown>])],
  ['a Y.Array in the comments', (doc) => getComments(doc).push([new Y.Array() as unknown as Y.Map<unknown>])],
  ['a sign-off under an unknown key', (doc) => getSignoff(doc).set('summary:legal', new Y.Map())],
  ['a string as a sign-off', (doc) => getSignoff(doc).set('summary:sales', 'yes' as unknown as Y.Map<unknown>)],
  ['a string in the targets', (doc) => getTargets(doc).push(['x' as unknown as Y.Map<unknown>])],
  ['rich text nested deeper than 40 levels (21 lists)', (doc) => appendNestedLists(doc, 'goals', 21)],
];

describe('[issue 14.3] the document shape guard', () => {
  it.each(hostile.map(([name, change]) => ({ name, change })))('refuses $name with 1007, nothing applied, stored or broadcast', async ({ change }) => {
    const personaId = await createPersona(t);
    const a = pool.connect(t, personaId, t.editorToken);
    const b = pool.connect(t, personaId, t.salesToken);
    await Promise.all([a.synced(), b.synced()]);
    const attacker = openRawSocket(collabUrl(t, personaId, t.editorToken));
    await attacker.opened;
    const bad = updateOn(Y.encodeStateAsUpdate(a.doc), change);
    const attackerClient = Y.decodeUpdate(bad).structs[0]?.id.client;
    attacker.ws.send(syncUpdateFrame(bad), { binary: true });
    expect((await attacker.closed).code).toBe(1007);

    appendParagraph(a.doc, 'pains', 'after the attack');
    await vi.waitFor(() => expect(sectionText(b.doc, 'pains')).toBe('after the attack'));
    await vi.waitFor(async () => expect(sectionText((await readStoredDoc(t.dataDir, personaId)).doc, 'pains')).toBe('after the attack'));
    // Nothing of the refused update was applied, broadcast or stored.
    const stored = (await readStoredDoc(t.dataDir, personaId)).doc;
    for (const doc of [a.doc, b.doc, stored]) {
      expect(Y.decodeStateVector(Y.encodeStateVector(doc)).has(attackerClient ?? -1)).toBe(false);
      expect(getSection(doc, 'goals').length).toBe(0);
    }
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
  });

  it('refuses nesting that goes past 40 levels inside content already there, and accepts it up to the limit', async () => {
    const personaId = await createPersona(t);
    const a = pool.connect(t, personaId, t.editorToken);
    await a.synced();
    // 19 lists: the deepest paragraph's text is 40 levels down, as deep as the schema allows.
    appendNestedLists(a.doc, 'goals', 19);
    await vi.waitFor(async () => expect(sectionText((await readStoredDoc(t.dataDir, personaId)).doc, 'goals')).toContain('level 19'));
    const attacker = openRawSocket(collabUrl(t, personaId, t.editorToken));
    await attacker.opened;
    const deeper = updateOn(Y.encodeStateAsUpdate(a.doc), (doc) => {
      let item: Y.XmlElement | null = null;
      for (let node: Y.XmlFragment = getSection(doc, 'goals'); ; ) {
        const next = node.toArray().find((child): child is Y.XmlElement => child instanceof Y.XmlElement && child.nodeName !== 'paragraph');
        if (!next) break;
        if (next.nodeName === 'listItem') item = next;
        node = next;
      }
      // A 20th list in the deepest item: its item's paragraph would be 41 levels down.
      const list = new Y.XmlElement('bulletList');
      const listItem = new Y.XmlElement('listItem');
      item?.insert(item.length, [list]);
      list.insert(0, [listItem]);
      listItem.insert(0, [new Y.XmlElement('paragraph')]);
    });
    attacker.ws.send(syncUpdateFrame(deeper), { binary: true });
    expect((await attacker.closed).code).toBe(1007);
    expect(a.provider.wsconnected).toBe(true);
  });

  it('lets honest edits of every root through: sections, profile, evidence, threads, sign-offs, targets', async () => {
    const personaId = await createPersona(t);
    const a = pool.connect(t, personaId, t.editorToken);
    const b = pool.connect(t, personaId, t.salesToken);
    await Promise.all([a.synced(), b.synced()]);
    a.doc.transact(() => {
      appendParagraph(a.doc, 'summary', 'hello');
      getProfile(a.doc).set('name', 'Ana');
      getEvidence(a.doc).push([new Y.Map<unknown>([['id', 'e1'], ['text', 'x']])]);
      getComments(a.doc).push([new Y.Map<unknown>([['id', 't1'], ['replies', Y.Array.from([new Y.Map<unknown>([['id', 'r1']])])]])]);
      getSignoff(a.doc).set('summary:marketing', new Y.Map<unknown>([['by', 'Mara']]));
      getSignoff(a.doc).set('target:t-1:marketing', new Y.Map<unknown>([['by', 'Mara']]));
      getTargets(a.doc).push([new Y.Map<unknown>([['id', 't-1'], ['value', 3]])]);
    });
    await vi.waitFor(() => expect(getTargets(b.doc).length).toBe(1));
    // Typing in the middle of existing text, and formatting it.
    appendParagraph(a.doc, 'summary', 'world');
    const text = getSection(a.doc, 'summary').get(0) as Y.XmlElement;
    (text.get(0) as Y.XmlText).insert(2, 'XY');
    (text.get(0) as Y.XmlText).format(0, 3, { bold: {} });
    await vi.waitFor(() => expect(sectionText(b.doc, 'summary')).toBe(sectionText(a.doc, 'summary')));
    expect(sectionText(b.doc, 'summary')).toContain('heXYllo');
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
  });
});
