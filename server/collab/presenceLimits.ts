// Issue 14, item 6: presence is small and well-formed, or it is not passed on. A state is what one
// browser tab says about itself (its name, the section it types in, its caret); nothing in it may
// throw in another editor's caret plugin, and nobody may make the room's memory grow with it.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { z } from 'zod';
export { DEFAULT_PRESENCE_LIMITS, type PresenceLimits } from '../config.ts';

/** One client's entry of an awareness update (y-protocols' encoding: count, then id, clock and state JSON each). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  json: string;
}

export function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push({ clientId: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), json: decoding.readVarString(decoder) });
  }
  return entries;
}

export function writeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

const yId = z.object({ client: z.number().int().nonnegative(), clock: z.number().int().nonnegative() });
/** Y.relativePositionToJSON's shape, as y-tiptap's caret plugin reads it back. */
const relativePosition = z.object({
  type: yId.nullish(),
  tname: z.string().max(256).nullish(),
  item: yId.nullish(),
  assoc: z.number().int().optional(),
});

/**
 * The fields the client publishes, each checked on its own: `user` (client/src/collab/personaRoom.ts;
 * a member's is replaced by the server anyway), `section` (client/src/collab/hooks.ts) and `cursor`
 * (Tiptap's CollaborationCaret). A field that is malformed is dropped; any other field is dropped,
 * so that nobody can speak for the server's own presence fields either.
 */
const PRESENCE_FIELDS: Record<string, z.ZodType> = {
  user: z.object({
    name: z.string().trim().min(1).max(120),
    side: z.enum(['marketing', 'sales', 'other']),
    color: z.string().regex(/^#[0-9a-f]{3,8}$/i),
  }),
  section: z.string().max(64).nullable(),
  cursor: z.object({ anchor: relativePosition, head: relativePosition }).nullable(),
};

/** The state with only its well-formed known fields; null stays null (y-protocols' "left"). */
export function sanitizePresenceJson(json: string): string {
  let state: unknown;
  try {
    state = JSON.parse(json);
  } catch {
    return '{}';
  }
  if (state === null) return 'null';
  if (typeof state !== 'object' || Array.isArray(state)) return '{}';
  const kept: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(PRESENCE_FIELDS)) {
    if (!(field in state)) continue;
    const parsed = schema.safeParse((state as Record<string, unknown>)[field]);
    if (parsed.success) kept[field] = parsed.data;
  }
  return JSON.stringify(kept);
}
