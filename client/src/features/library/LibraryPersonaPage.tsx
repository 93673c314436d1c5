import { ArrowLeft, History, PencilLine, SearchX } from 'lucide-react';
import { useId, useMemo } from 'react';
import type { ReactNode } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import type { PublishedPersona, VersionMeta } from '../../../../shared/api.ts';
import { alignmentOfContent } from '../../../../shared/persona/alignment.ts';
import { evidenceNumbers } from '../../../../shared/persona/references.ts';
import { isPersonaId, SECTION_KEYS } from '../../../../shared/persona/schema.ts';
import { signoffsFromContent } from '../../../../shared/persona/signoffRules.ts';
import { diffPersonas } from '../../../../shared/persona/versionDiff.ts';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import { ApiRequestError } from '../../api/http.ts';
import { useFetch } from '../../api/useFetch.ts';
import { AccessScreen } from '../../ui/AccessScreen.tsx';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { RetryNotice } from '../../ui/RetryNotice.tsx';
import { evidenceLabel, formatDateTime, formatDay, LibraryAvatar, LibraryLoading, noteLine } from './LibraryCommon.tsx';
import { evidenceAnchor, LibraryEvidence } from './LibraryEvidence.tsx';
import { LibrarySection } from './LibrarySection.tsx';
import { pdfFilename, PdfDownloadButton } from '../publishing/PdfDownloadButton.tsx';
import type { ClaimEvidence } from './RichTextView.tsx';
import { SideBadge } from '../../ui/SideBadge.tsx';
import { VersionChanges } from './VersionChanges.tsx';
import { formatRelative } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { useNow } from '../../i18n/useNow.ts';
import { useSession } from '../../session/context.tsx';
import type { LibraryLinkState } from './LibraryPage.tsx';

/** `?version=N` as a number, or undefined (the latest) when absent or not a whole number from 1. */
function parseVersion(value: string | null): number | undefined {
  return value !== null && /^[1-9][0-9]{0,8}$/.test(value) ? Number(value) : undefined;
}

function backSearch(state: unknown): string {
  const search = (state as Partial<LibraryLinkState> | null)?.librarySearch;
  return typeof search === 'string' && search.startsWith('?') ? search : '';
}

/** The route `/library/:id`: one published version, read-only, with its history and what changed. */
export function LibraryPersonaPage() {
  const { id = '' } = useParams();
  if (!isPersonaId(id)) {
    return (
      <LibraryPersonaFrame>
        <NotPublished personaId={id} version={undefined} />
      </LibraryPersonaFrame>
    );
  }
  return <PublishedPersonaPage id={id} />;
}

function PublishedPersonaPage({ id }: { id: string }) {
  const t = useT();
  const api = useApi();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const requested = parseVersion(params.get('version'));
  const published = useFetch(JSON.stringify([id, requested ?? null]), (signal) => api.getPublished(id, requested, signal));
  const { error } = published;

  if (error instanceof ApiRequestError && error.status === 401) return <AccessScreen reason="unauthorized" />;

  let body;
  if (published.status === 'error' && error instanceof ApiRequestError && error.status === 404) {
    body = <NotPublished personaId={id} version={requested} />;
  } else if (published.status === 'error') {
    body = (
      <RetryNotice className="library-persona__error" onRetry={published.retry}>
        {t('library.persona.error')} {describeError(t, error)}
      </RetryNotice>
    );
  } else if (published.data && !error) {
    // While another version loads, the one shown stays, dimmed.
    body = (
      <PublishedView
        persona={published.data}
        pending={published.status === 'loading'}
        onPickVersion={(version) => setParams({ version: String(version) }, { state: location.state as unknown })}
      />
    );
  } else {
    body = <LibraryLoading label={t('library.persona.loading')} />;
  }
  return <LibraryPersonaFrame>{body}</LibraryPersonaFrame>;
}

/** The page around what is shown: the header, and the way back to the search the reader came from. */
function LibraryPersonaFrame({ children }: { children: ReactNode }) {
  const t = useT();
  const location = useLocation();
  return (
    <>
      <AppHeader />
      <main className="library-persona" data-testid="library-persona">
        <nav className="library-persona__nav" aria-label={t('library.title')}>
          <Link className="library-back" to={`/library${backSearch(location.state)}`} state={location.state as unknown}>
            <ArrowLeft aria-hidden size={16} /> {t('library.back')}
          </Link>
        </nav>
        {children}
      </main>
    </>
  );
}

