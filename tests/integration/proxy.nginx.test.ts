// Routing (issue 19): deploy/nginx/tandem.conf in front of real Tandem processes. Each process has
// its own data directory (one SQLite file is one process's), so what is checked is where nginx
// sends each request, which the test reads from a header it adds to the deployed file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { CloseCodes } from '../../shared/protocol.ts';
import { signOperatorToken } from '../../server/auth/access.ts';
import { createClientPool } from '../helpers/clients.ts';
import { DEPLOYED_CONF, findNginx, startNginx, UPSTREAM_HEADER, type RunningNginx } from '../helpers/nginx.ts';
import { appendParagraph, sectionText } from '../helpers/persona.ts';
import { spawnServer, type ServerProcess } from '../helpers/process.ts';
import { metricValue } from '../helpers/store.ts';

const nginxBinary = findNginx();
const SECRET = 'proxy-test-secret-long-enough-for-hs256';
/** Loopback is all of 127/8: each of these is a client of its own to nginx. */
const CLIENT_A = '127.0.0.2';
const CLIENT_B = '127.0.0.3';
const DEFAULT_CAP = 1_000;
const HELD = DEFAULT_CAP + 200;

interface Backend {
  process: ServerProcess;
  dataDir: string;
  /** host:port, as nginx's $upstream_addr names it. */
  upstream: string;
}

async function startBackend(env: Record<string, string>): Promise<Backend> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-proxy-'));
  const server = await spawnServer({ DATA_DIR: dataDir, AUTH_SECRET: SECRET, ...env });
  return { process: server, dataDir, upstream: new URL(server.url).host };
}

async function stopBackend(backend: Backend): Promise<void> {
  backend.process.child.kill('SIGTERM');
  await backend.process.exited;
  rmSync(backend.dataDir, { recursive: true, force: true });
}

/** Which upstream answered a plain request through nginx, and its status. */
async function routeOf(url: string, init: RequestInit = {}): Promise<{ upstream: string; status: number }> {
  const response = await fetch(url, init);
  await response.arrayBuffer();
  return { upstream: response.headers.get(UPSTREAM_HEADER) ?? '', status: response.status };
}

