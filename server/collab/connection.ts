import * as decoding from 'lib0/decoding';
import type { CloseReason } from '../../shared/protocol.ts';
import { CloseCodes, MessageType, SyncMessageType } from '../../shared/protocol.ts';
import type { RateLimits } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { awarenessMessage } from './messages.ts';
import { DEFAULT_PRESENCE_LIMITS, readAwarenessEntries, sanitizePresenceJson, writeAwarenessEntries, type PresenceLimits } from './presenceLimits.ts';
import { TokenBucket } from './rateLimit.ts';
import type { PeerIdentity, RoomPeer, UpdateVerdict } from './peer.ts';
import type { Room } from './room.ts';

/**
 * What a connection needs from its socket: `ws`'s WebSocket as it is, or the tests' in-memory
 * transport (tests/helpers/roomTransport.ts).
 */
export interface PeerSocket {
  readonly readyState: number;
  readonly OPEN: number;
  /** Bytes sent but not yet handed to the network. */
  readonly bufferedAmount: number;
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Drops the connection at once, without a closing handshake. */
  terminate(): void;
  /** Stops reading from the socket (what the peer still sends is not parsed); absent in the tests' transport. */
  pause?(): void;
  on(event: 'message', listener: (data: unknown, isBinary: boolean) => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  on(event: 'close', listener: () => void): void;
}

export interface ConnectionOptions {
  identity: PeerIdentity;
  address: string;
  rateLimits: RateLimits;
  maxBufferedBytes: number;
  /** Byte budgets of presence; DEFAULT_PRESENCE_LIMITS when left out. */
  presenceLimits?: PresenceLimits;
  logger: Logger;
  metrics: Metrics;
}

/** A message broke the protocol; the connection is closed with `close`, nothing else is touched. */
class ProtocolViolation extends Error {
  constructor(
    readonly close: CloseReason,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** The disconnect metric's reason for the closes that have their own. */
const DISCONNECT_REASONS = new Map<CloseReason, string>([
  [CloseCodes.RateLimited, 'rate_limited'],
  [CloseCodes.PresenceFlood, 'presence_flood'],
  [CloseCodes.TooLarge, 'document_too_large'],
]);

/** Closes for flooding presence: the socket is cut off rather than read to the end of its flood. */
const FLOODS = new Set<CloseReason>([CloseCodes.PresenceFlood]);
const CUT_OFF_GRACE_MS = 1_000;

type MessageHandler = (connection: Connection, decoder: decoding.Decoder) => void;

/** Incoming messages are routed by type (y-websocket's own layout), not by a growing switch. */
const messageHandlers: Record<number, MessageHandler> = {
  [MessageType.sync]: (connection, decoder) => connection.onSync(decoder),
  [MessageType.awareness]: (connection, decoder) => connection.onAwareness(decoding.readVarUint8Array(decoder)),
  [MessageType.queryAwareness]: (connection) => connection.onQueryAwareness(),
  // Only servers send auth messages (permission denied); a client's is ignored.
  [MessageType.auth]: () => undefined,
};

/** One participant's socket: decodes its messages and applies the role's rules (S2, S4, S7). */
export class Connection implements RoomPeer {
  #identity: PeerIdentity;
  readonly #ws: PeerSocket;
  readonly #room: Room;
  readonly #options: ConnectionOptions;
  readonly #messages: TokenBucket;
  readonly #awareness: TokenBucket;
  readonly #awarenessBytes: TokenBucket;
  /** The size of each of this socket's presence states in the room (issue 14: bounded per socket). */
  readonly #presenceBytes = new Map<number, number>();
  #open = true;

  constructor(ws: PeerSocket, room: Room, options: ConnectionOptions) {
    this.#ws = ws;
    this.#room = room;
    this.#options = options;
    this.#identity = options.identity;
    const limits = options.rateLimits;
    this.#messages = new TokenBucket(limits.messagesBurst, limits.messagesPerSecond);
    this.#awareness = new TokenBucket(limits.awarenessBurst, limits.awarenessPerSecond);
    const presence = options.presenceLimits ?? DEFAULT_PRESENCE_LIMITS;
    this.#awarenessBytes = new TokenBucket(presence.bytesBurst, presence.bytesPerSecond);
  }

  /** Wires the socket up; `onClosed` runs once, however the connection ends. */
  start(onClosed: () => void): void {
    this.#ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    this.#ws.on('error', (err) => {
      // ws closes the socket itself (1009 for an oversized frame, 1002 for a malformed one).
      this.#options.logger.debug({ err, address: this.#options.address }, 'websocket error');
      if ((err as { code?: string }).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') this.#count('too_large');
    });
    this.#ws.on('close', () => {
      this.#open = false;
      this.#room.leave(this);
      onClosed();
    });
    this.#room.join(this);
  }

  get identity(): PeerIdentity {
    return this.#identity;
  }

  /** The member's record changed (a new name or team): what they write and show from now on follows it. */
  updateIdentity(identity: PeerIdentity): void {
    this.#identity = identity;
  }

  get isOpen(): boolean {
    return this.#open;
  }

