// Evidence and claim links reach React through useSyncExternalStore over the Yjs document.
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { Attribution } from '../../../../shared/persona/authors.ts';
import type { SectionAlignment } from '../../../../shared/persona/alignment.ts';
import { alignmentBySection, countBySide, personaBalance } from '../../../../shared/persona/alignment.ts';
import type { PersonaBalance } from '../../../../shared/persona/alignment.ts';
import { readEvidence } from '../../../../shared/persona/evidence.ts';
import { linkedEvidenceIds } from '../../../../shared/persona/links.ts';
import { getEvidence, getSection, SECTION_KEYS } from '../../../../shared/persona/schema.ts';
import type { EvidenceItem, SectionKey, Side } from '../../../../shared/persona/types.ts';
import type { Store } from '../../collab/deepStore.ts';
import { deepStore } from '../../collab/deepStore.ts';

/** Transaction origin of this browser's evidence changes. */
export const EVIDENCE_ORIGIN = Symbol('tandem.evidence');

export interface EvidenceSnapshot {
  items: readonly EvidenceItem[];
  byId: ReadonlyMap<string, EvidenceItem>;
  sideOf: ReadonlyMap<string, Side>;
  /** Items in a bad shape (written by some other client), left off the board. */
  skipped: number;
}

/** With an `attribution`, each item's author and side are the server's word (SPEC §6). */
export function readEvidenceSnapshot(doc: Y.Doc, attribution?: Attribution): EvidenceSnapshot {
  const { items, skipped } = readEvidence(doc, attribution);
  return {
    items,
    byId: new Map(items.map((item) => [item.id, item])),
    sideOf: new Map(items.map((item) => [item.id, item.side])),
    skipped,
  };
}

export function useEvidence(doc: Y.Doc, attribution?: Attribution): EvidenceSnapshot {
  const store = useMemo(() => deepStore(getEvidence(doc), () => readEvidenceSnapshot(doc, attribution)), [doc, attribution]);
  return useSyncExternalStore(store.subscribe, store.get);
}

export type LinkedIds = Readonly<Record<SectionKey, ReadonlySet<string>>>;

function readLinkedIds(doc: Y.Doc): LinkedIds {
  const linked = {} as Record<SectionKey, ReadonlySet<string>>;
  for (const key of SECTION_KEYS) linked[key] = linkedEvidenceIds(getSection(doc, key));
  return linked;
}

/** The evidence ids each section's claims link to; only the section that changed is read again. */
export function useLinkedIds(doc: Y.Doc): LinkedIds {
  const store = useMemo<Store<LinkedIds>>(() => {
    let snapshot = readLinkedIds(doc);
    return {
      subscribe(listener) {
        const unsubscribers = SECTION_KEYS.map((key) => {
          const fragment = getSection(doc, key);
          const observer = () => {
            const next = linkedEvidenceIds(fragment);
            const current = snapshot[key];
            if (next.size === current.size && [...next].every((id) => current.has(id))) return;
            snapshot = { ...snapshot, [key]: next };
            listener();
          };
          fragment.observeDeep(observer);
          return () => fragment.unobserveDeep(observer);
        });
        return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
      },
      get: () => snapshot,
    };
  }, [doc]);
  return useSyncExternalStore(store.subscribe, store.get);
}

export interface Alignment {
  bySection: Readonly<Record<SectionKey, SectionAlignment>>;
  balance: PersonaBalance;
}

export function useAlignment(evidence: readonly EvidenceItem[], linked: LinkedIds): Alignment {
  return useMemo(() => {
    const bySection = alignmentBySection(evidence, linked);
    return { bySection, balance: personaBalance(countBySide(evidence), bySection) };
  }, [evidence, linked]);
}
