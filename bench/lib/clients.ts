// Stock y-websocket providers, as a browser runs them, pointed at either server.
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ServerProcess } from './servers.ts';
import { pollUntil, withTimeout } from './wait.ts';

export interface BenchClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** Resolves at the provider's first `sync` event. */
  synced(): Promise<void>;
  /** Disconnects for good (no reconnect) and frees the document. */
  destroy(): void;
}

/** A provider on `personaId`, as the server's default editor unless `params` names someone else. */
export function connectClient(server: ServerProcess, personaId: string, params = server.params, doc = new Y.Doc()): BenchClient {
  const provider = new WebsocketProvider(server.collabUrl, personaId, doc, {
    params,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => {
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
  return {
    doc,
    provider,
    synced: () => synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Connects a client per persona id (the i-th as `params[i]`, else the default editor) and waits until every one has synced. */
export async function connectAll(server: ServerProcess, personaIds: readonly string[], timeoutMs: number, params: readonly Record<string, string>[] = []) {
  const clients = personaIds.map((id, i) => connectClient(server, id, params[i] ?? server.params));
  try {
    await withTimeout(Promise.all(clients.map((c) => c.synced())), timeoutMs, `${clients.length} clients to sync`);
  } catch (err) {
    for (const client of clients) client.destroy();
    throw err;
  }
  return clients;
}

/** Follows `count(doc)` from now on: when it last changed and when it first reached `target`. */
export function trackCount(doc: Y.Doc, count: (doc: Y.Doc) => number, target: number) {
  const state = { count: count(doc), lastChangeAt: performance.now(), reachedAt: null as number | null };
  if (state.count >= target) state.reachedAt = state.lastChangeAt;
  const onUpdate = () => {
    const now = count(doc);
    if (now === state.count) return;
    state.count = now;
    state.lastChangeAt = performance.now();
    if (now >= target) state.reachedAt ??= state.lastChangeAt;
  };
  doc.on('update', onUpdate);
  return {
    state: state as Readonly<typeof state>,
    /**
     * Resolves once the target is reached, or the count has not moved for `quietMs`, or
     * `timeoutMs` has passed; stops following the document.
     */
    async settle({ quietMs, timeoutMs }: { quietMs: number; timeoutMs: number }): Promise<void> {
      const startedSettling = performance.now();
      const quietFrom = () => Math.max(state.lastChangeAt, startedSettling);
      await pollUntil(() => state.reachedAt !== null || performance.now() - quietFrom() >= quietMs, timeoutMs);
      doc.off('update', onUpdate);
    },
  };
}
