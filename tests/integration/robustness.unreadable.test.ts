// Issue 14, item 4: one bad stored row never takes the server down.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { CloseCodes } from '../../shared/protocol.ts';
import { DATABASE_FILE } from '../../server/server.ts';
import { collabUrl, openRawSocket, syncStep1Frame } from '../helpers/clients.ts';
import { useCollabFixture } from '../helpers/fixture.ts';
import { createPersona } from '../helpers/http.ts';
import { appendParagraph, sectionText } from '../helpers/persona.ts';
import type { TestServer } from '../helpers/server.ts';

const { pool, start, restart, track } = useCollabFixture();

/** Replaces a persona's stored state behind the server's back, as a bad disk or a bad restore would. */
function spoilStoredState(t: TestServer, personaId: string, spoil: (state: Buffer) => Buffer): void {
  const db = new Database(join(t.dataDir, DATABASE_FILE));
  try {
    const row = db.prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE persona_id = ? ORDER BY seq').get(personaId);
    if (!row) throw new Error(`persona ${personaId} has no stored state`);
    db.prepare('UPDATE updates SET data = ? WHERE persona_id = ?').run(spoil(row.data), personaId);
  } finally {
    db.close();
  }
}

const garbage = () => Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 97 + 13) % 256));
const truncated = (state: Buffer) => state.subarray(0, Math.floor(state.length / 2));

/** An honest editor still reads and writes another persona on the same server. */
async function othersStillServed(t: TestServer, otherId: string): Promise<void> {
  const a = pool.connect(t, otherId, t.editorToken);
  const b = pool.connect(t, otherId, t.salesToken);
  await Promise.all([a.synced(), b.synced()]);
  appendParagraph(a.doc, 'goals', 'still here');
  await vi.waitFor(() => expect(sectionText(b.doc, 'goals')).toContain('still here'));
  expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
}

/** Opens the persona as an editor does (sync step 1 after the upgrade) and returns the close code. */
async function closeCodeOpening(t: TestServer, personaId: string): Promise<number> {
  const socket = openRawSocket(collabUrl(t, personaId, t.editorToken));
  track(socket.ws);
  await socket.opened;
  socket.ws.send(syncStep1Frame());
  return (await socket.closed).code;
}

describe('issue 14 item 4: a persona whose stored state cannot be read', () => {
  it.each([
    ['garbage', () => garbage()],
    ['a truncated state', truncated],
  ])('is refused with 4503 when its stored state is %s; the server keeps serving the others, also after a restart', async (_name, spoil) => {
    let t = await start();
    const bad = await createPersona(t, { template: 'b2b' });
    const other = await createPersona(t, { template: 'b2b' });
    spoilStoredState(t, bad, spoil);

    expect(await closeCodeOpening(t, bad)).toBe(CloseCodes.Unreadable.code);
    // A stock provider too, twice: each attempt is refused the same way, nothing crashes.
    const client = pool.connect(t, bad, t.editorToken);
    await vi.waitFor(() => expect(client.closes.map((c) => c.code)).toContain(CloseCodes.Unreadable.code));
    client.provider.destroy();
    expect(await closeCodeOpening(t, bad)).toBe(CloseCodes.Unreadable.code);
    await othersStillServed(t, other);

    // No crash loop: a restart starts and serves as before.
    t = await restart(t);
    await othersStillServed(t, other);
    expect(await closeCodeOpening(t, bad)).toBe(CloseCodes.Unreadable.code);
  });
});
