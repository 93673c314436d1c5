import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../shared/locale.ts';
import { REFERENCE_LETTERS, labelMessages } from '../../../shared/persona/labels.ts';
import { buildPdfLayout } from '../../../server/pdf/layout.ts';
import { PDF_STRINGS } from '../../../server/pdf/strings.ts';
import { ES_PERSONA, ES_VERSION_META } from './pdfFixtures.ts';

describe('PDF strings', () => {
  it.each(LOCALES)('take section, side, evidence-kind and alignment names from the shared labels (%s)', (locale) => {
    const shared = labelMessages(locale);
    expect(Object.keys(shared).length).toBeGreaterThan(0);
    for (const [key, label] of Object.entries(shared)) expect(PDF_STRINGS[locale][key as keyof typeof shared], key).toBe(label);
  });

  it.each(LOCALES)('name the shared reference letters in the evidence summary (%s)', (locale) => {
    const { intro } = buildPdfLayout(ES_PERSONA, ES_VERSION_META, locale).evidence;
    const letters = REFERENCE_LETTERS[locale];
    expect(intro).toContain(`${letters.marketing} `);
    expect(intro).toContain(`${letters.sales} `);
    expect(intro).not.toMatch(/\{\w+\}/);
  });
});
