import { KeyRound, LogIn, SearchX } from 'lucide-react';
import type { MouseEvent } from 'react';
import { Link } from 'react-router';
import { useApi } from '../api/context.tsx';
import { useFetch } from '../api/useFetch.ts';
import type { MessageKey } from '../i18n/index.ts';
import { useT } from '../i18n/index.ts';
import { useSession } from '../session/context.tsx';

export type AccessScreenReason = 'no-token' | 'unauthorized' | 'not-found' | 'bad-id';

const COPY: Record<AccessScreenReason, { title: MessageKey; body: MessageKey; icon: typeof KeyRound }> = {
  'no-token': { title: 'access.noToken.title', body: 'access.noToken.body', icon: KeyRound },
  unauthorized: { title: 'access.unauthorized.title', body: 'access.unauthorized.body', icon: KeyRound },
  'not-found': { title: 'access.notFound.title', body: 'access.notFound.body', icon: SearchX },
  'bad-id': { title: 'access.badId.title', body: 'access.badId.body', icon: SearchX },
};

/**
 * The server's sign-in through the company's identity provider, when it has one (a full page load: the
 * server redirects). `anotherAccount` asks the provider to sign in afresh rather than reuse its session.
 */
export function CompanySignIn({ label = 'signIn.withCompany', anotherAccount = false }: { label?: MessageKey; anotherAccount?: boolean }) {
  const t = useT();
  const api = useApi();
  const forgetToken = useSession((s) => s.forgetToken);
  const config = useFetch('auth-config', (signal) => api.getAuthConfig(signal));
  if (!config.data?.oidc) return null;
  const href = anotherAccount ? '/auth/login?account=another' : '/auth/login';
  // A stored link that no longer works would be sent before the session cookie: the sign-in replaces it.
  const signIn = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    forgetToken();
    window.location.assign(href);
  };
  return (
    <a className="button button--primary" href={href} onClick={signIn} data-testid="company-sign-in">
      <LogIn aria-hidden size={18} /> {t(label)}
    </a>
  );
}

/** A clear stop: what happened and what to do next. Nothing here retries on its own. */
export function AccessScreen({ reason }: { reason: AccessScreenReason }) {
  const t = useT();
  const forgetToken = useSession((s) => s.forgetToken);
  const hasToken = useSession((s) => s.token !== null);
  const { title, body, icon: Icon } = COPY[reason];
  return (
    <main className="access" data-testid="access-screen" data-reason={reason}>
      <div className="access__card">
        <Icon aria-hidden size={40} className="access__icon" />
        <h1>{t(title)}</h1>
        <p>{t(body)}</p>
        <div className="access__actions">
          {reason === 'not-found' || reason === 'bad-id' ? (
            <Link className="button button--primary" to="/">
              {t('access.backHome')}
            </Link>
          ) : null}
          {reason === 'no-token' || reason === 'unauthorized' ? <CompanySignIn /> : null}
          {reason === 'unauthorized' && hasToken ? (
            <button type="button" className="button button--ghost" onClick={forgetToken}>
              {t('access.forgetLink')}
            </button>
          ) : null}
        </div>
      </div>
    </main>
  );
}
