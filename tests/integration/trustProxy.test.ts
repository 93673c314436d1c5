import { describe, expect, it } from 'vitest';
import { CloseCodes } from '../../shared/protocol.ts';
import { collabUrl, openRawSocket } from '../helpers/clients.ts';
import { useCollabFixture } from '../helpers/fixture.ts';
import { createPersona } from '../helpers/http.ts';
import type { TestServer } from '../helpers/server.ts';

const { start, track } = useCollabFixture();

/** Opens `count` sockets, each claiming its own X-Forwarded-For, and the close codes of those refused. */
async function openClaiming(t: TestServer, personaId: string, claims: string[]): Promise<(number | null)[]> {
  return Promise.all(
    claims.map(async (claim) => {
      const socket = openRawSocket(collabUrl(t, personaId, t.editorToken), { 'x-forwarded-for': claim });
      track(socket.ws);
      // Let in, the server asks for sync step 1 first; refused, the socket is closed before any message.
      return socket.firstMessage.then(
        () => null,
        () => socket.closed.then(({ code }) => code),
      );
    }),
  );
}

const CLAIMS = ['203.0.113.1', '203.0.113.2', '203.0.113.3'];

describe('per-address limits behind a proxy (TRUST_PROXY)', () => {
  it('ignores X-Forwarded-For from a peer TRUST_PROXY does not name: a client cannot spoof its way past the cap', async () => {
    for (const env of [{}, { TRUST_PROXY: '10.0.0.0/8, ::2' }]) {
      const t = await start({ MAX_CONNECTIONS_PER_ADDRESS: '2', ...env });
      const id = await createPersona(t);
      const codes = await openClaiming(t, id, CLAIMS.slice(0, 2));
      expect(codes).toEqual([null, null]);
      expect(await openClaiming(t, id, CLAIMS.slice(2))).toEqual([CloseCodes.RateLimited.code]);
    }
  });

  it('counts the client a trusted proxy names, each against its own cap', async () => {
    const t = await start({ MAX_CONNECTIONS_PER_ADDRESS: '2', TRUST_PROXY: '127.0.0.1' });
    const id = await createPersona(t);
    // Three clients through one proxy, each under the cap.
    expect(await openClaiming(t, id, CLAIMS)).toEqual([null, null, null]);
    // One of them, again and again: its own cap still holds, whatever it writes in front of the proxy's hop.
    const codes = await openClaiming(t, id, ['198.51.100.9, 203.0.113.1', '198.51.100.10, 203.0.113.1']);
    expect(codes).toEqual([null, CloseCodes.RateLimited.code]);
  });
});
