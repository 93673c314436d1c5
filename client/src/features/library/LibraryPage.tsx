import { BookOpen, LoaderCircle, Search, SearchX, X } from 'lucide-react';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import type { LibraryEntry, LibraryListResponse } from '../../../../shared/api.ts';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import { ApiRequestError } from '../../api/http.ts';
import { useFetch } from '../../api/useFetch.ts';
import { AccessScreen } from '../../ui/AccessScreen.tsx';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { RetryNotice } from '../../ui/RetryNotice.tsx';
import { authorName, formatDateTime, LibraryAvatar, noteLine } from './LibraryCommon.tsx';
import { TeamBadge } from '../../ui/TeamBadge.tsx';
import { formatRelative } from '../../i18n/format.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { useNow } from '../../i18n/useNow.ts';
import { roleAllows } from '../../../../shared/protocol.ts';
import { useSession } from '../../session/context.tsx';

/** How long typing pauses before the library is searched. */
export const SEARCH_DEBOUNCE_MS = 250;

/** What the persona page's back link returns to: the search the reader came from. */
export interface LibraryLinkState {
  librarySearch: string;
}

/** An answer from the library, with the search it answers. */
interface Results {
  response: LibraryListResponse;
  q: string;
  segment: string;
}

/** The read-only library: the latest published version of every persona, searchable, filterable by segment. */
export function LibraryPage() {
  const t = useT();
  const api = useApi();
  const role = useSession((s) => s.role);
  const location = useLocation();
  const searchId = useId();
  const segmentId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const segment = params.get('segment') ?? '';

  // The box shows what is typed; the address holds the query searched, set once typing pauses.
  const [text, setText] = useState(q);
  const [shownQ, setShownQ] = useState(q);
  if (q !== shownQ) {
    // The address changed on its own (back, forward, a shared link): the box follows it.
    setShownQ(q);
    if (text.trim() !== q) setText(q);
  }

  const setParam = useCallback(
    (name: 'q' | 'segment', value: string, replace: boolean) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (value) next.set(name, value);
          else next.delete(name);
          return next;
        },
        { replace },
      );
    },
    [setParams],
  );

  useEffect(() => {
    const next = text.trim();
    if (next === q) return;
    const timer = setTimeout(() => setParam('q', next, true), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, q, setParam]);

  // Each search aborts the one before: an older answer never replaces a newer one.
  const results = useFetch(JSON.stringify([q, segment]), (signal): Promise<Results> => {
    const filter = { ...(q ? { q } : {}), ...(segment ? { segment } : {}) };
    return api.listLibrary(filter, signal).then((response) => ({ response, q, segment }));
  });
  const { error } = results;

  if (error instanceof ApiRequestError && error.status === 401) return <AccessScreen reason="unauthorized" />;

  const pending = results.status === 'loading' || text.trim() !== q;
  // What the list shows: the latest answer, unless the latest search failed.
  const shown = error ? undefined : results.data;
  const segments = results.data?.response.segments ?? [];

  function clearSearch() {
    setText('');
    setParam('q', '', true);
    inputRef.current?.focus();
  }

  function clearFilters() {
    setText('');
    setParams(new URLSearchParams());
    inputRef.current?.focus();
  }

  function onSearchKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape' && text !== '') {
      event.preventDefault();
      clearSearch();
    }
  }

  const segmentOptions = segment && !segments.includes(segment) ? [...segments, segment].sort() : segments;
  // An empty library says so below; a count of nothing would only repeat it.
  const libraryIsEmpty = shown !== undefined && shown.response.personas.length === 0 && !shown.q && !shown.segment;
  const count = shown && !libraryIsEmpty ? shown.response.personas.length : null;

  return (
    <>
      <AppHeader />
      <main className="library" data-testid="library">
        <div className="library__top">
          <h1 className="library__title">{t('library.title')}</h1>
          <p className="library__subtitle">{t('library.subtitle')}</p>
        </div>

        <div className="library__tools" role="search">
          <label className="search library__search" htmlFor={searchId}>
            {pending && text.trim() !== '' ? <LoaderCircle aria-hidden size={16} className="spin" /> : <Search aria-hidden size={16} />}
            <span className="visually-hidden">{t('library.search')}</span>
            <input
              ref={inputRef}
              id={searchId}
              type="search"
              className="search__input"
              placeholder={t('library.searchPlaceholder')}
              value={text}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={onSearchKeyDown}
              autoComplete="off"
              spellCheck={false}
            />
            {text !== '' ? (
              <button type="button" className="library__clear" onClick={clearSearch} aria-label={t('library.clearSearch')} title={t('library.clearSearch')}>
                <X aria-hidden size={16} />
              </button>
            ) : null}
          </label>
          <div className="library__segment">
            <label className="visually-hidden" htmlFor={segmentId}>
              {t('library.segment')}
            </label>
            <select id={segmentId} className="input library__select" value={segment} onChange={(e) => setParam('segment', e.target.value, false)}>
              <option value="">{t('library.allSegments')}</option>
              {segmentOptions.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
        </div>

        <p className="library__count" role="status" data-testid="library-count">
          {count === null ? '' : count === 0 ? t('library.count.none') : count === 1 ? t('library.count.one') : t('library.count.other', { count })}
        </p>

        {error ? (
          <RetryNotice onRetry={results.retry}>{describeError(t, error)}</RetryNotice>
        ) : !shown ? (
          <LibrarySkeleton label={t('library.loading')} />
        ) : libraryIsEmpty ? (
          <div className="empty library__empty" data-testid="library-empty">
            <BookOpen aria-hidden size={40} />
            <h2>{t('library.empty.title')}</h2>
            <p>{t('library.empty.body')}</p>
            {role !== null && roleAllows(role, 'editor') ? (
              <Link className="button button--primary" to="/">
                {t('library.empty.editor')}
              </Link>
            ) : null}
          </div>
        ) : shown.response.personas.length === 0 ? (
          <div className="empty library__empty" data-testid="library-no-match">
            <SearchX aria-hidden size={32} />
            <p className="library__no-match">
              {shown.q && shown.segment
                ? t('library.noMatchInSegment', { query: shown.q, segment: shown.segment })
                : shown.q
                  ? t('library.noMatch', { query: shown.q })
                  : t('library.noMatchSegment', { segment: shown.segment })}
            </p>
            <p>{t('library.noMatchHint')}</p>
            <button type="button" className="button button--small" onClick={clearFilters}>
              {t('library.clearFilters')}
            </button>
          </div>
        ) : (
          <ul className="library-grid" data-testid="library-results" aria-busy={pending} data-pending={pending || undefined}>
            {shown.response.personas.map((entry) => (
              <li key={entry.id}>
                <LibraryCard entry={entry} linkState={{ librarySearch: location.search }} />
              </li>
            ))}
          </ul>
        )}
      </main>
    </>
  );
}

