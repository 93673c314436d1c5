import type { Team } from '../../../shared/api.ts';
import { TEAMS } from '../../../shared/api.ts';
import type { Side } from '../../../shared/persona/types.ts';
import { SIDES } from '../../../shared/persona/schema.ts';
import type { PresenceUser } from '../../../shared/presence.ts';
import { memberColor } from '../../../shared/presence.ts';
import { SIDE_COLORS } from '../../../shared/sides.ts';

/** Where the participant's name, side and colour live between visits (SPEC §4, contract). */
export const USER_STORAGE_KEY = 'tandem.user';

export interface Participant {
  name: string;
  side: Side;
  color: string;
  /**
   * A member of team `other` (an admin): edits, comments and publishes, but takes no side, so adds no
   * evidence and turns no sign-off key (SPEC §6: what they would add counts for neither side).
   */
  sideless?: boolean;
}

export const MAX_NAME_LENGTH = 60;

/** A caret colour for someone on `side`: carets differ per person but always say which side they are on. */
export function pickColor(side: Side, random: () => number = Math.random): string {
  const shades = SIDE_COLORS[side].carets;
  return shades[Math.floor(random() * shades.length)] ?? shades[0];
}

export function isSide(v: unknown): v is Side {
  return typeof v === 'string' && (SIDES as readonly string[]).includes(v);
}

const COLOR_PATTERN = /^#[0-9a-f]{6}$/i;

/** Reads a participant from untrusted JSON (storage or a peer's awareness); null when it is not one. */
export function parseParticipant(value: unknown): Participant | null {
  if (typeof value !== 'object' || value === null) return null;
  const { name, side, color } = value as Record<string, unknown>;
  if (typeof name !== 'string' || !name.trim() || !isSide(side)) return null;
  return {
    name: name.trim().slice(0, MAX_NAME_LENGTH),
    side,
    color: typeof color === 'string' && COLOR_PATTERN.test(color) ? color : pickColor(side, () => 0),
  };
}

function isTeam(v: unknown): v is Team {
  return typeof v === 'string' && (TEAMS as readonly string[]).includes(v);
}

/**
 * Reads a peer's presence `user` (untrusted awareness JSON): a side, or `other` for members on no
 * side (admins, readers), who are shown neutrally. Null when it is not one.
 */
export function parsePresenceUser(value: unknown): PresenceUser | null {
  if (typeof value !== 'object' || value === null) return null;
  const { side } = value as Record<string, unknown>;
  if (side !== 'other') return parseParticipant(value);
  const { name, color } = value as Record<string, unknown>;
  if (typeof name !== 'string' || !name.trim() || !isTeam(side)) return null;
  return {
    name: name.trim().slice(0, MAX_NAME_LENGTH),
    side,
    color: typeof color === 'string' && COLOR_PATTERN.test(color) ? color : memberColor(name, 'other'),
  };
}

/**
 * The participant the workshop writes as (evidence, threads, sign-offs state a side). A member on
 * no side (an admin of team `other`) states marketing here only because the document has no third
 * side; the server attributes what they write to them and counts their sign-offs for neither side.
 */
export function authoringParticipant(identity: PresenceUser): Participant {
  return identity.side === 'other' ? { ...identity, side: 'marketing', sideless: true } : { ...identity, side: identity.side };
}

export function loadParticipant(storage: Pick<Storage, 'getItem'>): Participant | null {
  try {
    return parseParticipant(JSON.parse(storage.getItem(USER_STORAGE_KEY) ?? 'null'));
  } catch {
    return null;
  }
}

export function saveParticipant(storage: Pick<Storage, 'setItem'>, participant: Participant): void {
  storage.setItem(USER_STORAGE_KEY, JSON.stringify(participant));
}
