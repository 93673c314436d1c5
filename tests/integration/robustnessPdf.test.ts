// Issue 14 items 1 and 2 through the real server: a hostile persona neither stalls nor breaks PDF
// export, publishing or the library, and a busy or failing renderer answers 503 with Retry-After.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getProfile } from '../../shared/persona/schema.ts';
import { richTextToPlainText } from '../../shared/persona/plainText.ts';
import { appendNestedLists, storeBehindTheServer } from '../helpers/hostile.ts';
import { apiCalls, createPersona, expectApiError } from '../helpers/http.ts';
import { recordingLogger, removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';
import type { TestServerOptions } from '../helpers/server.ts';

let t: TestServer | null = null;
const server = (): TestServer => {
  if (!t) throw new Error('no server');
  return t;
};
const { api, postJson } = apiCalls(server);
afterEach(async () => {
  if (!t) return;
  await t.close();
  removeDataDir(t.dataDir);
  t = null;
});

async function start(options: TestServerOptions = {}): Promise<TestServer> {
  t = await startTestServer({}, undefined, options);
  return t;
}

async function expectPdf(response: Response): Promise<void> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
}

describe('[issue 14.2] a persona nested 2,000 lists deep', () => {
  it('publishes, reads in the library and prints, and every other PDF keeps working', async () => {
    const first = await start();
    const hostile = await createPersona(first, { name: 'Deep' });
    const normal = await createPersona(first, { name: 'Normal' });
    // Written before any limit existed: stored as it is, behind the server's back.
    const doc = new Y.Doc();
    appendNestedLists(doc, 'goals', 2_000);
    getProfile(doc).set('location', 'x'.repeat(1_000_000));
    await first.close();
    await storeBehindTheServer(first.dataDir, hostile, Y.encodeStateAsUpdate(doc));
    t = await first.restart();

    await expectPdf(await api(`/api/personas/${hostile}/export.pdf`));
    expect((await postJson(`/api/personas/${hostile}/publish`, { note: 'deep' })).status).toBe(201);
    const published = await api(`/api/library/${hostile}`);
    expect(published.status).toBe(200);
    const body = (await published.json()) as { sections: { goals: Parameters<typeof richTextToPlainText>[0] } };
    expect(richTextToPlainText(body.sections.goals)).toContain('level 2000');
    await expectPdf(await api(`/api/library/${hostile}/export.pdf`));
    await expectPdf(await api(`/api/personas/${normal}/export.pdf`));
  });
});

describe('[issue 14.1] PDF limits over HTTP', () => {
  it('answers 503 with Retry-After when a render runs out of time, and does not render it again at once', async () => {
    // One worker: its first render has time to load the renderer, the next ones 1 ms.
    const s = await start({ pdf: { timeoutMs: 1, workers: 1 } });
    const id = await createPersona(s, { name: 'Slow' });
    await expectPdf(await api(`/api/personas/${await createPersona(s, { name: 'Warm' })}/export.pdf`));
    const first = await api(`/api/personas/${id}/export.pdf`);
    expect(await expectApiError(first, 503, 'unavailable')).toMatch(/longer than .*try again in \d+ s/);
    expect(Number(first.headers.get('retry-after'))).toBeGreaterThan(0);
    const again = await api(`/api/personas/${id}/export.pdf`);
    expect(await expectApiError(again, 503, 'unavailable')).toMatch(/longer than/);
    expect(Number(again.headers.get('retry-after'))).toBeLessThanOrEqual(30);
  });

  it('refuses a draft that just failed again without reading its document', async () => {
    const recording = recordingLogger();
    const s = await start({ pdf: { timeoutMs: 1, workers: 1 }, logger: recording.logger });
    const id = await createPersona(s, { name: 'Slow' });
    await expectPdf(await api(`/api/personas/${await createPersona(s, { name: 'Warm' })}/export.pdf`));
    await expectApiError(await api(`/api/personas/${id}/export.pdf`), 503, 'unavailable');
    await expectApiError(await api(`/api/personas/${id}/export.pdf`), 503, 'unavailable');
    const reads = recording.entries.filter((entry) => entry.msg === 'draft read for its PDF' && entry.personaId === id);
    expect(reads).toHaveLength(1);
  });

  it('answers 503 with Retry-After when the queue is full', async () => {
    const s = await start({ pdf: { workers: 1, maxQueue: 1 } });
    const ids = await Promise.all(['A', 'B', 'C'].map((name) => createPersona(s, { name })));
    const responses = await Promise.all(ids.map((id) => api(`/api/personas/${id}/export.pdf`)));
    const refused = responses.filter((response) => response.status === 503);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const response of refused) {
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      await expectApiError(response, 503, 'unavailable');
    }
    for (const response of responses.filter((r) => r.status !== 503)) await expectPdf(response);
  });
});
