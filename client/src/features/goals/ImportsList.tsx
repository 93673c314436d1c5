import { LoaderCircle } from 'lucide-react';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import { useFetch } from '../../api/useFetch.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { RetryNotice } from '../../ui/RetryNotice.tsx';
import { TeamBadge } from '../../ui/TeamBadge.tsx';

/** Every CRM import, newest first: when, who, how many rows, the file and its SHA-256 (short). */
export function ImportsList({ refresh }: { refresh: number }) {
  const t = useT();
  const locale = useLocale();
  const api = useApi();
  const imports = useFetch(`crm-imports:${refresh}`, (signal) => api.listImports(signal));
  const list = imports.data;
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <details className="goals__imports" data-testid="crm-imports">
      <summary className="goals__minor">
        {t('crm.imports')}
        {list ? <span className="panel__count">{list.length}</span> : null}
      </summary>
      {imports.status === 'error' && !list ? (
        <RetryNotice onRetry={imports.retry}>
          {t('crm.imports.error')} {describeError(t, imports.error)}
        </RetryNotice>
      ) : !list ? (
        <p className="goals__muted" role="status">
          <LoaderCircle aria-hidden size={14} className="spin" /> {t('crm.imports.loading')}
        </p>
      ) : list.length === 0 ? (
        <p className="goals__muted">{t('crm.imports.empty')}</p>
      ) : (
        <ol className="imports-list">
          {list.map((entry) => (
            <li key={entry.id} className="imports-list__item" data-import-id={entry.id}>
              <span className="imports-list__top">
                <time dateTime={entry.at}>{dateFormat.format(new Date(entry.at))}</time>
                <span>{t('crm.imports.rows', { rows: entry.rows })}</span>
              </span>
              <span className="imports-list__who">
                {entry.by ? (
                  <>
                    {t('crm.imports.by', { name: entry.by.name })} <TeamBadge team={entry.by.team} compact />
                  </>
                ) : (
                  t('crm.imports.nobody')
                )}
              </span>
              <span className="imports-list__file">
                {entry.filename ? <span className="imports-list__name">{entry.filename}</span> : null}
                <code title={entry.sha256}>{t('crm.imports.sha', { sha: entry.sha256.slice(0, 12) })}</code>
              </span>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
