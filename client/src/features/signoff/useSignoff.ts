// Two-key sign-off reaches React through useSyncExternalStore: a section's fingerprint is worked out
// again only when that section (or the sign-offs) changed, and only while someone has signed it.
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { Attribution } from '../../../../shared/persona/authors.ts';
import { getSection, getSignoff, SECTION_KEYS, signoffKey } from '../../../../shared/persona/schema.ts';
import type { SectionSignoff, SideSignoff, Signer } from '../../../../shared/persona/signoff.ts';
import type { CountedSignoffs } from '../../../../shared/persona/signoff.ts';
import {
  readCountedSignoffs,
  readStoredSignoffs,
  sectionFingerprint,
  sectionSignoffState,
  signOffSection,
  withdrawSignoff,
} from '../../../../shared/persona/signoff.ts';
import type { SectionKey, Side, SignOff } from '../../../../shared/persona/types.ts';

/**
 * Transaction origin of this browser's sign-offs and withdrawals. Not one the editors' undo managers
 * track, so Undo in a section never takes a sign-off back.
 */
export const SIGNOFF_ORIGIN = Symbol('tandem.signoff');

export type Signoffs = Readonly<Record<SectionKey, SectionSignoff>>;

const UNSIGNED: SectionSignoff = Object.freeze({
  marketing: Object.freeze({ state: 'missing' }),
  sales: Object.freeze({ state: 'missing' }),
  status: 'unsigned',
}) as SectionSignoff;

function sameSide(a: SideSignoff, b: SideSignoff): boolean {
  if (a.state === 'missing' || b.state === 'missing') {
    return a.state === b.state && Boolean(a.state === 'missing' && a.signAgain) === Boolean(b.state === 'missing' && b.signAgain);
  }
  return a.state === b.state && a.by === b.by && a.at === b.at;
}

function sameSignoff(a: SectionSignoff, b: SectionSignoff): boolean {
  return a.status === b.status && sameSide(a.marketing, b.marketing) && sameSide(a.sales, b.sales);
}

function sameStored(a: SignOff | undefined, b: SignOff | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.by === b.by && a.at === b.at && a.fingerprint === b.fingerprint);
}

interface Store {
  subscribe: (listener: () => void) => () => void;
  get: () => Signoffs;
}

/**
 * Every section's sign-off state, kept current as the document changes. A keystroke in a section
 * that nobody has signed costs nothing; in a signed one it costs that one section's fingerprint.
 * The snapshot (and each section's entry) keeps its identity while nothing visible changed.
 * With an `attribution`, only genuine sign-offs count (SPEC §6), named as their signer.
 */
export function createSignoffStore(doc: Y.Doc, attribution?: Attribution): Store {
  const map = getSignoff(doc);
  const read = (): CountedSignoffs =>
    attribution ? readCountedSignoffs(doc, attribution) : { genuine: readStoredSignoffs(doc), signAgain: new Set() };
  let { genuine: stored, signAgain } = read();
  const fingerprints = new Map<SectionKey, string>();

  const stateOf = (section: SectionKey): SectionSignoff => {
    const marketingKey = signoffKey(section, 'marketing');
    const salesKey = signoffKey(section, 'sales');
    const marketing = stored[marketingKey];
    const sales = stored[salesKey];
    const again = { marketing: signAgain.has(marketingKey), sales: signAgain.has(salesKey) };
    // Nobody signed: the content does not matter, so neither does its fingerprint.
    if (!marketing && !sales && !again.marketing && !again.sales) return UNSIGNED;
    let fingerprint = fingerprints.get(section);
    if (fingerprint === undefined) {
      fingerprint = sectionFingerprint(doc, section);
      fingerprints.set(section, fingerprint);
    }
    return sectionSignoffState(fingerprint, { marketing, sales }, again);
  };

  const readAll = (): Signoffs => {
    const all = {} as Record<SectionKey, SectionSignoff>;
    for (const section of SECTION_KEYS) all[section] = stateOf(section);
    return all;
  };

  let snapshot = readAll();

  /** Re-reads the given sections; true when the snapshot changed. */
  const refresh = (sections: readonly SectionKey[]): boolean => {
    let next: Record<SectionKey, SectionSignoff> | null = null;
    for (const section of sections) {
      const state = stateOf(section);
      if (sameSignoff(state, snapshot[section])) continue;
      next ??= { ...snapshot };
      next[section] = state;
    }
    if (next) snapshot = next;
    return next !== null;
  };

  return {
    subscribe(listener) {
      // Anything may have changed while nobody listened: start from the document as it is.
      fingerprints.clear();
      ({ genuine: stored, signAgain } = read());
      if (refresh(SECTION_KEYS)) listener();

      const unsubscribers = SECTION_KEYS.map((section) => {
        const fragment = getSection(doc, section);
        const observer = () => {
          fingerprints.delete(section);
          if (refresh([section])) listener();
        };
        fragment.observeDeep(observer);
        return () => fragment.unobserveDeep(observer);
      });
      const onSignoffs = () => {
        const previous = stored;
        const previousAgain = signAgain;
        ({ genuine: stored, signAgain } = read());
        const changed = (key: string) => !sameStored(previous[key], stored[key]) || previousAgain.has(key) !== signAgain.has(key);
        const touched = SECTION_KEYS.filter((section) => changed(signoffKey(section, 'marketing')) || changed(signoffKey(section, 'sales')));
        if (refresh(touched)) listener();
      };
      map.observeDeep(onSignoffs);
      return () => {
        unsubscribers.forEach((unsubscribe) => unsubscribe());
        map.unobserveDeep(onSignoffs);
      };
    },
    get: () => snapshot,
  };
}

/** Each section's sign-off state (SPEC §2 `signoff`), current under local and remote changes; genuine ones only given an `attribution`. */
export function useSignoffs(doc: Y.Doc, attribution?: Attribution): Signoffs {
  const store = useMemo(() => createSignoffStore(doc, attribution), [doc, attribution]);
  return useSyncExternalStore(store.subscribe, store.get);
}

/** Signs a section off, as it is now, for the signer's side, as this browser's sign-off. */
export function signOff(doc: Y.Doc, section: SectionKey, signer: Signer): SignOff {
  return signOffSection(doc, section, signer, { origin: SIGNOFF_ORIGIN });
}

/** Withdraws one side's sign-off of a section, as this browser's change. */
export function withdraw(doc: Y.Doc, section: SectionKey, side: Side): boolean {
  return withdrawSignoff(doc, section, side, SIGNOFF_ORIGIN);
}

export interface SignoffCounts {
  total: number;
  signed: number;
  partial: number;
  stale: number;
  unsigned: number;
}

/** How many sections are in each sign-off status. */
export function countSignoffs(signoffs: Signoffs): SignoffCounts {
  const counts: SignoffCounts = { total: SECTION_KEYS.length, signed: 0, partial: 0, stale: 0, unsigned: 0 };
  for (const section of SECTION_KEYS) counts[signoffs[section].status]++;
  return counts;
}
