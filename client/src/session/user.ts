import type { Side } from '../../../shared/persona/types.ts';
import { SIDES } from '../../../shared/persona/schema.ts';
import { SIDE_COLORS } from '../../../shared/sides.ts';

/** Where the participant's name, side and colour live between visits (SPEC §4, contract). */
export const USER_STORAGE_KEY = 'tandem.user';

export interface Participant {
  name: string;
  side: Side;
  color: string;
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
