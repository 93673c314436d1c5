// The languages Tandem speaks, the same in the interface, the library and the PDF.
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

/** The BCP 47 tag each language formats dates with, and the PDF's `/Lang`. */
export const LOCALE_TAGS: Readonly<Record<Locale, string>> = { en: 'en-GB', es: 'es-ES' };

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}
