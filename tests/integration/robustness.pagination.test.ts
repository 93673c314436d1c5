// Issue 14, item 7: GET /api/personas comes in pages (?limit= default 100, at most 500; &cursor=).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersona, expectApiError } from '../helpers/http.ts';
import { removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  for (let i = 0; i < 103; i++) await createPersona(t, { name: `Persona ${i}` });
});
afterAll(async () => {
  await t.close();
  removeDataDir(t.dataDir);
});

interface Page {
  personas: { id: string; name: string; updatedAt: string }[];
  nextCursor: string | null;
}

async function list(query = ''): Promise<Response> {
  return fetch(`${t.url}/api/personas${query}`, { headers: { authorization: `Bearer ${t.editorToken}` } });
}

describe('issue 14 item 7: the persona list in pages', () => {
  it('answers 100 by default with a cursor to the rest; following the cursors lists every persona once, newest change first', async () => {
    const first = (await (await list()).json()) as Page;
    expect(first.personas).toHaveLength(100);
    expect(first.nextCursor).toEqual(expect.any(String));
    const seen = [...first.personas];
    let cursor = first.nextCursor;
    while (cursor !== null) {
      const page = (await (await list(`?limit=40&cursor=${encodeURIComponent(cursor)}`)).json()) as Page;
      seen.push(...page.personas);
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(103);
    expect(new Set(seen.map((p) => p.id)).size).toBe(103);
    const times = seen.map((p) => p.updatedAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('pages of any size up to 500 end with nextCursor null', async () => {
    const whole = (await (await list('?limit=500')).json()) as Page;
    expect(whole.personas).toHaveLength(103);
    expect(whole.nextCursor).toBeNull();
    const small = (await (await list('?limit=7')).json()) as Page;
    expect(small.personas.map((p) => p.id)).toEqual(whole.personas.slice(0, 7).map((p) => p.id));
  });

  it('refuses a limit out of range and a cursor it never gave out with 400', async () => {
    await expectApiError(await list('?limit=501'), 400, 'bad_request');
    await expectApiError(await list('?limit=0'), 400, 'bad_request');
    await expectApiError(await list('?cursor=not-a-cursor'), 400, 'bad_request');
  });
});
