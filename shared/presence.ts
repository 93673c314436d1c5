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
