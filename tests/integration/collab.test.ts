import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { openConfiguredStorage } from '../../server/server.ts';
import { getEvidence, getProfile, SECTION_KEYS } from '../../shared/persona/schema.ts';
import { evidenceToYjs } from '../../shared/persona/converters.ts';
import { readPersona } from '../../shared/persona/readPersona.ts';
import { CloseCodes, MessageType, SyncMessageType } from '../../shared/protocol.ts';
import { collabUrl, openRawSocket, syncUpdateFrame } from '../helpers/clients.ts';
import { useCollabFixture } from '../helpers/fixture.ts';
import { createPersona } from '../helpers/http.ts';
import { appendParagraph, sectionText } from '../helpers/persona.ts';
import { openStoredData, readStoredDoc, storedDoc } from '../helpers/store.ts';

const { pool, start, restart, track } = useCollabFixture();

const evidence = (id: string, side: 'marketing' | 'sales') =>
  evidenceToYjs({
    id,
    side,
    kind: side === 'marketing' ? 'metric' : 'quote',
    text: `${side} finding ${id}`,
    source: side === 'marketing' ? 'GA4, Q3' : 'Call with Acme',
    section: 'pains',
    author: side === 'marketing' ? 'Marta' : 'Sergio',
    createdAt: '2026-11-24T10:00:00.000Z',
  });

describe('co-editing through the server', () => {
  it('two editors co-edit a persona and see it again after a restart', async () => {
    let t = await start();
    const id = await createPersona(t);
    const marketing = pool.connect(t, id, t.editorToken);
    const sales = pool.connect(t, id, t.salesToken);
    await Promise.all([marketing.synced(), sales.synced()]);

    getProfile(marketing.doc).set('name', 'Olga, Head of Operations');
    appendParagraph(marketing.doc, 'pains', 'Manual reporting eats two days a month');
    getEvidence(marketing.doc).push([evidence('m1', 'marketing')]);
    appendParagraph(sales.doc, 'objections', '«¿Y la integración con SAP?»');
    getEvidence(sales.doc).push([evidence('s1', 'sales')]);

    await vi.waitFor(() => {
      expect(readPersona(sales.doc)).toEqual(readPersona(marketing.doc));
      expect(readPersona(sales.doc).evidence).toHaveLength(2);
    });
    const expected = readPersona(marketing.doc);

    t = await restart(t);
    const later = pool.connect(t, id, t.editorToken);
    await later.synced();
    expect(readPersona(later.doc)).toEqual(expected);
    expect(sectionText(later.doc, 'objections')).toContain('¿Y la integración con SAP?');
  });
});

describe('S2 viewers never receive a draft', () => {
  it('[S2] a viewer is closed with 4403 before any of the draft reaches it, and what it sends is never applied, stored or broadcast', async () => {
    const t = await start();
    const id = await createPersona(t, { name: 'Draft name' });
    const editor = pool.connect(t, id, t.editorToken);
    await editor.synced();
    getProfile(editor.doc).set('role', 'CFO');
    await vi.waitFor(async () => expect(getProfile((await readStoredDoc(t.dataDir, id)).doc).get('role')).toBe('CFO'));

    // The stock provider, with changes of its own: closed at once, every time it tries.
    const viewer = pool.connect(t, id, t.viewerToken);
    getProfile(viewer.doc).set('name', 'Vandalised');
    appendParagraph(viewer.doc, 'summary', 'viewer text');
    await vi.waitFor(() => expect(viewer.closes.map((c) => c.code)).toContain(CloseCodes.Forbidden.code));
    // A raw socket that sends an update the moment it opens.
    const raw = openRawSocket(collabUrl(t, id, t.viewerToken));
    track(raw.ws);
    await raw.opened;
    raw.ws.send(syncUpdateFrame(Y.encodeStateAsUpdate(viewer.doc)));
    expect((await raw.closed).code).toBe(CloseCodes.Forbidden.code);
    await expect(raw.firstMessage).rejects.toThrow(/before any message/);

    expect(viewer.provider.synced).toBe(false);
    expect(getProfile(viewer.doc).get('role')).toBeUndefined();
    // Neither the live document, nor the store, nor a fresh editor has any of it.
    const fresh = pool.connect(t, id, t.salesToken);
    await fresh.synced();
    for (const doc of [editor.doc, fresh.doc, (await readStoredDoc(t.dataDir, id)).doc]) {
      expect(getProfile(doc).get('name')).toBe('Draft name');
      expect(sectionText(doc, 'summary')).toBe('');
    }
  });
});

