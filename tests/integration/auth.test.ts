import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { CloseCodes, MessageType, SyncMessageType } from '../../shared/protocol.ts';
import { collabUrl, openRawSocket, syncStep1Frame, upgradeStatus } from '../helpers/clients.ts';
import { createPersona } from '../helpers/http.ts';
import { removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ ALLOWED_ORIGINS: 'https://tandem.example.com' });
});
afterAll(async () => {
  await t.close();
  removeDataDir(t.dataDir);
});

const closeCodeOf = async (url: string) => (await openRawSocket(url).closed).code;

const listPersonas = async () => {
  const response = await fetch(`${t.url}/api/personas`, { headers: { authorization: `Bearer ${t.editorToken}` } });
  return ((await response.json()) as { personas: { id: string; name: string }[] }).personas;
};

describe('S1 access tokens and persona ids', () => {
  // A persona that exists: only the token can be what refuses these sockets.
  let existing: string;
  beforeAll(async () => {
    existing = await createPersona(t);
  });

  it('[S1] closes a connection without a token with 4401', async () => {
    expect(await closeCodeOf(collabUrl(t, existing))).toBe(CloseCodes.Unauthorized.code);
  });

  it('[S1] closes a token signed with another secret with 4401', async () => {
    const forged = await new SignJWT({ role: 'editor' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('some-other-secret-that-is-long-enough'));
    expect(await closeCodeOf(collabUrl(t, existing, forged))).toBe(4401);
  });

  it('[S1] closes an expired token with 4401', async () => {
    const expired = await t.server.issueToken('editor', { expiresInSeconds: -60 });
    expect(await closeCodeOf(collabUrl(t, existing, expired))).toBe(4401);
  });

  it('[S1] closes a token without a valid role with 4401', async () => {
    const secret = new TextEncoder().encode('test-secret-that-is-long-enough-for-hs256');
    const noRole = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).sign(secret);
    expect(await closeCodeOf(collabUrl(t, existing, noRole))).toBe(4401);
  });

  it.each(['bad id!', 'x'.repeat(65), '%E0%A4%A', 'dots.are.not.allowed'])(
    '[S1] closes an invalid persona id (%s) with 4400',
    async (id) => {
      expect(await closeCodeOf(collabUrl(t, id, t.editorToken))).toBe(CloseCodes.BadPersonaId.code);
    },
  );

  it('[S1] closes an editor, the admin and an operator opening a persona that does not exist with 4404, and creates nothing', async () => {
    for (const token of [t.editorToken, t.adminToken, t.operatorToken]) {
      const socket = openRawSocket(collabUrl(t, 'never-created', token));
      expect((await socket.closed).code).toBe(CloseCodes.PersonaNotFound.code);
      await expect(socket.firstMessage).rejects.toThrow(/before any message/);
    }
    expect((await listPersonas()).map((p) => p.id)).not.toContain('never-created');
  });

  it('[S1] closes a viewer opening a persona that does not exist with 4404 too, and creates nothing', async () => {
    expect(await closeCodeOf(collabUrl(t, 'never-created-either', t.viewerToken))).toBe(CloseCodes.PersonaNotFound.code);
    expect((await listPersonas()).map((p) => p.id)).not.toContain('never-created-either');
  });

  it('[S1] lets an editor into a persona that POST /api/personas created', async () => {
    const id = await createPersona(t);
    const editor = openRawSocket(collabUrl(t, id, t.editorToken));
    // The server asks an editor for what it has (sync step 1): the socket was let in, not refused.
    const asked = await editor.firstMessage;
    expect([...asked.slice(0, 2)]).toEqual([MessageType.sync, SyncMessageType.step1]);
    editor.ws.close();
  });
});

describe('S2 viewers never receive a draft', () => {
  it('[S2] closes a viewer member\'s socket on an existing persona with 4403, before any message', async () => {
    const id = await createPersona(t, { name: 'Draft only' });
    const viewer = openRawSocket(collabUrl(t, id, t.viewerToken));
    await viewer.opened;
    viewer.ws.send(syncStep1Frame());
    expect(await viewer.closed).toEqual({ code: CloseCodes.Forbidden.code, reason: CloseCodes.Forbidden.reason });
    await expect(viewer.firstMessage).rejects.toThrow(/before any message/);
  });

  it('[S2] closes an operator viewer token\'s socket with 4403 too', async () => {
    const id = await createPersona(t);
    const operatorViewer = await t.server.issueToken('viewer');
    const viewer = openRawSocket(collabUrl(t, id, operatorViewer));
    expect((await viewer.closed).code).toBe(CloseCodes.Forbidden.code);
    await expect(viewer.firstMessage).rejects.toThrow(/before any message/);
  });
});

describe('S8 allowed origins', () => {
  let personaId: string;
  beforeAll(async () => {
    personaId = await createPersona(t);
  });

  it('[S8] refuses an upgrade from an origin that is not allowed with HTTP 403', async () => {
    const url = collabUrl(t, personaId, t.editorToken);
    expect(await upgradeStatus(url, { origin: 'https://evil.example.com' })).toBe(403);
  });

  it('[S8] accepts an allowed origin and a request with no Origin header', async () => {
    const url = collabUrl(t, personaId, t.editorToken);
    expect(await upgradeStatus(url, { origin: 'https://tandem.example.com' })).toBe(101);
    expect(await upgradeStatus(url, {})).toBe(101);
  });

  it('answers 404 to an upgrade outside /collab/', async () => {
    expect(await upgradeStatus(`${t.wsUrl}/elsewhere`, {})).toBe(404);
  });
});
