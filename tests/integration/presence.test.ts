import * as encoding from 'lib0/encoding';
import { describe, expect, it, vi } from 'vitest';
import { memberColor, presenceUserOf } from '../../shared/presence.ts';
import { MessageType } from '../../shared/protocol.ts';
import { collabUrl, openRawSocket, type TestClient } from '../helpers/clients.ts';
import { useCollabFixture } from '../helpers/fixture.ts';
import { createPersona } from '../helpers/http.ts';

const { pool, start, track } = useCollabFixture();

const usersSeenBy = (client: TestClient) =>
  [...client.provider.awareness.getStates().values()]
    .map((state) => state['user'])
    .filter(Boolean)
    .sort((a, b) => String((a as { name?: string }).name).localeCompare(String((b as { name?: string }).name)));

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
  it('[§6] shows every participant to every other as the member the server knows, and drops one as soon as it disconnects', async () => {
    const t = await start();
    const id = await createPersona(t);
    const { marketing, sales, admin } = t.people;
    const mara = pool.connect(t, id, marketing.token);
    const sam = pool.connect(t, id, sales.token);
    const boss = pool.connect(t, id, admin.token);
    await Promise.all([mara.synced(), sam.synced(), boss.synced()]);
    for (const [client, person] of [[mara, marketing], [sam, sales], [boss, admin]] as const) {
      client.provider.awareness.setLocalStateField('user', presenceUserOf(person.member));
    }
    // Each member as the server knows them: name, team as the side (admins of team other too), colour of that team.
    const everyone = [
      { name: 'Admin', side: 'other', color: memberColor(admin.member.id, 'other') },
      { name: 'Mara Marketing', side: 'marketing', color: memberColor(marketing.member.id, 'marketing') },
      { name: 'Sam Sales', side: 'sales', color: memberColor(sales.member.id, 'sales') },
    ];
    await vi.waitFor(() => {
      for (const c of [mara, sam, boss]) expect(usersSeenBy(c)).toEqual(everyone);
    });

    // Closed without saying goodbye: the server removes its presence for the others.
    (sam.provider.ws as unknown as { terminate(): void } | null)?.terminate();
    sam.provider.shouldConnect = false;
    await vi.waitFor(() => expect(namesSeenBy(mara)).toEqual(['Admin', 'Mara Marketing']));
  });

  it('ignores a connection that tries to overwrite or remove another participant\'s presence', async () => {
    const t = await start();
    const id = await createPersona(t);
    const ana = pool.connect(t, id, t.editorToken);
    const ben = pool.connect(t, id, t.salesToken);
    await Promise.all([ana.synced(), ben.synced()]);
    ana.provider.awareness.setLocalStateField('user', presenceUserOf(t.people.marketing.member));
    await vi.waitFor(() => expect(namesSeenBy(ben)).toEqual(['Mara Marketing']));

    // An operator: what it states of itself is passed through, so its own presence shows as it sent it.
    const spoofer = openRawSocket(collabUrl(t, id, t.operatorToken));
    await spoofer.opened;
    track(spoofer.ws);
    const anaId = ana.doc.clientID;
    spoofer.ws.send(awarenessFrame(anaId, 10_000, { user: { name: 'Impostor', side: 'sales', color: '#000' } }));
    spoofer.ws.send(awarenessFrame(anaId, 10_001, null));
    // Its own presence goes through, which shows the server has read the frames above.
    spoofer.ws.send(awarenessFrame(424242, 1, { user: { name: 'Spoofer', side: 'sales', color: '#000' } }));
    await vi.waitFor(() => expect(namesSeenBy(ben)).toEqual(['Mara Marketing', 'Spoofer']));
  });

  it('closes a connection that sends presence faster than its budget with 4429', async () => {
    const t = await start({}, undefined, {
      overrides: {
        rateLimits: { messagesBurst: 50_000, messagesPerSecond: 5_000, awarenessBurst: 20, awarenessPerSecond: 1 },
      },
    });
    const chatty = openRawSocket(collabUrl(t, await createPersona(t), t.editorToken));
    await chatty.opened;
    track(chatty.ws);
    for (let clock = 1; clock <= 100; clock++) chatty.ws.send(awarenessFrame(777, clock, { user: { name: 'Chatty' } }));
    expect((await chatty.closed).code).toBe(4429);
  });
});
