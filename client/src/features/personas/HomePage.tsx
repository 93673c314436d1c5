import { BookOpen, FilePen, LoaderCircle, RefreshCw, Search, UsersRound } from 'lucide-react';
import { useEffect, useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { PersonaListResponse, PersonaSummary } from '../../../../shared/api.ts';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import { ApiRequestError } from '../../api/http.ts';
import type { PersonaListView } from '../../api/http.ts';
import { useSession } from '../../session/context.tsx';
import { EmptyView, PersonaActions, PersonaCardFrame, PersonaViews } from '../lifecycle/PersonaListControls.tsx';
import { useFetch } from '../../api/useFetch.ts';
import { AccessScreen } from '../../ui/AccessScreen.tsx';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { RetryNotice } from '../../ui/RetryNotice.tsx';
import { BalanceBar } from '../evidence/Alignment.tsx';
import { CreatePersonaDialog } from './CreatePersonaDialog.tsx';
import { CrmImportButton } from '../goals/CrmImportButton.tsx';
import { TargetsMetMark } from '../goals/Notices.tsx';
import { SIDE_ICONS } from '../../ui/SideBadge.tsx';
import { formatRelative, searchable } from '../../i18n/format.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { useNow } from '../../i18n/useNow.ts';

/** Editors' home: every draft persona, searchable by name, newest change first. */
export function HomePage() {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const api = useApi();
  const searchId = useId();
  const admin = useSession((s) => s.role === 'admin');
  const [view, setView] = useState<PersonaListView>('drafts');
  const [changed, setChanged] = useState('');
  const list = useFetch(`personas:${view}`, (signal) => api.listPersonas(signal, view));
  const { retry: refresh, error } = list;
  const refreshing = list.status === 'loading';
  // The list comes in pages (issue 14): the first, then those "Show more" asks for.
  const more = useMorePages(list.data, (cursor) => api.listPersonas(undefined, view, cursor));
  // A list once loaded stays when a later refresh fails.
  const personas = useMemo(() => (list.data ? [...list.data.personas, ...more.personas] : undefined), [list.data, more.personas]);
  const [query, setQuery] = useState('');

  useEffect(() => {
    window.addEventListener('focus', refresh);
    return () => window.removeEventListener('focus', refresh);
  }, [refresh]);

  const visible = useMemo(() => {
    if (!personas) return [];
    const needle = searchable(query.trim());
    return needle ? personas.filter((p) => searchable(p.name).includes(needle)) : personas;
  }, [personas, query]);

  if (error instanceof ApiRequestError && error.status === 401) return <AccessScreen reason="unauthorized" />;

  return (
    <>
      <AppHeader />
      <main className="home">
        <div className="home__top">
          <div>
            <h1 className="home__title">{t('home.title')}</h1>
            <p className="home__subtitle">{t('home.subtitle')}</p>
          </div>
          <div className="home__actions">
            <CrmImportButton onImported={refresh} />
            <CreatePersonaDialog />
          </div>
        </div>
        <div className="home__tools">
          <label className="search" htmlFor={searchId}>
            <Search aria-hidden size={16} />
            <span className="visually-hidden">{t('home.search')}</span>
            <input
              id={searchId}
              type="search"
              className="search__input"
              placeholder={t('home.searchPlaceholder')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          </label>
          <button type="button" className="button button--ghost button--small" onClick={refresh} disabled={refreshing} aria-label={t('home.refresh')}>
            <RefreshCw aria-hidden size={16} className={refreshing ? 'spin' : undefined} />
          </button>
          <PersonaViews view={view} admin={admin} onChange={setView} />
        </div>
        <p className="visually-hidden" aria-live="polite" data-testid="lifecycle-announcement">
          {changed}
        </p>

        {!personas && error ? (
          <RetryNotice onRetry={refresh}>{describeError(t, error)}</RetryNotice>
        ) : !personas ? (
          <p className="home__status" role="status">
            <LoaderCircle aria-hidden size={18} className="spin" /> {t('home.loading')}
          </p>
        ) : personas.length === 0 && view !== 'drafts' ? (
          <EmptyView view={view} />
        ) : personas.length === 0 ? (
          <div className="empty" data-testid="persona-list-empty">
            <UsersRound aria-hidden size={40} />
            <h2>{t('home.empty.title')}</h2>
            <p>{t('home.empty.body')}</p>
          </div>
        ) : visible.length === 0 ? (
          <div className="empty">
            <Search aria-hidden size={32} />
            <p>{t('home.noMatch', { query: query.trim() })}</p>
            <button type="button" className="button button--ghost button--small" onClick={() => setQuery('')}>
              {t('home.clearSearch')}
            </button>
          </div>
        ) : (
          <ul className="persona-list" data-testid="persona-list" data-view={view}>
            {visible.map((persona) => (
              <li key={persona.id} className="persona-entry">
                <PersonaCardFrame persona={persona} view={view}>
                  <span className="persona-card__name">{persona.name || t('home.untitled')}</span>
                  <TargetsMetMark count={persona.targetsMet ?? 0} />
                  <span className="persona-card__meta">
                    {[persona.role, persona.segment].filter(Boolean).join(' · ') || t('home.noRole')}
                  </span>
                  <span className="persona-card__evidence">
                    {(['marketing', 'sales'] as const).map((side) => {
                      const Icon = SIDE_ICONS[side];
                      const count = persona.evidence[side];
                      return (
                        <span key={side} className={`count count--${side}`} title={t(`home.evidence.${side}`, { count })}>
                          <Icon aria-hidden size={14} />
                          <span aria-hidden>{count}</span>
                          <span className="visually-hidden">{t(`home.evidence.${side}`, { count })}</span>
                        </span>
                      );
                    })}
                    <BalanceBar counts={persona.evidence} compact />
                  </span>
                  <span className="persona-card__updated">
                    <time dateTime={persona.updatedAt}>
                      {persona.lastChangedBy
                        ? t('activity.home.changedBy', { name: persona.lastChangedBy.name, when: formatRelative(persona.updatedAt, locale, now) })
                        : t('home.updated', { when: formatRelative(persona.updatedAt, locale, now) })}
                    </time>
                  </span>
                </PersonaCardFrame>
                <PublishedState persona={persona} linked={view !== 'trash'} />
                <PersonaActions
                  persona={persona}
                  view={view}
                  admin={admin}
                  onChanged={(message) => {
                    setChanged(message);
                    refresh();
                  }}
                />
              </li>
            ))}
          </ul>
        )}
        {personas && more.nextCursor !== null ? (
          <div className="home__more">
            {more.failed ? <p className="notice notice--error">{t('home.moreFailed')}</p> : null}
            <button type="button" className="button button--ghost" onClick={more.load} disabled={more.loading} data-testid="load-more">
              {more.loading ? <LoaderCircle aria-hidden size={16} className="spin" /> : null} {t('home.loadMore')}
            </button>
          </div>
        ) : null}
      </main>
    </>
  );
}

/** The pages after `first`, loaded one at a time on request; starts again whenever the first page is reloaded. */
function useMorePages(first: PersonaListResponse | undefined, fetchPage: (cursor: string) => Promise<PersonaListResponse>) {
  const [pages, setPages] = useState<{ after: PersonaListResponse | undefined; personas: PersonaSummary[]; nextCursor: string | null }>({
    after: first,
    personas: [],
    nextCursor: first?.nextCursor ?? null,
  });
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const current = pages.after === first ? pages : { after: first, personas: [], nextCursor: first?.nextCursor ?? null };
  const load = () => {
    if (current.nextCursor === null || loading) return;
    setLoading(true);
    setFailed(false);
    fetchPage(current.nextCursor).then(
      (page) => {
        setPages({ after: first, personas: [...current.personas, ...page.personas], nextCursor: page.nextCursor });
        setLoading(false);
      },
      () => {
        setFailed(true);
        setLoading(false);
      },
    );
  };
  return { personas: current.personas, nextCursor: current.nextCursor, loading, failed, load };
}

/** Whether the persona is in the library: its latest version, when, and a link to it (not from the trash, which takes it out of the library); or "Draft only". */
function PublishedState({ persona, linked }: { persona: PersonaSummary; linked: boolean }) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  if (persona.publishedVersion === null) {
    return (
      <p className="persona-entry__published persona-entry__published--draft" data-published="false" title={t('library.home.draftOnlyHint')}>
        <FilePen aria-hidden size={14} />
        <span>{t('library.home.draftOnly')}</span>
      </p>
    );
  }
  const when = persona.publishedAt ? formatRelative(persona.publishedAt, locale, now) : '';
  const text = t('library.home.published', { version: persona.publishedVersion, when }).replace(/ · $/, '');
  const label = persona.publishedAt ? <time dateTime={persona.publishedAt}>{text}</time> : <span>{text}</span>;
  return (
    <p className="persona-entry__published" data-published="true">
      {linked ? (
        <Link className="persona-entry__library-link" to={`/library/${encodeURIComponent(persona.id)}`}>
          <BookOpen aria-hidden size={14} />
          {label}
          <span className="visually-hidden"> {t('library.home.openPublished')}</span>
        </Link>
      ) : (
        <>
          <BookOpen aria-hidden size={14} />
          {label}
        </>
      )}
    </p>
  );
}