  send(message: Uint8Array): void {
    if (!this.#open || this.#ws.readyState !== this.#ws.OPEN) return;
    // S7: a reader that cannot keep up is cut off rather than allowed to grow our memory. Only the
    // backlog counts, so one large message (a big document's first sync) still goes out.
    if (this.#ws.bufferedAmount > this.#options.maxBufferedBytes) {
      this.#options.logger.warn({ address: this.#options.address, personaId: this.#room.id }, 'slow client disconnected');
      this.#count('slow_client');
      this.#open = false;
      this.#ws.terminate();
      return;
    }
    this.#ws.send(message);
  }

  close(close: CloseReason): void {
    if (!this.#open) return;
    this.#open = false;
    this.#ws.close(close.code, close.reason);
  }

  onSync(decoder: decoding.Decoder): void {
    const step = decoding.readVarUint(decoder);
    if (step === SyncMessageType.step1) {
      this.#room.answerSyncStep1(this, decoding.readVarUint8Array(decoder));
      return;
    }
    if (step !== SyncMessageType.step2 && step !== SyncMessageType.update) {
      throw new ProtocolViolation(CloseCodes.InvalidMessage, `unknown sync step ${step}`);
    }
    const update = decoding.readVarUint8Array(decoder);
    // S2: a viewer never writes (its socket is refused; this is the second lock).
    if (this.identity.access.role === 'viewer') throw new ProtocolViolation(CloseCodes.Forbidden, 'a viewer may not write');
    let verdict: UpdateVerdict;
    try {
      verdict = this.#room.applyUpdate(update, this);
    } catch (err) {
      throw new ProtocolViolation(CloseCodes.InvalidMessage, `update rejected: ${(err as Error).message}`);
    }
    if (verdict.kind === 'reject') {
      const close = verdict.forbidden ? CloseCodes.ForeignClient : verdict.tooLarge ? CloseCodes.TooLarge : CloseCodes.InvalidMessage;
      throw new ProtocolViolation(close, `update rejected: ${verdict.reason}`);
    }
  }

  onAwareness(update: Uint8Array): void {
    if (!this.#awareness.take()) throw new ProtocolViolation(CloseCodes.RateLimited, 'awareness rate exceeded');
    const limits = this.#options.presenceLimits ?? DEFAULT_PRESENCE_LIMITS;
    if (!this.#awarenessBytes.take(update.length)) throw new ProtocolViolation(CloseCodes.PresenceFlood, 'awareness bytes rate exceeded');
    const entries = readAwarenessEntries(update);
    if (entries.some((entry) => entry.json.length > limits.maxStateBytes)) {
      throw new ProtocolViolation(CloseCodes.PresenceFlood, 'awareness state over its size limit');
    }
    if (!this.#room.mayControlAwareness(this, entries.map((entry) => entry.clientId))) {
      this.#options.logger.debug({ address: this.#options.address }, 'awareness update for foreign clients ignored');
      return;
    }
    // What the socket sends counts, not what is kept of it: bloated states are a flood however they are trimmed.
    for (const { clientId, json } of entries) {
      if (json === 'null') this.#presenceBytes.delete(clientId);
      else this.#presenceBytes.set(clientId, json.length);
    }
    let held = 0;
    for (const bytes of this.#presenceBytes.values()) held += bytes;
    if (held > limits.maxSocketBytes) throw new ProtocolViolation(CloseCodes.PresenceFlood, 'awareness states over the socket\'s limit');
    const sanitized = entries.map((entry) => ({ ...entry, json: sanitizePresenceJson(entry.json) }));
    this.#room.applyAwareness(writeAwarenessEntries(sanitized), this);
  }

  onQueryAwareness(): void {
    const present = [...this.#room.awareness.getStates().keys()];
    this.send(awarenessMessage(this.#room.awareness, present));
  }

  #onMessage(data: unknown, isBinary: boolean): void {
    if (!this.#open) return;
    try {
      if (!this.#messages.take()) throw new ProtocolViolation(CloseCodes.RateLimited, 'message rate exceeded');
      if (!isBinary || !(data instanceof Uint8Array)) {
        throw new ProtocolViolation(CloseCodes.InvalidMessage, 'text frames are not part of the protocol');
      }
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      const handler = messageHandlers[type];
      if (!handler) throw new ProtocolViolation(CloseCodes.InvalidMessage, `unknown message type ${type}`);
      handler(this, decoder);
    } catch (err) {
      const violation =
        err instanceof ProtocolViolation
          ? err
          : new ProtocolViolation(CloseCodes.InvalidMessage, `undecodable message: ${(err as Error).message}`);
      this.#options.logger.warn(
        { address: this.#options.address, personaId: this.#room.id, reason: violation.reason },
        'closing connection after a bad message',
      );
      this.#count(DISCONNECT_REASONS.get(violation.close) ?? (violation.close.code === 4403 ? 'forbidden' : 'invalid_message'));
      if (FLOODS.has(violation.close)) this.#cutOff(violation.close);
      else this.close(violation.close);
    }
  }

  /**
   * Closes a flooding socket and stops reading it at once: what it has still queued (megabytes,
   * often) is never parsed; it is dropped after a grace period that lets its client read the code.
   */
  #cutOff(close: CloseReason): void {
    this.close(close);
    this.#ws.pause?.();
    setTimeout(() => this.#ws.terminate(), CUT_OFF_GRACE_MS).unref();
  }

  #count(reason: string): void {
    this.#options.metrics.disconnects.inc({ reason });
  }
}