/** Opens a raw socket; resolves with the upstream that took the upgrade, then the socket. */
function openSocket(url: string, options: { localAddress?: string; headers?: Record<string, string> } = {}) {
  const ws = new WebSocket(url, options);
  const upstream = new Promise<string>((resolve, reject) => {
    ws.once('upgrade', (response) => resolve(String(response.headers[UPSTREAM_HEADER] ?? '')));
    ws.once('unexpected-response', (_req, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    ws.once('error', reject);
  });
  // Let in, an editor's socket is sent sync step 1 first; refused, it is closed before any message.
  const admitted = new Promise<number | null>((resolve) => {
    ws.once('message', () => resolve(null));
    ws.once('close', (code) => resolve(code));
    ws.once('error', () => resolve(-1));
  });
  upstream.catch(() => undefined);
  return { ws, upstream, admitted };
}

const randomId = () => `p${Math.random().toString(36).slice(2, 12)}`;

describe.skipIf(nginxBinary === null)(
  nginxBinary === null ? `routing through nginx: SKIPPED, no nginx on PATH or in /usr/sbin (apt-get install -y nginx)` : `routing through nginx (${DEPLOYED_CONF})`,
  () => {
    const backends: Backend[] = [];
    const sockets: WebSocket[] = [];
    const pool = createClientPool();
    let nginx: RunningNginx;
    let token: string;

    beforeAll(async () => {
      token = await signOperatorToken(new TextEncoder().encode(SECRET), 'editor');
      backends.push(...(await Promise.all([0, 1, 2].map(() => startBackend({ TRUST_PROXY: '127.0.0.1' })))));
      nginx = await startNginx(nginxBinary ?? '', backends.map((b) => b.upstream));
    }, 60_000);

    afterAll(async () => {
      pool.destroyAll();
      for (const ws of sockets.splice(0)) ws.terminate();
      await nginx?.stop();
      await Promise.all(backends.map(stopBackend));
    }, 30_000);

    const backendAt = (upstream: string): Backend => {
      const backend = backends.find((b) => b.upstream === upstream);
      if (!backend) throw new Error(`no backend at "${upstream}"`);
      return backend;
    };

    async function createOn(backend: Backend): Promise<string> {
      const response = await fetch(`${backend.process.url}/api/personas`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    }

    /** A persona on the process nginx sends it to: ids are the server's to choose, so try a few. */
    async function personaRoutedHome(): Promise<{ id: string; home: Backend }> {
      for (let attempt = 0; attempt < 60; attempt += 1) {
        const home = backends[attempt % backends.length] as Backend;
        const id = await createOn(home);
        const { upstream } = await routeOf(`${nginx.url}/api/personas/${id}/status`, { headers: { authorization: `Bearer ${token}` } });
        if (upstream === home.upstream) return { id, home };
      }
      throw new Error('no persona was routed to the process that holds it');
    }

    it('sends every request about one persona, page, API and socket, to one process, whatever the query says', { timeout: 120_000 }, async () => {
      const ids = Array.from({ length: 45 }, randomId);
      const chosen = new Map<string, string>();
      const routeAll = async (id: string) => {
        const upstreams = new Set<string>();
        const queries = [`?token=${token}`, `?token=${randomId()}`, '?lang=es', ''];
        for (const query of queries) {
          upstreams.add((await routeOf(`${nginx.url}/p/${id}${query}`)).upstream);
          upstreams.add((await routeOf(`${nginx.url}/api/personas/${id}/status${query}`)).upstream);
          upstreams.add((await routeOf(`${nginx.url}/api/library/${id}/export.pdf${query}`)).upstream);
        }
        upstreams.add((await routeOf(`${nginx.url}/api/personas/${id}/history`, { headers: { authorization: `Bearer ${token}` } })).upstream);
        upstreams.add((await routeOf(`${nginx.url}/api/personas/${id}/archive`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).upstream);
        for (const query of [`?token=${encodeURIComponent(token)}`, `?token=${encodeURIComponent(token)}&n=${randomId()}`]) {
          const socket = openSocket(`${nginx.wsUrl}/collab/${id}${query}`);
          sockets.push(socket.ws);
          upstreams.add(await socket.upstream);
          // It does not exist on any process: 4404, from the one it was sent to.
          expect(await socket.admitted).toBe(CloseCodes.PersonaNotFound.code);
        }
        expect([...upstreams], id).toHaveLength(1);
        const [upstream = ''] = upstreams;
        backendAt(upstream);
        chosen.set(id, upstream);
      };
      await Promise.all(ids.map(routeAll));
      // Different personas spread over every process (45 ids over 3: all land somewhere).
      expect(new Set(chosen.values()).size).toBe(backends.length);
      // Requests about no persona (a member's live stream, the library) are spread, the same token included.
      const forMe = await Promise.all(Array.from({ length: 30 }, () => routeOf(`${nginx.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })));
      expect(forMe.every((r) => r.status === 200)).toBe(true);
      expect(new Set(forMe.map((r) => r.upstream)).size).toBeGreaterThan(1);
      // Tokens never reach nginx's log.
      expect(nginx.accessLog()).not.toContain(token);
      expect(nginx.accessLog()).not.toContain('token=');
    });

    it('proxies a live workshop: an edit through nginx reaches a client connected to the process directly', async () => {
      const { id, home } = await personaRoutedHome();
      const viaProxy = pool.connect({ wsUrl: nginx.wsUrl }, id, token);
      const direct = pool.connect({ wsUrl: home.process.url.replace(/^http/, 'ws') }, id, token);
      await Promise.all([viaProxy.synced(), direct.synced()]);
      appendParagraph(viaProxy.doc, 'messaging', 'said through the proxy');
      await vi.waitFor(() => expect(sectionText(direct.doc, 'messaging')).toContain('said through the proxy'), { timeout: 10_000 });
    });

    it('limits bodies as the server does: 1 MiB, and 10 MiB for a CSV import', async () => {
      const post = (path: string, type: string, bytes: number) =>
        routeOf(`${nginx.url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': type },
          body: `name\n${'x'.repeat(bytes)}`,
        });
      // Refused by nginx itself (no upstream answered), before a process reads a byte.
      expect(await post('/api/personas', 'application/json', 2 * 1024 * 1024)).toEqual({ upstream: '', status: 413 });
      const csv = await post('/api/crm/imports?kind=deals&dryRun=true', 'text/csv', 2 * 1024 * 1024);
      expect(csv.status).not.toBe(413);
      backendAt(csv.upstream);
      expect(await post('/api/crm/imports?kind=deals&dryRun=true', 'text/csv', 11 * 1024 * 1024)).toEqual({ upstream: '', status: 413 });
    });

    it(`holds ${HELD} sockets through nginx with TRUST_PROXY, the cap of ${DEFAULT_CAP} counting each real client`, { timeout: 120_000 }, async () => {
      const { id, home } = await personaRoutedHome();
      const url = `${nginx.wsUrl}/collab/${id}?token=${encodeURIComponent(token)}`;
      // Sockets an earlier test left open on the same process (the live workshop's two) count too.
      const before = await metricValue(home.process.url, 'tandem_connections{role="editor"}');
      const open = async (count: number, localAddress: string, headers: Record<string, string> = {}) => {
        const codes: (number | null)[] = [];
        // In batches: a thousand handshakes at once only queue up in the kernel.
        for (let done = 0; done < count; done += 100) {
          const batch = Array.from({ length: Math.min(100, count - done) }, () => openSocket(url, { localAddress, headers }));
          sockets.push(...batch.map((s) => s.ws));
          codes.push(...(await Promise.all(batch.map((s) => s.admitted))));
        }
        return codes;
      };
      const fromA = await open(DEFAULT_CAP, CLIENT_A);
      const fromB = await open(HELD - DEFAULT_CAP, CLIENT_B);
      expect(fromA.filter((code) => code !== null)).toEqual([]);
      expect(fromB.filter((code) => code !== null)).toEqual([]);
      await vi.waitFor(async () => expect(await metricValue(home.process.url, 'tandem_connections{role="editor"}')).toBe(before + HELD));
      // Client A is at its cap: one more is refused, also when it names someone else in front.
      expect(await open(1, CLIENT_A)).toEqual([CloseCodes.RateLimited.code]);
      expect(await open(1, CLIENT_A, { 'x-forwarded-for': '203.0.113.7' })).toEqual([CloseCodes.RateLimited.code]);
      // Client B is not.
      expect(await open(1, CLIENT_B)).toEqual([null]);
      expect(await metricValue(home.process.url, 'tandem_connections{role="editor"}')).toBe(before + HELD + 1);
    });

    it('without TRUST_PROXY every socket counts against the proxy: the cap stops the whole deployment (the documented failure)', { timeout: 120_000 }, async () => {
      const cap = 50;
      const alone = await startBackend({ MAX_CONNECTIONS_PER_ADDRESS: String(cap) });
      const front = await startNginx(nginxBinary ?? '', [alone.upstream]);
      try {
        const id = await createOn(alone);
        const url = `${front.wsUrl}/collab/${id}?token=${encodeURIComponent(token)}`;
        const fromA = Array.from({ length: cap }, () => openSocket(url, { localAddress: CLIENT_A }));
        sockets.push(...fromA.map((s) => s.ws));
        expect((await Promise.all(fromA.map((s) => s.admitted))).filter((code) => code !== null)).toEqual([]);
        // Another person entirely, with a single socket: refused, as nginx is the only address the process sees.
        const fromB = openSocket(url, { localAddress: CLIENT_B });
        sockets.push(fromB.ws);
        expect(await fromB.admitted).toBe(CloseCodes.RateLimited.code);
      } finally {
        await front.stop();
        await stopBackend(alone);
      }
    });
  },
);

