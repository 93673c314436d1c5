// Who is behind a room's peer, and how the room tells apart the changes it applies.
import type { Team } from '../../shared/api.ts';
import type * as Y from 'yjs';
import type { CloseReason, Role } from '../../shared/protocol.ts';

/** What a peer's access token grants. */
export interface PeerAccess {
  readonly role: Role;
  /** When the token stops being valid (epoch ms); null when it never expires. */
  readonly expiresAt: number | null;
}

/** The member a peer belongs to, as the server's record says now. */
export interface PeerMember {
  readonly id: string;
  readonly name: string;
  readonly team: Team;
}

/** Who is behind a connection: the room's rules and update checks decide by this. */
export interface PeerIdentity {
  readonly access: PeerAccess;
  /** Null for the Operator (a token without `sub`). */
  readonly member: PeerMember | null;
  /** The key the peer's Yjs client ids are recorded under: the member's id, or OPERATOR_AUTHOR. */
  readonly author: string;
}

/** One participant's socket as the room sees it. */
export interface RoomPeer {
  readonly identity: PeerIdentity;
  send(message: Uint8Array): void;
  close(close: CloseReason): void;
}

/**
 * Why the room's document or awareness changed (the Yjs transaction origin): a peer's change is
 * stored and sent to everyone but that peer; what was loaded from the store is neither.
 */
export type RoomOrigin =
  | { readonly kind: 'peer'; readonly peer: RoomPeer }
  | { readonly kind: 'load' }
  // The server's own change: a departed peer's presence removed.
  | { readonly kind: 'server' };

/** Whether an update from a peer may be applied; a rejected one closes its connection (S4). */
export type UpdateVerdict =
  | { readonly kind: 'accept' }
  /** `forbidden`: the peer wrote as someone else (4403); `tooLarge`: past the persona's size cap (4413); otherwise the update is bad (1007). */
  | { readonly kind: 'reject'; readonly reason: string; readonly forbidden?: boolean; readonly tooLarge?: boolean }
  /** Not applied, stored or broadcast, and the connection stays open: the peer keeps its copy. */
  | { readonly kind: 'ignore'; readonly reason: string };

/** What the room knows when it checks an update: the update decoded, and the document it would change. */
export interface UpdateContext {
  readonly personaId: string;
  readonly decoded: ReturnType<typeof Y.decodeUpdate>;
  readonly doc: Y.Doc;
}

/** Looks at a decodable update from a peer before it is applied, stored or broadcast. */
export type UpdateCheck = (update: Uint8Array, from: PeerIdentity, context?: UpdateContext) => UpdateVerdict;

/** Several checks as one: the first that does not accept decides. */
export function allChecks(...checks: readonly UpdateCheck[]): UpdateCheck {
  return (update, from, context) => {
    for (const check of checks) {
      const verdict = check(update, from, context);
      if (verdict.kind !== 'accept') return verdict;
    }
    return { kind: 'accept' };
  };
}
