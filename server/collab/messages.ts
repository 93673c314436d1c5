import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';
import { encodeAwarenessUpdate } from 'y-protocols/awareness';
import { MessageType, type SyncMessageType } from '../../shared/protocol.ts';

/** Encoders for the messages the server sends, in y-websocket's framing. */
/**
 * A sync message, built once per update for every peer: a Buffer, which `ws` sends as it is (it
 * wraps any other view in a new Buffer per send), and the payload copied once, not twice.
 */
export function syncMessage(step: (typeof SyncMessageType)[keyof typeof SyncMessageType], payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint(encoder, payload.length);
  const header = encoding.toUint8Array(encoder);
  const message = Buffer.allocUnsafe(header.length + payload.length);
  message.set(header);
  message.set(payload, header.length);
  return message;
}

export function awarenessMessage(awareness: Awareness, clients: readonly number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [...clients]));
  return encoding.toUint8Array(encoder);
}