function LibraryCard({ entry, linkState }: { entry: LibraryEntry; linkState: LibraryLinkState }) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const when = formatRelative(entry.publishedAt, locale, now);
  const note = noteLine(entry.note, 140);
  const meta = [entry.role, entry.segment].filter(Boolean).join(' · ');
  return (
    <Link className="library-card" to={`/library/${encodeURIComponent(entry.id)}`} state={linkState} data-library-id={entry.id}>
      <span className="library-card__head">
        <LibraryAvatar avatar={entry.avatar} />
        <span className="library-card__version">{t('library.card.version', { version: entry.version })}</span>
      </span>
      <span className="library-card__name">{entry.name || t('library.untitled')}</span>
      <span className="library-card__meta">{meta || t('library.noRole')}</span>
      {note ? <span className="library-card__note">{note}</span> : null}
      <span className="library-card__foot">
        <time dateTime={entry.publishedAt} title={formatDateTime(entry.publishedAt, locale)}>
          {entry.publishedBy
            ? t('library.card.publishedBy', { when, name: authorName(t, entry.publishedBy) })
            : t('library.card.published', { when })}
        </time>
        {entry.publishedBy ? <TeamBadge team={entry.publishedBy.team} compact /> : null}
      </span>
    </Link>
  );
}

function LibrarySkeleton({ label }: { label: string }) {
  return (
    <div className="library-skeleton" role="status" data-testid="library-loading">
      <span className="visually-hidden">{label}</span>
      <ul className="library-grid" aria-hidden>
        {[0, 1, 2, 3].map((i) => (
          <li key={i} className="library-card library-card--skeleton">
            <span className="skeleton skeleton--avatar" />
            <span className="skeleton skeleton--line skeleton--wide" />
            <span className="skeleton skeleton--line" />
            <span className="skeleton skeleton--line skeleton--short" />
          </li>
        ))}
      </ul>
    </div>
  );
}
