import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type TestBrowser } from '../helpers/browser.ts';
import { startIdentityProvider, type TestIdentityProvider } from '../helpers/oidcProvider.ts';
import { removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';
import { CLIENT_DIR, screenshot } from './app.ts';

let provider: TestIdentityProvider;
let server: TestServer;
let chromium: TestBrowser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  provider = await startIdentityProvider([
    { email: 'ana@acme.test', name: 'Ana from the provider', emailVerified: true },
    { email: 'bob@acme.test', name: 'Bob Uninvited' },
  ]);
  server = await startTestServer({
    CLIENT_DIR,
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
  });
  provider.serve(`${server.url}/auth/callback`);
  await server.server.invite({ name: 'Ana Marketing', team: 'marketing', role: 'editor', email: 'ana@acme.test' });
  chromium = await launchChromium();
});
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
  await chromium.close();
  await server.close();
  await provider.close();
  removeDataDir(server.dataDir);
});

/** A fresh browser with no link stored: it can only sign in. */
async function freshPage(locale = 'en-US'): Promise<Page> {
  const context = await chromium.browser.newContext({ baseURL: server.url, locale, viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

/** From Tandem's access screen through the provider's own login and consent pages, as a person does. */
async function signInAs(page: Page, email: string): Promise<void> {
  await page.goto('/');
  await page.getByTestId('access-screen').waitFor();
  await page.getByRole('link', { name: 'Sign in with your company account' }).click();
  await page.waitForURL(`${provider.issuer}/**`);
  await page.locator('input[name="login"]').fill(email);
  await page.locator('input[name="password"]').fill('any password');
  await screenshot(page, 'oidc-provider-login');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click(); // the provider's consent
}

/** What the server says about this browser, asked from the page with its own cookies (no token anywhere). */
const meFromPage = (page: Page) =>
  page.evaluate(async () => {
    const response = await fetch('/api/me');
    return { status: response.status, body: response.ok ? ((await response.json()) as { member: { name: string } | null; via: string }) : null };
  });

describe('[§6] sign-in with the company account in Chromium', () => {
  it('an invited person signs in, holds an HttpOnly SameSite session cookie and no token, and signs out', async () => {
    const page = await freshPage();
    await page.goto('/');
    await page.getByRole('link', { name: 'Sign in with your company account' }).waitFor();
    await screenshot(page, 'oidc-access-screen');
    // An old link that no longer works is still stored in this browser: signing in replaces it.
    await page.evaluate(() => localStorage.setItem('tandem.token', 'a-link-that-no-longer-works'));

    await signInAs(page, 'ana@acme.test');
    await page.waitForURL(`${server.url}/`);
    const cookies = await page.context().cookies(server.url);
    const session = cookies.find((cookie) => cookie.name === 'tandem_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookies.some((cookie) => cookie.name === 'tandem_login')).toBe(false);
    expect(await page.evaluate(() => localStorage.getItem('tandem.token'))).toBeNull();
    // Page scripts cannot read it; the server knows the browser as Ana through it.
    expect(await page.evaluate(() => document.cookie)).not.toContain('tandem_session');
    expect(await meFromPage(page)).toMatchObject({ status: 200, body: { member: { name: 'Ana Marketing' }, via: 'session' } });
    await page.getByTestId('persona-list-empty').waitFor();
    await screenshot(page, 'oidc-signed-in');

    // The workshop's socket is let in by the cookie alone, and presence shows her own name.
    const created = await fetch(`${server.url}/api/personas`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.editorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Cookie persona' }),
    });
    const { id } = (await created.json()) as { id: string };
    await page.goto(`/p/${id}`);
    await page.locator('.workshop[data-synced="true"]').waitFor();
    await page.locator('[data-testid="connection"][data-status="connected"]').waitFor();
    expect(await page.getByTestId('presence').innerText()).toContain('Ana Marketing');
    await screenshot(page, 'oidc-workshop');

    await page.getByTestId('account').click();
    await page.getByTestId('sign-out').click();
    await page.getByRole('link', { name: 'Sign in with your company account' }).waitFor();
    expect((await page.context().cookies(server.url)).some((cookie) => cookie.name === 'tandem_session')).toBe(false);
    expect((await meFromPage(page)).status).toBe(401);
  });

  it('refuses an email nobody invited: a clear screen, no session', async () => {
    const page = await freshPage();
    await signInAs(page, 'bob@acme.test');
    await page.waitForURL(`${server.url}/signin?error=unknown`);
    const screen = page.getByTestId('signin-error');
    await screen.waitFor();
    expect(await screen.getAttribute('data-reason')).toBe('unknown');
    await page.getByRole('heading', { name: 'This email is not invited' }).waitFor();
    expect(await screen.innerText()).toContain('Ask an admin of Tandem to invite you');
    expect((await page.context().cookies(server.url)).some((cookie) => cookie.name === 'tandem_session')).toBe(false);
    expect((await meFromPage(page)).status).toBe(401);
    await screenshot(page, 'oidc-refused-unknown');

    // The provider still has Bob signed in; another account means its login form again, not Bob again.
    await page.getByRole('link', { name: 'Sign in with another account' }).click();
    await page.locator('input[name="login"]').fill('ana@acme.test');
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${server.url}/`);
    expect(await meFromPage(page)).toMatchObject({ status: 200, body: { member: { name: 'Ana Marketing' } } });
  });

  it('says the same in Spanish', async () => {
    const page = await freshPage('es-ES');
    await page.goto('/signin?error=unknown');
    await page.getByRole('heading', { name: 'Este correo no está invitado' }).waitFor();
    await page.getByRole('link', { name: 'Iniciar sesión con otra cuenta' }).waitFor();
    await screenshot(page, 'oidc-refused-unknown-es');
    await page.goto('/');
    await page.getByRole('link', { name: 'Inicia sesión con tu cuenta de empresa' }).waitFor();
  });
});
