import { UserX } from 'lucide-react';
import { useSearchParams } from 'react-router';
import type { SignInError } from '../../../shared/api.ts';
import { SIGN_IN_ERRORS } from '../../../shared/api.ts';
import { useT } from '../i18n/index.ts';
import { CompanySignIn } from './AccessScreen.tsx';

const reasonOf = (value: string | null): SignInError => SIGN_IN_ERRORS.find((reason) => reason === value) ?? 'failed';

/** Refusals about who signed in: the provider's session would sign the same person in again, so offer another account. */
const ABOUT_THE_PERSON: ReadonlySet<SignInError> = new Set(['unknown', 'inactive', 'unverified']);

/** `/signin?error=…`: where the server sends a sign-in it refused or that went wrong, with what to do next. */
export function SignInErrorPage() {
  const t = useT();
  const [params] = useSearchParams();
  const reason = reasonOf(params.get('error'));
  return (
    <main className="access" data-testid="signin-error" data-reason={reason}>
      <div className="access__card" role="alert">
        <UserX aria-hidden size={40} className="access__icon" />
        <h1>{t(`signIn.error.${reason}.title`)}</h1>
        <p>{t(`signIn.error.${reason}.body`)}</p>
        <div className="access__actions">
          {ABOUT_THE_PERSON.has(reason) ? (
            <CompanySignIn label="signIn.anotherAccount" anotherAccount />
          ) : (
            <CompanySignIn label="signIn.again" />
          )}
        </div>
      </div>
    </main>
  );
}
