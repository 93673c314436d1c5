import { BookOpen, CloudOff, LoaderCircle, RefreshCw, ShieldAlert } from 'lucide-react';
import { useCallback, useEffect } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Role } from '../../../shared/protocol.ts';
import { roleAllows } from '../../../shared/protocol.ts';
import { useApi } from '../api/context.tsx';
import { useT } from '../i18n/index.ts';
import { AccessScreen } from '../ui/AccessScreen.tsx';
import { AppHeader } from '../ui/AppHeader.tsx';
import { checkAccess } from './access.ts';
import { useSession, useSessionStore } from './context.tsx';

/** Asks the server who this browser is once, when the app starts (and after a new credential). */
export function useAccessCheck(): void {
  const store = useSessionStore();
  const api = useApi();
  const checking = useSession((s) => s.access === 'checking');
  useEffect(() => {
    if (!checking) return;
    const controller = new AbortController();
    void checkAccess(store, api, controller.signal);
    return () => controller.abort();
  }, [checking, store, api]);
}

/** Asks again, e.g. when the workshop's socket is closed for a reason that may be the member's. */
export function useRecheckAccess(): () => void {
  const store = useSessionStore();
  const api = useApi();
  return useCallback(() => void checkAccess(store, api), [store, api]);
}

export function PageLoading() {
  const t = useT();
  return (
    <p className="page-loading" role="status">
      <LoaderCircle aria-hidden size={20} className="spin" /> {t('common.loading')}
    </p>
  );
}

/** The server could not be asked who this browser is, and nothing is remembered. */
function UnreachableScreen() {
  const t = useT();
  const store = useSessionStore();
  const api = useApi();
  return (
    <main className="access" data-testid="access-screen" data-reason="unreachable">
      <div className="access__card">
        <CloudOff aria-hidden size={40} className="access__icon" />
        <h1>{t('session.unreachable.title')}</h1>
        <p>{t('session.unreachable.body')}</p>
        <div className="access__actions">
          <button type="button" className="button button--primary" onClick={() => void checkAccess(store, api)}>
            {t('common.retry')}
          </button>
        </div>
      </div>
    </main>
  );
}

/** The server refused what this browser wrote as someone else's (SPEC §6): start again from the server's copy. */
export function RefusedScreen() {
  const t = useT();
  return (
    <main className="access" data-testid="access-screen" data-reason="foreign-client">
      <div className="access__card">
        <ShieldAlert aria-hidden size={40} className="access__icon" />
        <h1>{t('session.refused.title')}</h1>
        <p>{t('session.refused.body')}</p>
        <div className="access__actions">
          <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
            <RefreshCw aria-hidden size={16} /> {t('session.refused.reload')}
          </button>
        </div>
      </div>
    </main>
  );
}

/** A page this role may not open (e.g. Members for a non-admin): say so and point home. */
function NotAllowedScreen() {
  const t = useT();
  return (
    <>
      <AppHeader />
      <main className="access" data-testid="not-allowed">
        <div className="access__card">
          <ShieldAlert aria-hidden size={40} className="access__icon" />
          <h1>{t('session.notAllowed.title')}</h1>
          <p>{t('session.notAllowed.body')}</p>
          <div className="access__actions">
            <Link className="button button--primary" to="/">
              {t('access.backHome')}
            </Link>
          </div>
        </div>
      </main>
    </>
  );
}

/** The workshop for a reader: they read the published library (SPEC §3 S2); no socket is opened. */
export function ReaderScreen({ personaId, reason = 'viewer' }: { personaId: string; reason?: 'viewer' | 'downgraded' }) {
  const t = useT();
  return (
    <>
      <AppHeader />
      <main className="access" data-testid="reader-screen" data-reason={reason}>
        <div className="access__card">
          <BookOpen aria-hidden size={40} className="access__icon" />
          <h1>{t(reason === 'viewer' ? 'session.reader.title' : 'session.downgraded.title')}</h1>
          <p>{t('session.reader.body')}</p>
          <div className="access__actions">
            <Link className="button button--primary" to={`/library/${encodeURIComponent(personaId)}`} data-testid="reader-library-link">
              {t('session.reader.link')}
            </Link>
            <Link className="button button--ghost" to="/library">
              {t('session.reader.all')}
            </Link>
          </div>
        </div>
      </main>
    </>
  );
}

/** A page for anyone the server knows with at least `needs`; the right stop otherwise. */
export function WithAccess({ needs = 'viewer', children }: { needs?: Role; children: ReactNode }) {
  const access = useSession((s) => s.access);
  const role = useSession((s) => s.role);
  if (access === 'checking') return <PageLoading />;
  if (access === 'signed-out') return <AccessScreen reason="no-token" />;
  if (access === 'unauthorized') return <AccessScreen reason="unauthorized" />;
  if (access === 'unreachable' || role === null) return <UnreachableScreen />;
  if (!roleAllows(role, needs)) return <NotAllowedScreen />;
  return children;
}
