// The workshop's History tab: the draft's checkpoints and the published versions, each openable and restorable.
import { CircleCheck, History as HistoryIcon, LoaderCircle, RefreshCw, Upload } from 'lucide-react';
import { useState } from 'react';
import type * as Y from 'yjs';
import type { Checkpoint, VersionMeta } from '../../../../shared/api.ts';
import type { Attribution } from '../../../../shared/persona/authors.ts';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import { ApiRequestError, type ApiClient } from '../../api/http.ts';
import { useFetch } from '../../api/useFetch.ts';
import { formatRelative } from '../../i18n/format.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { useNow } from '../../i18n/useNow.ts';
import { RetryNotice } from '../../ui/RetryNotice.tsx';
import { TeamBadge } from '../../ui/TeamBadge.tsx';
import { formatDateTime } from '../library/LibraryCommon.tsx';
import { HistoryEntryView, type HistorySelection } from './HistoryEntryView.tsx';
import './history.css';

export interface HistoryPanelProps {
  personaId: string;
  doc: Y.Doc;
  attribution: Attribution;
  readOnly: boolean;
}

interface HistoryLists {
  checkpoints: Checkpoint[];
  versions: VersionMeta[];
}

/** The checkpoints, and the published versions (none before the first publish). */
async function loadHistory(api: ApiClient, personaId: string, signal: AbortSignal): Promise<HistoryLists> {
  const versions = api.getPublished(personaId, undefined, signal).then(
    (published) => published.versions,
    (error: unknown) => {
      if (error instanceof ApiRequestError && error.status === 404) return [];
      throw error;
    },
  );
  const [checkpoints, published] = await Promise.all([api.getHistory(personaId, signal), versions]);
  return { checkpoints, versions: published };
}

export function HistoryPanel({ personaId, doc, attribution, readOnly }: HistoryPanelProps) {
  const t = useT();
  const api = useApi();
  const [refresh, setRefresh] = useState(0);
  const [selected, setSelected] = useState<HistorySelection | null>(null);
  const [restored, setRestored] = useState(false);
  const fetched = useFetch(`${personaId}\u0000${refresh}`, (signal) => loadHistory(api, personaId, signal));

  if (selected) {
    return (
      <HistoryEntryView
        personaId={personaId}
        doc={doc}
        attribution={attribution}
        readOnly={readOnly}
        selection={selected}
        onBack={() => setSelected(null)}
        onRestored={() => {
          setSelected(null);
          setRestored(true);
          setRefresh((n) => n + 1);
        }}
      />
    );
  }

  const lists = fetched.data;
  return (
    <section className="history" data-testid="history" aria-labelledby="history-title">
      <header className="history__head">
        <h2 className="history__title" id="history-title">
          <HistoryIcon aria-hidden size={16} /> {t('history.title')}
        </h2>
        <button type="button" className="button button--small button--ghost" onClick={() => setRefresh((n) => n + 1)} disabled={fetched.status === 'loading'}>
          <RefreshCw aria-hidden size={14} /> {t('history.refresh')}
        </button>
      </header>
      <p className="history__intro">{t('history.intro')}</p>
      {restored ? (
        <p className="notice notice--info" role="status" data-testid="history-restored">
          <CircleCheck aria-hidden size={16} /> {t('history.restore.done')}
        </p>
      ) : null}
      {fetched.status === 'error' ? (
        <RetryNotice onRetry={fetched.retry}>
          {t('history.error')} {describeError(t, fetched.error)}
        </RetryNotice>
      ) : null}
      {lists ? (
        <>
          <h3 className="history__group">{t('history.checkpoints')}</h3>
          {lists.checkpoints.length === 0 ? (
            <p className="history__empty">{t('history.empty')}</p>
          ) : (
            <ol className="history__list">
              {lists.checkpoints.map((checkpoint) => (
                <li key={checkpoint.id}>
                  <CheckpointEntry checkpoint={checkpoint} onOpen={() => setSelected({ kind: 'checkpoint', checkpoint })} />
                </li>
              ))}
            </ol>
          )}
          <h3 className="history__group">{t('history.versions')}</h3>
          {lists.versions.length === 0 ? (
            <p className="history__empty">{t('history.noVersions')}</p>
          ) : (
            <ol className="history__list">
              {lists.versions.map((version) => (
                <li key={version.version}>
                  <VersionEntry version={version} onOpen={() => setSelected({ kind: 'version', version })} />
                </li>
              ))}
            </ol>
          )}
        </>
      ) : fetched.status === 'loading' ? (
        <p className="notice" role="status">
          <LoaderCircle aria-hidden size={16} className="spin" /> {t('history.loading')}
        </p>
      ) : null}
    </section>
  );
}

/** "24 Nov 2026, 14:05 · 3 minutes ago". */
function When({ at }: { at: string }) {
  const locale = useLocale();
  const now = useNow();
  return (
    <time className="history-entry__when" dateTime={at}>
      {formatDateTime(at, locale)} <span className="history-entry__ago">· {formatRelative(at, locale, now)}</span>
    </time>
  );
}

function CheckpointEntry({ checkpoint, onOpen }: { checkpoint: Checkpoint; onOpen: () => void }) {
  const t = useT();
  const locale = useLocale();
  return (
    <button
      type="button"
      className={`history-entry history-entry--${checkpoint.kind}`}
      data-checkpoint-kind={checkpoint.kind}
      aria-label={`${t('history.open', { date: formatDateTime(checkpoint.at, locale) })}, ${t(`history.kind.${checkpoint.kind}`)}`}
      onClick={onOpen}
    >
      <span className="history-entry__line">
        <When at={checkpoint.at} />
        <span className={`history-entry__kind history-entry__kind--${checkpoint.kind}`}>{t(`history.kind.${checkpoint.kind}`)}</span>
      </span>
      {checkpoint.authors.length === 0 ? (
        <span className="history-entry__authors history-entry__authors--none">{t('history.noAuthors')}</span>
      ) : (
        <span className="history-entry__authors">
          <span className="visually-hidden">{t('history.by')} </span>
          {checkpoint.authors.map((author) => (
            <span key={author.id ?? author.name} className="history-entry__author">
              <TeamBadge team={author.team} compact />
              {author.name}
            </span>
          ))}
        </span>
      )}
    </button>
  );
}

function VersionEntry({ version, onOpen }: { version: VersionMeta; onOpen: () => void }) {
  const t = useT();
  return (
    <button type="button" className="history-entry history-entry--version" aria-label={t('history.openVersion', { version: version.version })} onClick={onOpen}>
      <span className="history-entry__line">
        <When at={version.publishedAt} />
        <span className="history-entry__kind history-entry__kind--version">
          <Upload aria-hidden size={12} /> {t('history.version', { version: version.version })}
        </span>
      </span>
      {version.publishedBy ? (
        <span className="history-entry__authors">
          <span className="history-entry__author">
            <TeamBadge team={version.publishedBy.team} compact />
            {t('history.version.by', { name: version.publishedBy.name })}
          </span>
        </span>
      ) : null}
      {version.note ? <span className="history-entry__note">{version.note}</span> : null}
    </button>
  );
}