function NotPublished({ personaId, version }: { personaId: string; version: number | undefined }) {
  const t = useT();
  return (
    <div className="empty library-persona__missing" data-testid="library-not-found">
      <SearchX aria-hidden size={40} />
      {version === undefined ? (
        <>
          <h1>{t('library.persona.notPublished.title')}</h1>
          <p>{t('library.persona.notPublished.body')}</p>
          <Link className="button button--primary" to="/library">
            {t('library.back')}
          </Link>
        </>
      ) : (
        <>
          <h1>{t('library.persona.noVersion.title', { version })}</h1>
          <p>{t('library.persona.noVersion.body', { version })}</p>
          <Link className="button button--primary" to={`/library/${encodeURIComponent(personaId)}`}>
            {t('library.persona.latest')}
          </Link>
        </>
      )}
    </div>
  );
}

function newestFirst(versions: readonly VersionMeta[]): VersionMeta[] {
  return [...versions].sort((a, b) => b.version - a.version);
}

function PublishedView({ persona, pending, onPickVersion }: { persona: PublishedPersona; pending: boolean; onPickVersion: (version: number) => void }) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const role = useSession((s) => s.role);
  const pickerId = useId();
  const { profile, version } = persona;
  const versions = useMemo(() => {
    const list = newestFirst(persona.versions);
    // The version shown is always in the picker, even if the list the server sent missed it.
    return list.some((v) => v.version === persona.version) ? list : newestFirst([...list, persona]);
  }, [persona]);
  const latest = versions[0]?.version ?? version;
  const previous = versions.find((v) => v.version < version)?.version ?? null;

  const numbers = useMemo(() => evidenceNumbers(persona.evidence), [persona.evidence]);
  const claimEvidence = useMemo(() => {
    const map = new Map<string, ClaimEvidence>();
    for (const item of persona.evidence) {
      const number = numbers.get(item.id);
      if (!number || map.has(item.id)) continue;
      map.set(item.id, { side: item.side, label: evidenceLabel(t, number), text: item.text, anchor: evidenceAnchor(item.id) });
    }
    return map;
  }, [persona.evidence, numbers, t]);
  const signoffs = useMemo(() => signoffsFromContent(persona.sections, persona.signoff), [persona.sections, persona.signoff]);
  const alignment = useMemo(() => alignmentOfContent(persona.evidence, persona.sections), [persona.sections, persona.evidence]);

  const details: { label: MessageKey; value: string }[] = [
    { label: 'library.field.role', value: profile.role },
    { label: 'library.field.segment', value: profile.segment },
    { label: 'library.field.companySize', value: profile.companySize },
    { label: 'library.field.location', value: profile.location },
  ];
  const publishedDate = formatDay(persona.publishedAt, locale);

  return (
    <div className="library-persona__layout" aria-busy={pending} data-pending={pending || undefined} data-version={version}>
      <aside className="library-toc" aria-label={t('library.toc')}>
        <p className="library-toc__title">{t('library.toc')}</p>
        <ol>
          {SECTION_KEYS.map((key) => (
            <li key={key}>
              <a href={`#section-${key}`}>{t(`section.${key}`)}</a>
            </li>
          ))}
          <li className="library-toc__extra">
            <a href="#evidence">{t('library.evidence.title')}</a>
          </li>
          <li>
            <a href="#changes">{t('library.changes.title')}</a>
          </li>
        </ol>
      </aside>

      <article className="library-doc">
        <header className="library-doc__header">
          <div className="library-profile">
            <LibraryAvatar avatar={profile.avatar} size="lg" />
            <div className="library-profile__main">
              <h1 className="library-profile__name">
                {profile.name || t('library.untitled')}
              </h1>
              <dl className="library-profile__details">
                {details
                  .filter((d) => d.value.trim() !== '')
                  .map((d) => (
                    <div key={d.label} className="library-profile__detail">
                      <dt>{t(d.label)}</dt>
                      <dd>{d.value}</dd>
                    </div>
                  ))}
              </dl>
            </div>
          </div>

          <div className="library-meta">
            <div className="library-meta__row">
              <div className="library-version">
                <History aria-hidden size={16} />
                <label htmlFor={pickerId} className="library-version__label">
                  {t('library.version.label')}
                </label>
                <select id={pickerId} className="input library-version__select" data-testid="version-picker" value={version} onChange={(e) => onPickVersion(Number(e.target.value))}>
                  {versions.map((v) => {
                    const date = formatDay(v.publishedAt, locale);
                    const note = noteLine(v.note, 48);
                    const text = note
                      ? t('library.version.optionNote', { version: v.version, date, note })
                      : t('library.version.option', { version: v.version, date });
                    return (
                      <option key={v.version} value={v.version}>
                        {v.version === latest ? `${text} ${t('library.version.latestTag')}` : text}
                      </option>
                    );
                  })}
                </select>
              </div>
              <div className="library-meta__actions">
                <PdfDownloadButton
                  path={`/api/library/${encodeURIComponent(persona.id)}/export.pdf?version=${version}`}
                  filename={pdfFilename(profile.name, `v${version}`)}
                />
                {role === 'editor' ? (
                  <Link className="button button--small button--ghost" to={`/p/${encodeURIComponent(persona.id)}`}>
                    <PencilLine aria-hidden size={16} /> {t('library.openWorkshop')}
                  </Link>
                ) : null}
              </div>
            </div>

            <p className="library-meta__published">
              <time dateTime={persona.publishedAt} title={`${formatDateTime(persona.publishedAt, locale)} · ${formatRelative(persona.publishedAt, locale, now)}`}>
                {persona.publishedBy
                  ? t('library.publishedBy', { date: publishedDate, name: persona.publishedBy.name })
                  : t('library.published', { date: publishedDate })}
              </time>
              {persona.publishedBy ? <SideBadge side={persona.publishedBy.side} /> : null}
            </p>
            {persona.note.trim() !== '' ? (
              <figure className="library-note">
                <figcaption className="library-note__label">{t('library.note')}</figcaption>
                <blockquote className="library-note__text">{persona.note}</blockquote>
              </figure>
            ) : null}

            {version < latest ? (
              <div className="notice notice--info library-older" role="note" data-testid="older-version">
                <History aria-hidden size={16} />
                <span>{t('library.version.older', { version, latest })}</span>
                <Link to={`/library/${encodeURIComponent(persona.id)}`} className="library-older__link">
                  {t('library.version.goLatest')}
                </Link>
              </div>
            ) : null}
          </div>
        </header>

        <div className="library-doc__sections">
          {SECTION_KEYS.map((key) => (
            <LibrarySection
              key={key}
              sectionKey={key}
              content={persona.sections[key]}
              evidence={claimEvidence}
              signoff={signoffs[key]}
              alignment={alignment[key]}
            />
          ))}
        </div>

        <LibraryEvidence evidence={persona.evidence} numbers={numbers} />

        <ChangesPanel persona={persona} previous={previous} />
      </article>
    </div>
  );
}

