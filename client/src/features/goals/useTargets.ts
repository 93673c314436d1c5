// The persona's targets and their two keys reach React through useSyncExternalStore, current under
// local and remote changes; only genuine sign-offs count (SPEC §6, §8).
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { Attribution } from '../../../../shared/persona/authors.ts';
import { getSignoff, getTargets } from '../../../../shared/persona/schema.ts';
import type { SectionSignoff, SideSignoff, SignoffStatus } from '../../../../shared/persona/signoff.ts';
import type { Target, TargetSignoff } from '../../../../shared/persona/targets.ts';
import { readTargets } from '../../../../shared/persona/targets.ts';

/** A target with each side's key in the shape the section keys use, so the same components show it. */
export interface TargetState extends Target {
  agreed: boolean;
  signoff: SectionSignoff;
}

function sideState(signer: TargetSignoff | null): SideSignoff {
  if (!signer) return { state: 'missing' };
  return { state: signer.stale ? 'stale' : 'current', by: signer.by, at: signer.at };
}

function statusOf(a: SideSignoff, b: SideSignoff): SignoffStatus {
  if (a.state === 'stale' || b.state === 'stale') return 'stale';
  if (a.state === 'current' && b.state === 'current') return 'signed';
  if (a.state === 'current' || b.state === 'current') return 'partial';
  return 'unsigned';
}

/** Every target, in document order, with its keys. */
export function readTargetStates(doc: Y.Doc, attribution: Attribution): TargetState[] {
  return readTargets(doc, attribution).map((target) => {
    const marketing = sideState(target.signoffs.marketing);
    const sales = sideState(target.signoffs.sales);
    const status = statusOf(marketing, sales);
    return { id: target.id, metric: target.metric, value: target.value, period: target.period, agreed: status === 'signed', signoff: { marketing, sales, status } };
  });
}

interface Store {
  subscribe: (listener: () => void) => () => void;
  get: () => readonly TargetState[];
}

export function createTargetsStore(doc: Y.Doc, attribution: Attribution): Store {
  let snapshot: readonly TargetState[] = readTargetStates(doc, attribution);
  let serialized = JSON.stringify(snapshot);
  const refresh = (): boolean => {
    const next = readTargetStates(doc, attribution);
    const text = JSON.stringify(next);
    if (text === serialized) return false;
    snapshot = next;
    serialized = text;
    return true;
  };
  return {
    subscribe(listener) {
      if (refresh()) listener();
      const onChange = () => {
        if (refresh()) listener();
      };
      const targets = getTargets(doc);
      const signoff = getSignoff(doc);
      targets.observeDeep(onChange);
      signoff.observeDeep(onChange);
      return () => {
        targets.unobserveDeep(onChange);
        signoff.unobserveDeep(onChange);
      };
    },
    get: () => snapshot,
  };
}

/** The persona's targets with their keys; a new array only when something shown changed. */
export function useTargets(doc: Y.Doc, attribution: Attribution): readonly TargetState[] {
  const store = useMemo(() => createTargetsStore(doc, attribution), [doc, attribution]);
  return useSyncExternalStore(store.subscribe, store.get);
}
