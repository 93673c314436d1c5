// Which language a browser gets: no React, no session, so the session store can read it. The languages are in shared/locale.ts.
import { isLocale } from '../../../shared/locale.ts';
import type { Locale } from '../../../shared/locale.ts';

export { LOCALES } from '../../../shared/locale.ts';
export type { Locale } from '../../../shared/locale.ts';
export const LOCALE_STORAGE_KEY = 'tandem.locale';

/** The saved choice first, then the browser's languages in order, then English. */
export function detectLocale(saved: string | null, languages: readonly string[]): Locale {
  if (isLocale(saved)) return saved;
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}
