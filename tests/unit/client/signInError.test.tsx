import { act, render, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../../../client/src/api/context.tsx';
import type { ApiClient } from '../../../client/src/api/http.ts';
import { SessionProvider } from '../../../client/src/session/context.tsx';
import { createSessionStore } from '../../../client/src/session/store.ts';
import { AccessScreen } from '../../../client/src/ui/AccessScreen.tsx';
import { SignInErrorPage } from '../../../client/src/ui/SignInErrorPage.tsx';

function renderAt(path: string, element: ReactElement, { oidc = true, languages = ['en'] } = {}) {
  const session = createSessionStore({ storage: localStorage, languages, token: null });
  const config = Promise.resolve({ oidc });
  // Only what these screens ask the server: whether it has an identity provider.
  const api = { getAuthConfig: () => config } as unknown as ApiClient;
  render(
    <SessionProvider store={session}>
      <ApiProvider api={api}>
        <MemoryRouter initialEntries={[path]}>{element}</MemoryRouter>
      </ApiProvider>
    </SessionProvider>,
  );
  return { config };
}

describe('sign-in with the company account', () => {
  it('offers the sign-in on the access screen when the server has an identity provider', async () => {
    renderAt('/', <AccessScreen reason="no-token" />);
    const link = await screen.findByRole('link', { name: 'Sign in with your company account' });
    expect(link.getAttribute('href')).toBe('/auth/login');
  });

  it('offers nothing of the kind without one', async () => {
    const { config } = renderAt('/', <AccessScreen reason="no-token" />, { oidc: false });
    await act(async () => {
      await config;
    });
    screen.getByRole('heading', { name: 'You need an invite link' });
    expect(screen.queryByTestId('company-sign-in')).toBeNull();
  });

  it('says an email is not invited, and offers another account', async () => {
    renderAt('/signin?error=unknown', <SignInErrorPage />);
    expect(screen.getByRole('heading').textContent).toBe('This email is not invited');
    expect(screen.getByRole('alert').textContent).toContain('Ask an admin of Tandem to invite you');
    const link = await screen.findByRole('link', { name: 'Sign in with another account' });
    expect(link.getAttribute('href')).toBe('/auth/login?account=another');
  });

  it('offers a plain retry when the provider could not be reached, in Spanish', async () => {
    renderAt('/signin?error=provider', <SignInErrorPage />, { languages: ['es'] });
    expect(screen.getByRole('heading').textContent).toBe('No se puede contactar con el acceso de tu empresa');
    const link = await screen.findByRole('link', { name: 'Volver a iniciar sesión' });
    expect(link.getAttribute('href')).toBe('/auth/login');
  });

  it('reads an unknown reason as a failed sign-in, never as raw text', () => {
    renderAt('/signin?error=%3Cscript%3E', <SignInErrorPage />);
    expect(screen.getByTestId('signin-error').getAttribute('data-reason')).toBe('failed');
    expect(screen.getByRole('heading').textContent).toBe('Sign-in did not work');
  });
});
