import type { MessageKey, Translate } from '../i18n/index.ts';
import { ApiRequestError } from './http.ts';

const KEYS: Partial<Record<ApiRequestError['code'], MessageKey>> = {
  network: 'error.network',
  unauthorized: 'error.unauthorized',
  forbidden: 'error.forbidden',
  not_found: 'error.notFound',
  bad_request: 'error.badRequest',
};

/** A failed call in the reader's language: what happened and what they can do. */
export function describeError(t: Translate, error: unknown): string {
  const key = error instanceof ApiRequestError ? KEYS[error.code] : undefined;
  return t(key ?? 'error.generic');
}
