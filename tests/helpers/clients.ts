import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { TestServer } from './server.ts';

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close events the provider saw, in order. */
  closes: { code: number; reason: string }[];
  synced(): Promise<void>;
}

/**
 * Stock y-websocket providers against a test server; `destroyAll` in afterEach.
 * Reconnection is left on, as a browser has it.
 */
export function createClientPool() {
  const clients: TestClient[] = [];
  return {
    connect(t: TestServer, personaId: string, token: string, doc = new Y.Doc()): TestClient {
      const provider = new WebsocketProvider(`${t.wsUrl}/collab`, personaId, doc, {
        params: { token },
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        maxBackoffTime: 200,
      });
      const closes: TestClient['closes'] = [];
      provider.on('connection-close', (event) => {
        if (event) closes.push({ code: event.code, reason: event.reason });
      });
      const client: TestClient = {
        doc,
        provider,
        closes,
        synced: () =>
          new Promise((resolve) => {
            if (provider.synced) return resolve();
            const onSync = (isSynced: boolean) => {
              if (!isSynced) return;
              provider.off('sync', onSync);
              resolve();
            };
            provider.on('sync', onSync);
          }),
      };
      clients.push(client);
      return client;
    },
    destroyAll(): void {
      for (const { provider, doc } of clients.splice(0)) {
        provider.destroy();
        doc.destroy();
      }
    },
  };
}

/** A bare WebSocket: for close codes and hand-made frames. */
export function openRawSocket(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(url, { headers });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return { ws, opened, closed };
}

/** Status of a refused upgrade (S8), or 101 when it was accepted. */
export function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => {
      resolve(101);
      ws.terminate();
    });
    ws.once('error', (err) => reject(err));
  });
}

export const collabUrl = (t: TestServer, personaId: string, token?: string): string =>
  `${t.wsUrl}/collab/${personaId}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;
