// Targets on the persona (SPEC §8): `targets` root, each signed off by both teams to be agreed.
// PROVISIONAL client copy until i16-server's shared/persona/targets.ts lands (same names).
import * as Y from 'yjs';
import type { Metric } from '../scorecard/metrics.ts';
import { isMetric } from '../scorecard/metrics.ts';
import { isPeriod } from '../scorecard/period.ts';
import type { Attribution } from './authors.ts';
import { PersonaShapeError, signoffFromYjs, signoffToYjs } from './converters.ts';
import { newItemId } from './evidence.ts';
import { SIDES, getSignoff, getTargets } from './schema.ts';
import type { Side, SignOff } from './types.ts';

export interface TargetInput {
  metric: Metric;
  value: number;
  period: string;
}

export interface Target extends TargetInput {
  id: string;
}

export interface TargetSigner {
  by: string;
  memberId: string;
  at: string;
  current: boolean;
}

export interface TargetView extends Target {
  agreed: boolean;
  signoffs: Record<Side, TargetSigner | null>;
}

export function targetSignoffKey(id: string, side: Side): `target:${string}:${Side}` {
  return `target:${id}:${side}`;
}

/** The fingerprint a target's sign-off holds: a change to metric, value or period makes it stale. */
export function targetFingerprint({ metric, value, period }: TargetInput): string {
  return `${metric}|${value}|${period}`;
}

function readTarget(map: unknown): Target | null {
  if (!(map instanceof Y.Map)) return null;
  const id: unknown = map.get('id');
  const metric: unknown = map.get('metric');
  const value: unknown = map.get('value');
  const period: unknown = map.get('period');
  if (typeof id !== 'string' || !isMetric(metric) || typeof value !== 'number' || !Number.isFinite(value) || !isPeriod(period)) return null;
  return { id, metric, value, period };
}

/** The targets in document order; one in a bad shape is skipped. */
export function readTargetList(doc: Y.Doc): Target[] {
  return getTargets(doc)
    .toArray()
    .map(readTarget)
    .filter((target): target is Target => target !== null);
}

function findTargetMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  for (const map of getTargets(doc)) if (map instanceof Y.Map && map.get('id') === id) return map;
  return null;
}

function checkInput(input: TargetInput): TargetInput {
  if (!isMetric(input.metric)) throw new PersonaShapeError('target: unknown metric');
  if (!Number.isFinite(input.value) || input.value < 0) throw new PersonaShapeError('target: value must be a number from 0');
  if (!isPeriod(input.period)) throw new PersonaShapeError('target: period must be a year, quarter or month');
  return { metric: input.metric, value: input.value, period: input.period };
}

export function addTarget(doc: Y.Doc, input: TargetInput, options: { origin?: unknown } = {}): Target {
  const target = { id: newItemId(), ...checkInput(input) };
  doc.transact(() => getTargets(doc).push([new Y.Map<unknown>(Object.entries(target))]), options.origin);
  return target;
}

export function updateTarget(doc: Y.Doc, id: string, input: TargetInput, origin?: unknown): boolean {
  const next = checkInput(input);
  const map = findTargetMap(doc, id);
  if (!map) return false;
  doc.transact(() => {
    for (const [key, value] of Object.entries(next)) if (map.get(key) !== value) map.set(key, value);
  }, origin);
  return true;
}

/** Removes a target and its sign-offs in one transaction. */
export function removeTarget(doc: Y.Doc, id: string, origin?: unknown): boolean {
  const array = getTargets(doc);
  let removed = false;
  doc.transact(() => {
    for (let i = array.length - 1; i >= 0; i -= 1) {
      const map = array.get(i);
      if (map instanceof Y.Map && map.get('id') === id) {
        array.delete(i, 1);
        removed = true;
      }
    }
    for (const side of SIDES) getSignoff(doc).delete(targetSignoffKey(id, side));
  }, origin);
  return removed;
}

export function signOffTarget(doc: Y.Doc, id: string, signer: { by: string; side: Side }, options: { origin?: unknown; now?: Date } = {}): SignOff | null {
  const map = findTargetMap(doc, id);
  const target = map ? readTarget(map) : null;
  if (!target) return null;
  const signoff: SignOff = { by: signer.by, at: (options.now ?? new Date()).toISOString(), fingerprint: targetFingerprint(target) };
  doc.transact(() => getSignoff(doc).set(targetSignoffKey(id, signer.side), signoffToYjs(signoff)), options.origin);
  return signoff;
}

export function withdrawTargetSignoff(doc: Y.Doc, id: string, side: Side, origin?: unknown): boolean {
  const map = getSignoff(doc);
  const key = targetSignoffKey(id, side);
  if (!map.has(key)) return false;
  doc.transact(() => map.delete(key), origin);
  return true;
}

/** Every target with its genuine sign-offs (SPEC §6): agreed when both are current. */
export function readTargets(doc: Y.Doc, attribution: Attribution): TargetView[] {
  const signoffMap = getSignoff(doc);
  return readTargetList(doc).map((target) => {
    const fingerprint = targetFingerprint(target);
    const signerFor = (side: Side): TargetSigner | null => {
      const value: unknown = signoffMap.get(targetSignoffKey(target.id, side));
      if (!(value instanceof Y.Map)) return null;
      const signer = attribution.signerOf(value as Y.Map<unknown>, side);
      if (signer === null || signer.id === null) return null;
      try {
        const stored = signoffFromYjs(value, 'signoff');
        return { by: signer.name, memberId: signer.id, at: stored.at, current: stored.fingerprint === fingerprint };
      } catch (error) {
        if (!(error instanceof PersonaShapeError)) throw error;
        return null;
      }
    };
    const signoffs = { marketing: signerFor('marketing'), sales: signerFor('sales') };
    return { ...target, agreed: Boolean(signoffs.marketing?.current && signoffs.sales?.current), signoffs };
  });
}