describe('S3 the server loads first and writes templates', () => {
  it('[S3] all stored content is present at the client\'s synced event after a restart', async () => {
    let t = await start();
    const id = await createPersona(t);
    const writer = pool.connect(t, id, t.editorToken);
    await writer.synced();
    for (let i = 0; i < 200; i++) appendParagraph(writer.doc, 'goals', `goal ${i}`);
    await vi.waitFor(async () => expect(sectionText((await readStoredDoc(t.dataDir, id)).doc, 'goals')).toContain('goal 199'));
    t = await restart(t);

    const reader = pool.connect(t, id, t.editorToken);
    const atSynced = await new Promise<string>((resolve) => {
      reader.provider.on('sync', (synced: boolean) => {
        if (synced) resolve(sectionText(reader.doc, 'goals'));
      });
    });
    expect(atSynced.split('\n')).toHaveLength(200);
  });

  it('[S3] a persona loaded from its compacted state serves fresh and returning clients, and takes edits at once', async () => {
    let t = await start();
    const id = await createPersona(t);
    const first = pool.connect(t, id, t.editorToken);
    await first.synced();
    for (let i = 0; i < 20; i++) appendParagraph(first.doc, 'pains', `pain ${i}`);
    const keep = new Y.Doc();
    Y.applyUpdate(keep, Y.encodeStateAsUpdate(first.doc));
    await vi.waitFor(async () => expect(sectionText((await readStoredDoc(t.dataDir, id)).doc, 'pains')).toContain('pain 19'));
    t = await restart(t);
    expect((await readStoredDoc(t.dataDir, id)).logLength).toBe(1);

    // Two fresh editors with nothing, and a returning editor (the same member) with its own copy plus an offline edit.
    const other = pool.connect(t, id, t.salesToken);
    const fresh = pool.connect(t, id, t.editorToken);
    appendParagraph(keep, 'pains', 'written offline');
    const returning = pool.connect(t, id, t.editorToken, keep);
    await Promise.all([other.synced(), fresh.synced(), returning.synced()]);
    appendParagraph(fresh.doc, 'goals', 'first edit after the reload');
    await vi.waitFor(() => {
      for (const c of [other, fresh, returning]) {
        expect(sectionText(c.doc, 'pains')).toContain('written offline');
        expect(sectionText(c.doc, 'pains').split('\n')).toHaveLength(21);
        expect(sectionText(c.doc, 'goals')).toBe('first edit after the reload');
      }
    });
  });

  it('[S3] a peer that never asks to sync still gets the server\'s sync step 1 from a lazily built persona', async () => {
    let t = await start();
    const id = await createPersona(t);
    const first = pool.connect(t, id, t.editorToken);
    await first.synced();
    appendParagraph(first.doc, 'summary', 'stored before the restart');
    await vi.waitFor(async () => expect((await readStoredDoc(t.dataDir, id)).logLength).toBeGreaterThan(1));
    t = await restart(t);

    const quiet = openRawSocket(collabUrl(t, id, t.editorToken));
    track(quiet.ws);
    const firstMessage = await new Promise<Uint8Array>((resolve) => quiet.ws.once('message', (data: Buffer) => resolve(data)));
    // messageSync (0), then syncStep1 (0): the server asks for what this peer has.
    expect([...firstMessage.slice(0, 2)]).toEqual([MessageType.sync, SyncMessageType.step1]);
  });

  it('[S3] a template is written once on the server: clients opening it together see it once', async () => {
    const t = await start();
    const created = await fetch(`${t.url}/api/personas`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.editorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ template: 'b2b', name: 'Iñaki, Procurement lead' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const clients = [0, 1, 2].map(() => pool.connect(t, id, t.editorToken));
    await Promise.all(clients.map((c) => c.synced()));
    const stored = (await readStoredDoc(t.dataDir, id)).doc;
    // The template writes its profile only (its prompts are guidance, issue 13): once, the same for all.
    expect(getProfile(stored).toJSON()).toMatchObject({ name: 'Iñaki, Procurement lead', avatar: '💼' });
    for (const c of clients) {
      expect(getProfile(c.doc).toJSON()).toEqual(getProfile(stored).toJSON());
      for (const key of SECTION_KEYS) expect(sectionText(c.doc, key)).toBe('');
    }
  });
});

describe('S5 durable before broadcast', () => {
  it('[S5] every update another client receives is already in storage', async () => {
    const t = await start();
    const id = await createPersona(t);
    const writer = pool.connect(t, id, t.editorToken);
    const watcher = pool.connect(t, id, t.editorToken);
    await Promise.all([writer.synced(), watcher.synced()]);
    const reader = await openStoredData(t.dataDir);

    const checks: Promise<string[]>[] = [];
    try {
      watcher.doc.on('update', () => {
        // At the moment the update arrives, a second storage connection must already see it:
        // the read is issued here, so it reads what is stored now.
        const seen = getEvidence(watcher.doc).toArray().map((m) => m.get('id') as string);
        const read = storedDoc(reader, id);
        checks.push(
          read.then(({ doc }) => {
            const stored = new Set(getEvidence(doc).toArray().map((m) => m.get('id')));
            return seen.filter((id) => !stored.has(id));
          }),
        );
      });
      for (let i = 0; i < 50; i++) getEvidence(writer.doc).push([evidence(`e${i}`, i % 2 ? 'sales' : 'marketing')]);
      await vi.waitFor(() => expect(getEvidence(watcher.doc).length).toBe(50));
      expect(checks.length).toBeGreaterThan(0);
      expect((await Promise.all(checks)).flat()).toEqual([]);
    } finally {
      await reader.close();
    }
  });

  it('[S5] a failing store delays the broadcast until the write succeeds, and loses nothing', async () => {
    let failures = 0;
    const seenWhileFailing: unknown[] = [];
    let watch: () => unknown = () => undefined;
    const t = await start({}, undefined, {
      openStorage: async (config) => {
        const storage = await openConfiguredStorage(config);
        const append: typeof storage.log.append = (updates) => {
          if (failures > 0) {
            failures -= 1;
            seenWhileFailing.push(watch());
            return Promise.reject(new Error('disk full'));
          }
          return storage.log.append(updates);
        };
        return { ...storage, log: { ...storage.log, append } };
      },
    });
    const id = await createPersona(t);
    const writer = pool.connect(t, id, t.editorToken);
    const watcher = pool.connect(t, id, t.editorToken);
    await Promise.all([writer.synced(), watcher.synced()]);
    watch = () => getProfile(watcher.doc).get('name');

    failures = 3;
    getProfile(writer.doc).set('name', 'Survives a bad disk');
    await vi.waitFor(() => expect(failures).toBe(0));
    await vi.waitFor(() => expect(getProfile(watcher.doc).get('name')).toBe('Survives a bad disk'));
    expect(getProfile((await readStoredDoc(t.dataDir, id)).doc).get('name')).toBe('Survives a bad disk');
    // Nothing reached the other client while the store was failing.
    expect(seenWhileFailing).toHaveLength(3);
    expect(seenWhileFailing).not.toContain('Survives a bad disk');
  });
});
