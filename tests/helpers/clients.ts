import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MessageType } from '../../shared/protocol.ts';
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
    connect(t: Pick<TestServer, 'wsUrl'>, personaId: string, token: string, doc = new Y.Doc()): TestClient {
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

/**
 * A bare WebSocket: for close codes and hand-made frames. `opened` also fires for a refused
 * socket (S1: the upgrade is accepted, then closed with the code); `firstMessage` is what shows
 * the server let it in, and rejects when the socket closes before sending anything.
 */
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
  const firstMessage = new Promise<Uint8Array>((resolve, reject) => {
    ws.once('message', (data: Buffer) => resolve(new Uint8Array(data)));
    ws.once('close', (code, reason) => reject(new Error(`closed with ${code} (${reason.toString()}) before any message`)));
  });
  // Most tests never wait for a message; a socket closed without one must not fail them.
  firstMessage.catch(() => undefined);
  return { ws, opened, closed, firstMessage };
}

/** A y-websocket sync step 1 frame: "here is what I have" (nothing, for a fresh doc). */
export function syncStep1Frame(doc: Y.Doc = new Y.Doc()): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** A y-websocket update frame carrying `update`, as a provider sends each local change. */
export function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
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
