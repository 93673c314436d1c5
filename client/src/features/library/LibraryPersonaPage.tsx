import { ArrowLeft } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { isPersonaId } from '../../../../shared/persona/schema.ts';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import { ApiRequestError } from '../../api/http.ts';
import { useFetch } from '../../api/useFetch.ts';
import { useT } from '../../i18n/index.ts';
import { AccessScreen } from '../../ui/AccessScreen.tsx';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { RetryNotice } from '../../ui/RetryNotice.tsx';
import { LibraryLoading } from './LibraryCommon.tsx';
import type { LibraryLinkState } from './LibraryPage.tsx';
import { LibraryPersonaView } from './LibraryPersonaView.tsx';
import { NotPublished } from './NotPublished.tsx';

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
      <LibraryPersonaView
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
