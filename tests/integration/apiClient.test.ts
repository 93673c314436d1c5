import { once } from 'node:events';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiRequestError, createApiClient } from '../../client/src/api/http.ts';
import { removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
  removeDataDir(t.dataDir);
});

describe('the client API against the real server', () => {
  it('creates from the template and lists with validated types', async () => {
    const api = createApiClient({ baseUrl: t.url, getToken: () => t.editorToken });
    const { id } = await api.createPersona({ template: 'b2b', name: 'Head of Finance' });
    const { personas } = await api.listPersonas();
    expect(personas.find((p) => p.id === id)).toMatchObject({ name: 'Head of Finance', publishedVersion: null });
  });

  it('turns the server\'s errors into ApiRequestError with code and message', async () => {
    const viewer = createApiClient({ baseUrl: t.url, getToken: () => t.viewerToken });
    await expect(viewer.listPersonas()).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    const anonymous = createApiClient({ baseUrl: t.url, getToken: () => null });
    await expect(anonymous.createPersona({})).rejects.toMatchObject({ code: 'unauthorized', status: 401 });
  });

  it('reports an unreachable server as a network error', async () => {
    // A port that was free a moment ago: nothing answers there.
    const probe = createNetServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const api = createApiClient({ baseUrl: `http://127.0.0.1:${port}`, getToken: () => t.editorToken });
    const error = await api.listPersonas().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ code: 'network', status: null });
  });
});
