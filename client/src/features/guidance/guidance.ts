// What an empty field or section shows: the template's guidance, as a placeholder, never as content.
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { TemplateName } from '../../../../shared/api.ts';
import { fragmentToPlainText } from '../../../../shared/persona/richText.ts';
import type { SectionKey } from '../../../../shared/persona/schema.ts';
import { getSection, SECTION_KEYS } from '../../../../shared/persona/schema.ts';
import type { MessageKey, Translate } from '../../i18n/index.ts';

export type GuidedField = 'role' | 'segment' | 'companySize' | 'location';

const BLANK_FIELD: Record<GuidedField, MessageKey> = {
  role: 'profile.rolePlaceholder',
  segment: 'profile.segmentPlaceholder',
  companySize: 'profile.companySizePlaceholder',
  location: 'profile.locationPlaceholder',
};

/** The guidance of an empty section: the B2B template's prompts, or the plain hint of a blank persona. */
export function sectionGuidance(t: Translate, template: TemplateName, section: SectionKey): string {
  return template === 'b2b' ? t(`guidance.b2b.${section}`) : t(`section.${section}.placeholder`);
}

/** The guidance of an empty profile field: the B2B template's example, or what the field is for. */
export function fieldGuidance(t: Translate, template: TemplateName, field: GuidedField): string {
  return template === 'b2b' ? t(`guidance.b2b.profile.${field}`) : t(BLANK_FIELD[field]);
}

/** Whether a section has no text: "Not started", nothing to sign off (only guidance shows there). */
export function isNotStarted(doc: Y.Doc, section: SectionKey): boolean {
  return fragmentToPlainText(getSection(doc, section)).trim() === '';
}

/** The sections with no text yet, kept current as the document changes (a keystroke re-reads its own section only). */
export function useNotStarted(doc: Y.Doc): ReadonlySet<SectionKey> {
  const store = useMemo(() => {
    let snapshot: ReadonlySet<SectionKey> = new Set(SECTION_KEYS.filter((section) => isNotStarted(doc, section)));
    const update = (section: SectionKey): boolean => {
      const empty = isNotStarted(doc, section);
      if (empty === snapshot.has(section)) return false;
      const next = new Set(snapshot);
      if (empty) next.add(section);
      else next.delete(section);
      snapshot = next;
      return true;
    };
    return {
      subscribe(listener: () => void) {
        if (SECTION_KEYS.map(update).some(Boolean)) listener();
        const unsubscribers = SECTION_KEYS.map((section) => {
          const fragment = getSection(doc, section);
          const observer = () => {
            if (update(section)) listener();
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
