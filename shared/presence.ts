// How a member appears to others: their name, their team as the side, and a colour of that side.
import type { Team } from './api.ts';
import { SIDE_COLORS } from './sides.ts';

/** Carets of people on no side (admins and viewers of team `other`): neutral greys and violets. */
const OTHER_CARETS = ['#6b7280', '#7c3aed', '#0f766e', '#475569'] as const;

/** The presence `user` of a member (SPEC §2's awareness state, filled in by the server). */
export interface PresenceUser {
  name: string;
  side: Team;
  color: string;
}

/** One caret colour per person, stable across visits, always reading as their team's colour. */
export function memberColor(memberId: string, team: Team): string {
  const shades: readonly string[] = team === 'other' ? OTHER_CARETS : SIDE_COLORS[team].carets;
  let hash = 0;
  for (let i = 0; i < memberId.length; i++) hash = (hash * 31 + memberId.charCodeAt(i)) >>> 0;
  return shades[hash % shades.length] ?? shades[0] ?? '#6b7280';
}

export function presenceUserOf(member: { id: string; name: string; team: Team }): PresenceUser {
  return { name: member.name, side: member.team, color: memberColor(member.id, member.team) };
}

/**
 * The server's own awareness state in a room (under its document's client id): what it tells every
 * editor there. No client may publish this field (the server drops it from theirs).
 */
export const SERVER_PRESENCE_FIELD = 'server';

export interface ServerPresence {
  /** Set while the store fails to save this persona: edits are kept (in memory and in each browser) and retried. */
  saving?: 'failing';
}