/** "What changed": this version against the one before it, fetched on its own. */
function ChangesPanel({ persona, previous }: { persona: PublishedPersona; previous: number | null }) {
  const t = useT();
  return (
    <section className="version-changes" id="changes" data-testid="version-changes" aria-labelledby="version-changes-title">
      <h2 className="library-block__title" id="version-changes-title">
        {t('library.changes.title')}
      </h2>
      {previous === null ? <p className="version-changes__first">{t('library.changes.first')}</p> : <ChangesSince persona={persona} previous={previous} />}
    </section>
  );
}

function ChangesSince({ persona, previous }: { persona: PublishedPersona; previous: number }) {
  const t = useT();
  const api = useApi();
  const fetched = useFetch(JSON.stringify([persona.id, persona.version, previous]), (signal) => api.getPublished(persona.id, previous, signal));
  const before = fetched.status === 'ok' ? fetched.data : null;
  const diff = useMemo(() => (before ? diffPersonas(before, persona) : null), [before, persona]);

  if (fetched.status === 'error') {
    return (
      <RetryNotice onRetry={fetched.retry}>
        {t('library.changes.error', { version: previous })} {describeError(t, fetched.error)}
      </RetryNotice>
    );
  }
  if (before && diff) return <VersionChanges diff={diff} previousVersion={previous} beforeEvidence={before.evidence} afterEvidence={persona.evidence} />;
  return <LibraryLoading label={t('library.changes.loading', { version: previous })} />;
}
