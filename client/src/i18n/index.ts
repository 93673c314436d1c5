import { useCallback } from 'react';
import { useSession } from '../session/context.tsx';
import { en } from './en.ts';
import type { Dictionary, MessageKey } from './en.ts';
import { es } from './es.ts';
import type { Locale } from './locale.ts';

export { detectLocale, LOCALE_STORAGE_KEY, LOCALES } from './locale.ts';
export type { Locale } from './locale.ts';
export type { MessageKey };

const dictionaries: Record<Locale, Dictionary> = { en, es };

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
