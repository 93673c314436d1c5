import { useCallback } from 'react';
import { useSession } from '../session/context.tsx';
import { en } from './en.ts';
import type { Dictionary, MessageKey } from './en.ts';
import { es } from './es.ts';

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export type { MessageKey };

export const LOCALE_STORAGE_KEY = 'tandem.locale';

const dictionaries: Record<Locale, Dictionary> = { en, es };

function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** The saved choice first, then the browser's languages in order, then English. */
export function detectLocale(saved: string | null, languages: readonly string[]): Locale {
  if (isLocale(saved)) return saved;
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

export type Params = Readonly<Record<string, string | number>>;

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = dictionaries[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

export type Translate = (key: MessageKey, params?: Params) => string;

export function useT(): Translate {
  const locale = useSession((s) => s.locale);
  return useCallback((key, params) => translate(locale, key, params), [locale]);
}

export function useLocale(): Locale {
  return useSession((s) => s.locale);
}
