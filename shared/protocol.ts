/**
 * The collaboration wire protocol both sides agree on: y-websocket's message types,
 * the endpoint path and every close code the server uses, each with its reason.
 */

/** First varUint of every WebSocket message (y-websocket's framing). */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Second varUint of a sync message (y-protocols/sync). */
export const SyncMessageType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;

/** `ws(s)://HOST:PORT/collab/<personaId>?token=<jwt>` */
export const COLLAB_PATH = '/collab';

/** What a token or a member may do: an admin may do all an editor may, an editor all a viewer may (SPEC §3, §6). */
export const ROLES = ['admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** The roles an operator token (no `sub`) may claim. */
export const OPERATOR_ROLES = ['editor', 'viewer'] as const satisfies readonly Role[];
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

const ROLE_RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** Whether `role` may do what `needed` may. */
export function roleAllows(role: Role, needed: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed];
}

export interface CloseReason {
  readonly code: number;
  readonly reason: string;
}

/** Every close code the server sends; 4xxx mirror the HTTP status of the same meaning. */
export const CloseCodes = {
  GoingAway: { code: 1001, reason: 'Server is shutting down' },
  InvalidMessage: { code: 1007, reason: 'Message could not be decoded or its update was rejected' },
  MessageTooLarge: { code: 1009, reason: 'Message is larger than the server accepts' },
  BadPersonaId: { code: 4400, reason: 'Persona id must be 1-64 characters of A-Z a-z 0-9 _ -' },
  Unauthorized: { code: 4401, reason: 'Missing, invalid, expired or revoked access token' },
  Forbidden: { code: 4403, reason: 'Viewers read the published library; the workshop needs an editor' },
  ForeignClient: { code: 4403, reason: 'An update was written under another member\'s client id' },
  PersonaNotFound: { code: 4404, reason: 'Persona does not exist' },
  TooLarge: { code: 4413, reason: 'Persona is larger than the server accepts (MAX_DOCUMENT_BYTES); this change was not saved' },
  /**
   * Not a refusal (so outside 44xx, which stock y-websocket clients never retry; 205 is HTTP's
   * "reset content"): the client reconnects and reads whether the persona is now read-only (SPEC §7).
   */
  LifecycleChanged: { code: 4205, reason: 'The persona was archived or unarchived; reconnect' },
  RateLimited: { code: 4429, reason: 'Too many messages or connections' },
  PresenceFlood: { code: 4429, reason: 'Too much presence data: a state over its size limit, or too many bytes of them' },
  Unavailable: { code: 4503, reason: 'Persona could not be loaded; try again later' },
  Unreadable: { code: 4503, reason: 'Persona\'s stored state cannot be read; an administrator must restore it' },
} as const satisfies Record<string, CloseReason>;
