import type { UpdateCheck, UpdateVerdict } from './peer.ts';

const IGNORED: UpdateVerdict = { kind: 'ignore', reason: 'the persona is archived: its workshop is read-only' };

/**
 * An archived persona's workshop is read-only (SPEC §7): a peer's update is not applied, stored or
 * broadcast. It is ignored rather than refused: closing the socket would have an honest client
 * with edits from before the archive (made offline, say) reconnect and send them again, in a loop.
 * Ignored, they stay in that browser's copy and reach the persona once it is unarchived (the
 * server closes every socket then, and the reconnection's sync sends them).
 */
export function archivedCheck(isArchived: () => boolean, next: UpdateCheck | undefined): UpdateCheck {
  return (update, from, context) => (isArchived() ? IGNORED : next ? next(update, from, context) : { kind: 'accept' });
}
