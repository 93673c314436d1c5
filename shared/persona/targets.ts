// Targets on the persona (SPEC §8): `{ id, metric, value, period }` maps in the `targets` root, each
// agreed only when both teams signed it off (`target:<id>:<side>` in `signoff`, stale on any change).
import * as Y from 'yjs';
import { z } from 'zod';
import { METRICS, maxTargetValue } from '../scorecard/metrics.ts';
import type { Metric } from '../scorecard/metrics.ts';
import { isPeriod } from '../scorecard/periods.ts';
import type { Period } from '../scorecard/periods.ts';
import type { Attribution } from './authors.ts';
import { PersonaShapeError, signoffFromYjs, signoffToYjs } from './converters.ts';
import { newItemId } from './evidence.ts';
import { ITEM_ID_PATTERN, SIDES, getSignoff, getTargets } from './schema.ts';
import type { Signer } from './signoff.ts';
import { signerSchema } from './signoff.ts';
import { textFingerprint } from './signoffRules.ts';
import type { Side, SignOff } from './types.ts';

export interface TargetInput {
  metric: Metric;
  value: number;
  period: Period;
}

export interface Target extends TargetInput {
  id: string;
}

/** One side's genuine sign-off of a target: the member who signed, and whether the target changed since. */
export interface TargetSignoff {
  by: string;
  memberId: string;
  at: string;
  stale: boolean;
}

export interface TargetView extends Target {
  /** Both teams signed the target as it is now, each by a member of that team (SPEC §6, §8). */
  agreed: boolean;
  signoffs: Record<Side, TargetSignoff | null>;
}

export const targetInputSchema = z
  .object({
    metric: z.enum(METRICS, 'metric must be winRate, avgDealSize, salesCycleDays, dealsWon or pipelineCreated'),
    value: z.number('value must be a number').finite().nonnegative('value must not be negative'),
    period: z.string().refine(isPeriod, 'period must be a year (2027), a quarter (2027-Q1) or a month (2027-01)'),
  })
  .refine((target) => target.value <= maxTargetValue(target.metric), { message: 'a win rate is at most 100', path: ['value'] });

const storedTargetSchema = z.object({ id: z.string().regex(ITEM_ID_PATTERN) }).and(targetInputSchema);

/** The sign-off key of one side of a target. */
export function targetSignoffKey(id: string, side: Side): `target:${string}:${Side}` {
  return `target:${id}:${side}`;
}

/** Keys a `signoff` map may hold for targets (the shape guard allows them beside the sections'). */
export const TARGET_SIGNOFF_KEY_PATTERN = /^target:[A-Za-z0-9_-]{1,64}:(marketing|sales)$/;

export function isTargetSignoffKey(value: unknown): value is ReturnType<typeof targetSignoffKey> {
  return typeof value === 'string' && TARGET_SIGNOFF_KEY_PATTERN.test(value);
}

/** What a sign-off of the target vouches for: its metric, value and period; any change makes it stale. */
export function targetFingerprint(target: TargetInput): string {
  return textFingerprint(JSON.stringify([target.metric, target.value, target.period]));
}

/** Adds a proposed target (nobody has signed it yet); throws a PersonaShapeError on a bad one. */
export function addTarget(doc: Y.Doc, input: TargetInput, options: { origin?: unknown; id?: string } = {}): Target {
  const target: Target = { id: options.id ?? newItemId(), ...parseTarget(input) };
  doc.transact(() => getTargets(doc).push([new Y.Map<unknown>(Object.entries(target))]), options.origin);
  return target;
}

/** Changes a target's fields; every sign-off of it goes stale (its fingerprint changes). False when there is none. */
export function updateTarget(doc: Y.Doc, id: string, changes: Partial<TargetInput>, origin?: unknown): boolean {
  const map = findTargetMap(doc, id);
  if (map === null) return false;
  const current = readTargetMap(map);
  const next = parseTarget({ ...(current ?? {}), ...changes } as TargetInput);
  doc.transact(() => {
    for (const field of ['metric', 'value', 'period'] as const) {
      if (map.get(field) !== next[field]) map.set(field, next[field]);
    }
  }, origin);
  return true;
}

