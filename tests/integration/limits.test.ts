import { describe, expect, it, vi } from 'vitest';
import { getProfile } from '../../shared/persona/schema.ts';
import { CloseCodes } from '../../shared/protocol.ts';
import { DEFAULT_RATE_LIMITS, loadConfig } from '../../server/config.ts';
import { collabUrl, openRawSocket } from '../helpers/clients.ts';
import { useCollabFixture } from '../helpers/fixture.ts';
import { createPersona } from '../helpers/http.ts';
import { appendParagraph, sectionText } from '../helpers/persona.ts';
import { metricValue } from '../helpers/store.ts';
import * as Y from 'yjs';

const { pool, start, track } = useCollabFixture();

describe('S7 limits', () => {
  it('[S7] a client that stops reading is disconnected once its send backlog passes MAX_BUFFERED_BYTES', async () => {
    const t = await start({ MAX_BUFFERED_BYTES: String(256 * 1024) });
    const id = await createPersona(t);
    const writer = pool.connect(t, id, t.editorToken);
    await writer.synced();
    const slow = openRawSocket(collabUrl(t, id, t.salesToken));
    await slow.opened;
    track(slow.ws);
    // Stop reading from the socket: the kernel buffers fill, then the server's own backlog grows.
    slow.ws.pause();

    // Far more than loopback's kernel buffers hold (a few MiB each way).
    const chunk = 'x'.repeat(32 * 1024);
    for (let i = 0; i < 1_000; i++) appendParagraph(writer.doc, 'messaging', `${i} ${chunk}`);
    await vi.waitFor(
      () => expect(metricValue(t.url, 'tandem_disconnects_total{reason="slow_client"}')).resolves.toBe(1),
      { timeout: 20_000 },
    );
    // The writer was never affected, and a reader whose first sync is far larger than the
    // backlog limit still loads (regression: it was once cut off as a slow client).
    expect(writer.provider.wsconnected).toBe(true);
    // Every paragraph is stored before the reader comes, so its first sync carries all of them
    // (a thousand paragraphs and the server's record of the writer's client id, SPEC §6).
    await vi.waitFor(() => expect(metricValue(t.url, 'tandem_updates_total')).resolves.toBe(1_001), { timeout: 20_000 });
    const reader = pool.connect(t, id, t.editorToken);
    await vi.waitFor(
      () => {
        expect(reader.closes).toEqual([]);
        expect(sectionText(reader.doc, 'messaging').split('\n')).toHaveLength(1_000);
      },
      { timeout: 10_000 },
    );
  });

  it('[S7] honest heavy use passes: 200 connections from one address fit a limit of 200, the 201st is closed with 4429', async () => {
    const honest = 200;
    expect(loadConfig({}).maxConnectionsPerAddress).toBeGreaterThanOrEqual(honest);
    const t = await start({ MAX_CONNECTIONS_PER_ADDRESS: String(honest) });
    // Spread over several personas: the limit counts the address, not the room.
    const rooms = await Promise.all(Array.from({ length: 20 }, () => createPersona(t)));
    const clients = Array.from({ length: honest }, (_, i) => pool.connect(t, rooms[i % rooms.length] ?? '', t.editorToken));
    await Promise.all(clients.map((c) => c.synced()));
    expect(await metricValue(t.url, 'tandem_connections{role="editor"}')).toBe(honest);
    expect(clients.every((c) => c.closes.length === 0)).toBe(true);
    // Let in, an editor's socket would be asked for sync step 1; refused, it is closed first.
    const extra = openRawSocket(collabUrl(t, rooms[0] ?? '', t.editorToken));
    track(extra.ws);
    await expect(extra.firstMessage).rejects.toThrow(`closed with ${CloseCodes.RateLimited.code}`);
  });

  it('[S7] connections beyond MAX_CONNECTIONS_PER_ADDRESS are closed with 4429', async () => {
    const t = await start({ MAX_CONNECTIONS_PER_ADDRESS: '5' });
    const id = await createPersona(t);
    const open = Array.from({ length: 5 }, () => openRawSocket(collabUrl(t, id, t.editorToken)));
    await Promise.all(open.map((s) => s.opened));
    open.forEach((s) => track(s.ws));
    const extra = openRawSocket(collabUrl(t, id, t.editorToken));
    expect((await extra.closed).code).toBe(CloseCodes.RateLimited.code);
  });

  it('[S7] honest heavy use passes: a burst of 20,000 small updates on one connection fits a budget just that big', async () => {
    // y-websocket's own messages on connecting (sync step 1, its awareness, sync step 2), with a little room.
    const budget = 20_000 + 10;
    expect(DEFAULT_RATE_LIMITS.messagesBurst).toBeGreaterThanOrEqual(budget);
    // No refill: only the burst counts.
    const t = await start({}, undefined, {
      overrides: { rateLimits: { ...DEFAULT_RATE_LIMITS, messagesBurst: budget, messagesPerSecond: 0 } },
    });
    const id = await createPersona(t);
    const writer = pool.connect(t, id, t.editorToken);
    const watcher = pool.connect(t, id, t.salesToken);
    await Promise.all([writer.synced(), watcher.synced()]);
    // A known root: the server refuses unknown ones (issue 14, shape guard).
    const counter = getProfile(writer.doc);
    for (let i = 0; i < 20_000; i++) counter.set('segment', String(i));
    await vi.waitFor(() => expect(getProfile(watcher.doc).get('segment')).toBe('19999'), { timeout: 20_000 });
    expect(writer.closes).toEqual([]);
    // The burst, and the server's record of the writer's client id (SPEC §6).
    expect(await metricValue(t.url, 'tandem_updates_total')).toBe(20_001);
    // The budget was live: a few more messages than it leaves are refused.
    for (let i = 0; i < 20; i++) counter.set('segment', String(20_000 + i));
    await vi.waitFor(() => expect(writer.closes.map((c) => c.code)).toContain(CloseCodes.RateLimited.code));
  });

  it('[S7] honest heavy use passes: 2,000 updates across a server, because each connection has its own budget', async () => {
    const perWriter = 100;
    // Even on one connection, 2,000 updates a second stay within the default refill.
    expect(DEFAULT_RATE_LIMITS.messagesPerSecond).toBeGreaterThanOrEqual(2_000);
    // Each connection may send its own updates and its few connecting messages, no more.
    const t = await start({}, undefined, {
      overrides: { rateLimits: { ...DEFAULT_RATE_LIMITS, messagesBurst: perWriter + 10, messagesPerSecond: 0 } },
    });
    const rooms = await Promise.all(Array.from({ length: 4 }, () => createPersona(t)));
    const writers = Array.from({ length: 20 }, (_, i) => pool.connect(t, rooms[i % rooms.length] ?? '', t.editorToken));
    await Promise.all(writers.map((w) => w.synced()));
    // 20 writers × 100 updates, interleaved.
    for (let round = 0; round < perWriter; round++) {
      writers.forEach((w, i) => getProfile(w.doc).set(`w${i}`, String(round)));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    // Each writer's updates, and the server's record of each writer's client id (SPEC §6).
    await vi.waitFor(async () => expect(await metricValue(t.url, 'tandem_updates_total')).toBe(2_000 + writers.length));
    expect(writers.every((w) => w.closes.length === 0)).toBe(true);
  });

  it('[S7] a connection over its message budget is closed with 4429', async () => {
    const t = await start({}, undefined, {
      overrides: { rateLimits: { ...DEFAULT_RATE_LIMITS, messagesBurst: 50, messagesPerSecond: 1 } },
    });
    const id = await createPersona(t);
    const flooder = pool.connect(t, id, t.editorToken);
    const calm = pool.connect(t, id, t.salesToken);
    await Promise.all([flooder.synced(), calm.synced()]);
    for (let i = 0; i < 200; i++) getProfile(flooder.doc).set('segment', String(i));
    await vi.waitFor(() => expect(flooder.closes.map((c) => c.code)).toContain(CloseCodes.RateLimited.code));
    getProfile(calm.doc).set('role', 'calm');
    const check = new Y.Doc();
    pool.connect(t, id, t.editorToken, check);
    await vi.waitFor(() => expect(getProfile(check).get('role')).toBe('calm'));
  });
});
