import { SearchX } from 'lucide-react';
import { Link } from 'react-router';
import { useT } from '../../i18n/index.ts';

/** A persona, or a version of it, that the library does not have, with the way on. */
export function NotPublished({ personaId, version }: { personaId: string; version: number | undefined }) {
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
