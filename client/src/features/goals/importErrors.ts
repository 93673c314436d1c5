// What a failed CRM import says: the size and type limits by name, the server's reason for a bad file.
import { ApiRequestError } from '../../api/http.ts';
import { describeError } from '../../api/describeError.ts';
import type { Translate } from '../../i18n/index.ts';

export function describeImportError(t: Translate, error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.status === 413) return t('crm.error.tooLarge');
    if (error.status === 415) return t('crm.error.notCsv');
    if (error.status === 400) return t('crm.error.bad', { message: error.message });
  }
  return describeError(t, error);
}
