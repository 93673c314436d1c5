// Personas made before issue 13 hold the old B2B template's examples and prompts as content. On
// the first open of such a persona the server removes what nobody has touched, so the client shows
// it as guidance instead; a section or field that a person changed at all is kept whole.
import * as Y from 'yjs';
import { fragmentToJSON, writeFragmentFromJSON } from '../../shared/persona/richText.ts';
import type { ProfileField, SectionKey } from '../../shared/persona/schema.ts';
import { getProfile, getSection, SECTION_KEYS } from '../../shared/persona/schema.ts';
import { LEGACY_B2B_TEMPLATES } from './legacyTemplates.ts';

/** The profile fields whose old template values were examples; the name and avatar were the persona's own. */
const EXAMPLE_FIELDS = ['role', 'segment', 'companySize', 'location'] as const satisfies readonly ProfileField[];

/** Each section's old template content, in every language, as the reader reads it back. */
let legacySections: Map<SectionKey, Set<string>> | null = null;

function legacySectionTexts(): Map<SectionKey, Set<string>> {
  if (legacySections) return legacySections;
  const bySection = new Map<SectionKey, Set<string>>(SECTION_KEYS.map((key) => [key, new Set<string>()]));
  for (const template of LEGACY_B2B_TEMPLATES) {
    const doc = new Y.Doc();
    for (const key of SECTION_KEYS) {
      const content = template.sections[key];
      if (!content) continue;
      writeFragmentFromJSON(getSection(doc, key), { type: 'doc', content });
      bySection.get(key)?.add(JSON.stringify(fragmentToJSON(getSection(doc, key))));
    }
    doc.destroy();
  }
  legacySections = bySection;
  return bySection;
}

/** The section as the reader sees it, for comparing; null when it cannot be read (it is then left alone). */
function sectionText(doc: Y.Doc, key: SectionKey): string | null {
  try {
    return JSON.stringify(fragmentToJSON(getSection(doc, key)));
  } catch {
    return null;
  }
}

/**
 * Removes, in the caller's transaction, every section and example field of `doc` still exactly as
 * the old B2B template wrote it (in English or Spanish). Returns whether any was found: the persona
 * was then made from the B2B template, whose guidance it shows from now on.
 */
export function removeUntouchedTemplateText(doc: Y.Doc): boolean {
  let found = false;
  const legacy = legacySectionTexts();
  for (const key of SECTION_KEYS) {
    const fragment = getSection(doc, key);
    if (fragment.length === 0) continue;
    const text = sectionText(doc, key);
    if (text === null || !legacy.get(key)?.has(text)) continue;
    fragment.delete(0, fragment.length);
    found = true;
  }
  const profile = getProfile(doc);
  // The template wrote every field in the transaction that wrote createdAt; a person's value, even
  // the same words typed again, was written by another client.
  const templateWriter = writerOf(profile, 'createdAt');
  for (const field of EXAMPLE_FIELDS) {
    const value = profile.get(field);
    if (value === undefined || value === '' || writerOf(profile, field) !== templateWriter) continue;
    if (!LEGACY_B2B_TEMPLATES.some((template) => template.profile[field] === value)) continue;
    profile.delete(field);
    found = true;
  }
  return found;
}

/** The Yjs client id that wrote a map entry's current value; null when there is none. */
function writerOf<T>(map: Y.Map<T>, key: string): number | null {
  return map._map.get(key)?.id.client ?? null;
}
