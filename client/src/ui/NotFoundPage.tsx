import { Link } from 'react-router';
import { AppHeader } from './AppHeader.tsx';
import { useT } from '../i18n/index.ts';

export function NotFoundPage() {
  const t = useT();
  return (
    <>
      <AppHeader />
      <main className="access">
        <div className="access__card">
          <h1>{t('notFound.title')}</h1>
          <p>{t('notFound.body')}</p>
          <Link className="button button--primary" to="/">
            {t('access.backHome')}
          </Link>
        </div>
      </main>
    </>
  );
}
