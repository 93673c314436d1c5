// The top of a published version: who the persona is, which version this is, who published it and why.
import { History, PencilLine } from 'lucide-react';
import { useId } from 'react';
import { Link } from 'react-router';
import type { PublishedPersona, VersionMeta } from '../../../../shared/api.ts';
import { pdfFilename, PdfDownloadButton } from '../publishing/PdfDownloadButton.tsx';
import { formatRelative } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { useNow } from '../../i18n/useNow.ts';
import { roleAllows } from '../../../../shared/protocol.ts';
import { useSession } from '../../session/context.tsx';
import { TeamBadge } from '../../ui/TeamBadge.tsx';
import { authorName, formatDateTime, formatDay, LibraryAvatar, noteLine } from './LibraryCommon.tsx';

interface LibraryPersonaHeaderProps {
  persona: PublishedPersona;
  /** Every version, newest first, the one shown among them. */
  versions: readonly VersionMeta[];
  latest: number;
  onPickVersion: (version: number) => void;
}

export function LibraryPersonaHeader({ persona, versions, latest, onPickVersion }: LibraryPersonaHeaderProps) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const role = useSession((s) => s.role);
  const pickerId = useId();
  const { profile, version } = persona;

  const details: { label: MessageKey; value: string }[] = [
    { label: 'library.field.role', value: profile.role },
    { label: 'library.field.segment', value: profile.segment },
    { label: 'library.field.companySize', value: profile.companySize },
    { label: 'library.field.location', value: profile.location },
  ];
  const publishedDate = formatDay(persona.publishedAt, locale);

  return (
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
            {role !== null && roleAllows(role, 'editor') ? (
              <Link className="button button--small button--ghost" to={`/p/${encodeURIComponent(persona.id)}`}>
                <PencilLine aria-hidden size={16} /> {t('library.openWorkshop')}
              </Link>
            ) : null}
          </div>
        </div>

        <p className="library-meta__published">
          <time dateTime={persona.publishedAt} title={`${formatDateTime(persona.publishedAt, locale)} · ${formatRelative(persona.publishedAt, locale, now)}`}>
            {persona.publishedBy
              ? t('library.publishedBy', { date: publishedDate, name: authorName(t, persona.publishedBy) })
              : t('library.published', { date: publishedDate })}
          </time>
          {persona.publishedBy ? <TeamBadge team={persona.publishedBy.team} /> : null}
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
  );
}
