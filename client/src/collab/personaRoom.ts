import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCodes, COLLAB_PATH } from '../../../shared/protocol.ts';
import type { PresenceUser } from '../../../shared/presence.ts';

/** What the connection indicator shows (SPEC §4 `data-status`). */
export type ConnectionStatus = 'connected' | 'connecting' | 'offline';

/**
 * Why the server will not let this browser in; retrying cannot help. `forbidden`: the member reads
 * only (a viewer, or dropped to viewer while here); `foreign-client`: the server refused what this
 * browser wrote as someone else's (SPEC §6); `too-large`: a change would take the persona past the
 * server's size cap; `unreadable`: the server cannot read what it stored of this persona (issue 14).
 */
export type AccessProblem = 'unauthorized' | 'forbidden' | 'foreign-client' | 'not-found' | 'bad-id' | 'too-large' | 'unreadable';

export interface RoomState {
  status: ConnectionStatus;
  /** The server's copy has been received at least once in this session. */
  synced: boolean;
  /** The copy kept in this browser has been read. */
  restoredLocally: boolean;
  problem: AccessProblem | null;
  /** How many times the server said the persona was archived or unarchived (it reconnects by itself). */
  lifecycleChanges: number;
}

const PERMANENT_CLOSES = new Map<number, AccessProblem>([
  [CloseCodes.Unauthorized.code, 'unauthorized'],
  [CloseCodes.Forbidden.code, 'forbidden'],
  [CloseCodes.PersonaNotFound.code, 'not-found'],
  [CloseCodes.BadPersonaId.code, 'bad-id'],
  [CloseCodes.TooLarge.code, 'too-large'],
]);

/** The problem a close stands for, or null when reconnecting may help. */
export function problemOf(event: Pick<CloseEvent, 'code' | 'reason'>): AccessProblem | null {
  // Both 4403s share a code; the reason tells a downgrade from a refused write.
  if (event.code === CloseCodes.ForeignClient.code && event.reason === CloseCodes.ForeignClient.reason) return 'foreign-client';
  // Both 4503s share a code too: "could not be loaded" may pass, "cannot be read" needs an admin.
  if (event.code === CloseCodes.Unreadable.code && event.reason === CloseCodes.Unreadable.reason) return 'unreadable';
  return PERMANENT_CLOSES.get(event.code) ?? null;
}

export interface PersonaRoomOptions {
  personaId: string;
  /** The link's token; null when the identity provider's session cookie carries who this is. */
  token: string | null;
  /** Whose copy this browser keeps: the member's id, or null (the default) for an operator token. */
  memberId?: string | null;
  /** Who this browser is in presence (the server stamps a member's own, SPEC §6). */
  participant: PresenceUser;
  /** `ws(s)://host` of the Tandem server. */
  serverOrigin: string;
  /** Keep a copy in IndexedDB (off in tests without IndexedDB). */
  keepLocalCopy?: boolean;
  WebSocketImpl?: typeof WebSocket;
  /** Window-like target for `online` / `offline` events. */
  network?: Pick<Window, 'addEventListener' | 'removeEventListener'> & { navigator: { onLine: boolean } };
}

/**
 * Names the IndexedDB database that keeps a persona's copy in this browser, one per member: on a
 * shared browser, one person's offline edits are never replayed under another person's socket.
 */
export function localCopyName(personaId: string, memberId: string | null): string {
  return `tandem:persona:${memberId === null ? 'operator' : `member:${memberId}`}:${personaId}`;
}

/**
 * One open persona: its Y.Doc, the WebSocket provider and the local IndexedDB copy. Framework-free;
 * React reads it through `subscribe` / `getState`.
 */
export class PersonaRoom {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly #local: IndexeddbPersistence | null;
  readonly #listeners = new Set<() => void>();
  readonly #network: PersonaRoomOptions['network'] | undefined;
  #state: RoomState = { status: 'connecting', synced: false, restoredLocally: false, problem: null, lifecycleChanges: 0 };
  #everConnected = false;
  #destroyed = false;

  constructor(options: PersonaRoomOptions) {
    const { personaId, token, memberId = null, participant, serverOrigin } = options;
    this.#network = options.network;
    this.#local = options.keepLocalCopy === false ? null : new IndexeddbPersistence(localCopyName(personaId, memberId), this.doc);
    if (this.#local) {
      void this.#local.whenSynced.then(() => this.#set({ restoredLocally: true }));
    } else {
      this.#state = { ...this.#state, restoredLocally: true };
    }
    this.provider = new WebsocketProvider(`${serverOrigin}${COLLAB_PATH}`, personaId, this.doc, {
      params: token === null ? {} : { token },
      // Every browser goes through the server, which enforces roles and stores each update.
      disableBc: true,
      maxBackoffTime: 5000,
      shouldReconnect: (event) => problemOf(event) === null,
      ...(options.WebSocketImpl ? { WebSocketPolyfill: options.WebSocketImpl } : {}),
    });
    this.provider.awareness.setLocalStateField('user', participant);
    this.provider.on('status', this.#onStatus);
    this.provider.on('sync', this.#onSync);
    this.provider.on('connection-close', this.#onClose);
    this.#network?.addEventListener('offline', this.#onOffline);
    this.#network?.addEventListener('online', this.#onOnline);
    if (this.#network && !this.#network.navigator.onLine) this.#onOffline();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getState = (): RoomState => this.#state;

  get awareness() {
    return this.provider.awareness;
  }

  setParticipant(participant: PresenceUser): void {
    this.provider.awareness.setLocalStateField('user', participant);
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#network?.removeEventListener('offline', this.#onOffline);
    this.#network?.removeEventListener('online', this.#onOnline);
    this.provider.destroy();
    void this.#local?.destroy();
    this.doc.destroy();
    this.#listeners.clear();
  }

  #set(patch: Partial<RoomState>): void {
    if (this.#destroyed) return;
    const next = { ...this.#state, ...patch };
    if (Object.keys(patch).every((k) => next[k as keyof RoomState] === this.#state[k as keyof RoomState])) return;
    this.#state = next;
    for (const listener of this.#listeners) listener();
  }

  #onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }): void => {
    if (status === 'connected') {
      this.#everConnected = true;
      this.#set({ status: 'connected' });
      return;
    }
    // Once a connection has been lost, or a first attempt has failed, say so plainly.
    const lost = this.#everConnected || this.provider.wsUnsuccessfulReconnects > 0;
    this.#set({ status: status === 'disconnected' || lost ? 'offline' : 'connecting' });
  };

  #onSync = (synced: boolean): void => {
    if (synced) this.#set({ synced: true });
  };

  #onClose = (event: CloseEvent | null): void => {
    const problem = event ? problemOf(event) : null;
    if (problem) this.#set({ problem, status: 'offline' });
    if (event?.code === CloseCodes.LifecycleChanged.code) this.#set({ lifecycleChanges: this.#state.lifecycleChanges + 1 });
  };

  // The browser knows it has no network: stop waiting on a socket that cannot answer.
  #onOffline = (): void => {
    this.provider.disconnect();
    this.#set({ status: 'offline' });
  };

  #onOnline = (): void => {
    if (this.#state.problem) return;
    this.provider.connect();
  };
}

/** `ws://` or `wss://` for the page's own origin. */
export function serverOriginOf(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
}
