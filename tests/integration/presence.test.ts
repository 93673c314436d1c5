import * as encoding from 'lib0/encoding';
import { describe, expect, it, vi } from 'vitest';
import { MessageType } from '../../shared/protocol.ts';
import { collabUrl, openRawSocket, type TestClient } from '../helpers/clients.ts';
import { useCollabFixture } from '../helpers/fixture.ts';

const { pool, start, track } = useCollabFixture();

const namesSeenBy = (client: TestClient) =>
  [...client.provider.awareness.getStates().values()]
    .map((state) => (state['user'] as { name?: string } | undefined)?.name)
    .filter(Boolean)
    .sort();

/** An awareness message in y-protocols' encoding, for any client id the sender likes. */
const awarenessFrame = (clientId: number, clock: number, state: unknown) => {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, clock);
  encoding.writeVarString(update, JSON.stringify(state));
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, MessageType.awareness);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return encoding.toUint8Array(message);
};

describe('presence', () => {
  it('shows every participant to every other, and drops one as soon as it disconnects', async () => {
    const t = await start();
    const ana = pool.connect(t, 'room', t.editorToken);
    const ben = pool.connect(t, 'room', t.editorToken);
    const cleo = pool.connect(t, 'room', t.viewerToken);
    await Promise.all([ana.synced(), ben.synced(), cleo.synced()]);
    ana.provider.awareness.setLocalStateField('user', { name: 'Ana', side: 'marketing', color: '#e4572e' });
    ben.provider.awareness.setLocalStateField('user', { name: 'Ben', side: 'sales', color: '#2e86ab' });
    cleo.provider.awareness.setLocalStateField('user', { name: 'Cleo', side: 'sales', color: '#3bb273' });
    await vi.waitFor(() => {
      for (const c of [ana, ben, cleo]) expect(namesSeenBy(c)).toEqual(['Ana', 'Ben', 'Cleo']);
    });

    // Closed without saying goodbye: the server removes its presence for the others.
    (ben.provider.ws as unknown as { terminate(): void } | null)?.terminate();
    ben.provider.shouldConnect = false;
    await vi.waitFor(() => expect(namesSeenBy(ana)).toEqual(['Ana', 'Cleo']));
  });

  it('ignores a connection that tries to overwrite or remove another participant\'s presence', async () => {
    const t = await start();
    const ana = pool.connect(t, 'room', t.editorToken);
    const ben = pool.connect(t, 'room', t.editorToken);
    await Promise.all([ana.synced(), ben.synced()]);
    ana.provider.awareness.setLocalStateField('user', { name: 'Ana', side: 'marketing', color: '#e4572e' });
    await vi.waitFor(() => expect(namesSeenBy(ben)).toEqual(['Ana']));

    const spoofer = openRawSocket(collabUrl(t, 'room', t.editorToken));
    await spoofer.opened;
    track(spoofer.ws);
    const anaId = ana.doc.clientID;
    spoofer.ws.send(awarenessFrame(anaId, 10_000, { user: { name: 'Impostor', side: 'sales', color: '#000' } }));
    spoofer.ws.send(awarenessFrame(anaId, 10_001, null));
    // Its own presence goes through, which shows the server has read the frames above.
    spoofer.ws.send(awarenessFrame(424242, 1, { user: { name: 'Spoofer', side: 'sales', color: '#000' } }));
    await vi.waitFor(() => expect(namesSeenBy(ben)).toEqual(['Ana', 'Spoofer']));
  });

  it('closes a connection that sends presence faster than its budget with 4429', async () => {
    const t = await start({}, undefined, {
      overrides: {
        rateLimits: { messagesBurst: 50_000, messagesPerSecond: 5_000, awarenessBurst: 20, awarenessPerSecond: 1 },
      },
    });
    const chatty = openRawSocket(collabUrl(t, 'room', t.editorToken));
    await chatty.opened;
    track(chatty.ws);
    for (let clock = 1; clock <= 100; clock++) chatty.ws.send(awarenessFrame(777, clock, { user: { name: 'Chatty' } }));
    expect((await chatty.closed).code).toBe(4429);
  });
});
