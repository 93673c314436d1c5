// Presence is the server's word (SPEC §6): a member's awareness states carry their own name, team and colour.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { presenceUserOf } from '../../shared/presence.ts';
import type { PeerMember } from './peer.ts';

/**
 * The awareness update with `user` of every state set to the member's (y-protocols' encoding:
 * count, then client id, clock and state JSON each). A state that is not a JSON object is
 * passed on as it is: y-protocols reads `null` as "left".
 */
export function stampPresence(update: Uint8Array, member: PeerMember): Uint8Array {
  const user = presenceUserOf(member);
  const decoder = decoding.createDecoder(update);
  const encoder = encoding.createEncoder();
  const count = decoding.readVarUint(decoder);
  encoding.writeVarUint(encoder, count);
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(encoder, decoding.readVarUint(decoder));
    encoding.writeVarUint(encoder, decoding.readVarUint(decoder));
    const json = decoding.readVarString(decoder);
    const state: unknown = JSON.parse(json);
    const stamped =
      typeof state === 'object' && state !== null && !Array.isArray(state) ? JSON.stringify({ ...state, user }) : json;
    encoding.writeVarString(encoder, stamped);
  }
  return encoding.toUint8Array(encoder);
}