/** Removes a target and both of its sign-offs. False when there is none. */
export function removeTarget(doc: Y.Doc, id: string, origin?: unknown): boolean {
  const targets = getTargets(doc);
  const index = targets.toArray().findIndex((map) => map instanceof Y.Map && map.get('id') === id);
  if (index < 0) return false;
  doc.transact(() => {
    targets.delete(index, 1);
    for (const side of SIDES) getSignoff(doc).delete(targetSignoffKey(id, side));
  }, origin);
  return true;
}

/** Signs a target off, as it is now, for the signer's side. Null when there is no such target. */
export function signOffTarget(
  doc: Y.Doc,
  id: string,
  signer: Signer,
  options: { origin?: unknown; now?: Date } = {},
): SignOff | null {
  const map = findTargetMap(doc, id);
  const target = map && readTargetMap(map);
  if (!target) return null;
  const { by, side } = signerSchema.parse(signer);
  const signoff: SignOff = { by, at: (options.now ?? new Date()).toISOString(), fingerprint: targetFingerprint(target) };
  doc.transact(() => getSignoff(doc).set(targetSignoffKey(id, side), signoffToYjs(signoff)), options.origin);
  return signoff;
}

/** Withdraws one side's sign-off of a target; false when there was none. */
export function withdrawTargetSignoff(doc: Y.Doc, id: string, side: Side, origin?: unknown): boolean {
  const map = getSignoff(doc);
  const key = targetSignoffKey(id, side);
  if (!map.has(key)) return false;
  doc.transact(() => map.delete(key), origin);
  return true;
}

/** The targets as stored, in order; one in a bad shape is left out (tolerant, like the evidence). */
export function readStoredTargets(doc: Y.Doc): Target[] {
  return getTargets(doc)
    .toArray()
    .flatMap((map) => {
      const target = map instanceof Y.Map ? readTargetMap(map) : null;
      return target ? [target] : [];
    });
}

/**
 * Every target with its sign-offs as the server attributes them: a sign-off counts only when a
 * member of that side's team wrote all of it (Attribution.signerOf); a forged one, the Operator's
 * or one from before members is no sign-off. Agreed: both count and neither is stale.
 */
export function readTargets(doc: Y.Doc, attribution: Attribution): TargetView[] {
  const stored = getSignoff(doc);
  return readStoredTargets(doc).map((target) => {
    const fingerprint = targetFingerprint(target);
    const sideOf = (side: Side): TargetSignoff | null => {
      const value: unknown = stored.get(targetSignoffKey(target.id, side));
      if (!(value instanceof Y.Map)) return null;
      const signer = attribution.signerOf(value as Y.Map<unknown>, side);
      if (signer === null || signer.id === null) return null;
      try {
        const signoff = signoffFromYjs(value, `signoff["${targetSignoffKey(target.id, side)}"]`);
        return { by: signer.name, memberId: signer.id, at: signoff.at, stale: signoff.fingerprint !== fingerprint };
      } catch (error) {
        if (!(error instanceof PersonaShapeError)) throw error;
        return null;
      }
    };
    const signoffs = { marketing: sideOf('marketing'), sales: sideOf('sales') };
    const agreed = SIDES.every((side) => signoffs[side] !== null && !signoffs[side].stale);
    return { ...target, agreed, signoffs };
  });
}

function findTargetMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  for (const map of getTargets(doc)) if (map instanceof Y.Map && map.get('id') === id) return map;
  return null;
}

function readTargetMap(map: Y.Map<unknown>): Target | null {
  const parsed = storedTargetSchema.safeParse(map.toJSON());
  return parsed.success ? { id: parsed.data.id, metric: parsed.data.metric, value: parsed.data.value, period: parsed.data.period } : null;
}

function parseTarget(input: TargetInput): TargetInput {
  const parsed = targetInputSchema.safeParse(input);
  if (!parsed.success) throw new PersonaShapeError(`target: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}
