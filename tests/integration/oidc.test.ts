import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { meResponseSchema, memberListResponseSchema, tokenListResponseSchema } from '../../shared/api.ts';
import { CloseCodes } from '../../shared/protocol.ts';
import { collabUrl, openRawSocket } from '../helpers/clients.ts';
import { createPersona } from '../helpers/http.ts';
import { startIdentityProvider, type ProviderAccount, type TestIdentityProvider } from '../helpers/oidcProvider.ts';
import { removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';

const ACCOUNTS: ProviderAccount[] = [
  { email: 'ana@acme.test', name: 'Ana from the provider', emailVerified: true },
  { email: 'bob@acme.test', name: 'Bob Uninvited' },
  { email: 'carol@allowed.test', name: 'Carol Allowed' },
  { email: 'dave@acme.test', name: 'Dave Unverified', emailVerified: false },
  { email: 'erin@acme.test', name: 'Erin Deactivated' },
];

/** Cookies per origin, as a browser keeps them for a scripted sign-in (paths ignored: one flow at a time). */
class CookieJar {
  readonly #byOrigin = new Map<string, Map<string, string>>();

  header(url: URL): string {
    return [...(this.#byOrigin.get(url.origin) ?? [])].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  keep(url: URL, response: Response): void {
    const cookies = this.#byOrigin.get(url.origin) ?? new Map<string, string>();
    this.#byOrigin.set(url.origin, cookies);
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      if (/;\s*max-age=0/i.test(line)) cookies.delete(name);
      else cookies.set(name, pair.slice(eq + 1).trim());
    }
  }

  get(origin: string, name: string): string | null {
    return this.#byOrigin.get(origin)?.get(name) ?? null;
  }
}

interface SignInResult {
  /** Where Tandem sent the browser at the end: `/` or `/signin?error=…`. */
  landing: string;
  /** The Set-Cookie lines of Tandem's callback. */
  callbackCookies: string[];
  session: string | null;
}

/** Drives a sign-in as a browser does: Tandem → the provider's login and consent forms → Tandem's callback. */
async function signIn(t: TestServer, email: string, tamper: (callback: URL) => void = () => undefined): Promise<SignInResult> {
  const jar = new CookieJar();
  const tandem = new URL(t.url).origin;
  let url = new URL('/auth/login', t.url);
  let init: RequestInit = {};
  let callbackCookies: string[] = [];
  for (let hop = 0; hop < 20; hop++) {
    if (url.pathname === '/auth/callback') tamper(url);
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, cookie: jar.header(url) } });
    jar.keep(url, response);
    if (url.pathname === '/auth/callback') callbackCookies = response.headers.getSetCookie();
    const location = response.headers.get('location');
    if (location !== null) {
      const next = new URL(location, url);
      if (next.origin === tandem && !next.pathname.startsWith('/auth/')) {
        return { landing: `${next.pathname}${next.search}`, callbackCookies, session: jar.get(tandem, 'tandem_session') };
      }
      url = next;
      init = {};
      continue;
    }
    expect(response.status).toBe(200);
    // oidc-provider's development login form, then its consent form.
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`no form on ${url.href}: ${html.slice(0, 200)}`);
    const form = new URLSearchParams(prompt === 'login' ? { prompt, login: email, password: 'any' } : { prompt });
    url = new URL(action, url);
    init = { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error('the sign-in went round in circles');
}

const withCookie = (session: string, headers: Record<string, string> = {}) => ({ cookie: `tandem_session=${session}`, ...headers });

let provider: TestIdentityProvider;
let t: TestServer;

beforeAll(async () => {
  provider = await startIdentityProvider(ACCOUNTS);
  t = await startTestServer({
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_ALLOWED_DOMAINS: 'allowed.test',
  });
  provider.serve(`${t.url}/auth/callback`);
  await t.server.invite({ name: 'Ana Marketing', team: 'marketing', role: 'editor', email: 'ana@acme.test' });
  await t.server.invite({ name: 'Dave', team: 'sales', role: 'editor', email: 'dave@acme.test' });
  const erin = await t.server.invite({ name: 'Erin', team: 'sales', role: 'editor', email: 'erin@acme.test' });
  const deactivated = await fetch(`${t.url}/api/members/${erin.member.id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ active: false }),
  });
  expect(deactivated.status).toBe(200);
});
afterAll(async () => {
  await t.close();
  await provider.close();
  removeDataDir(t.dataDir);
});

const me = async (session: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${t.url}/api/me`, { headers: withCookie(session, headers) });
  return { status: response.status, body: response.status === 200 ? meResponseSchema.parse(await response.json()) : null };
};

const members = async () => {
  const response = await fetch(`${t.url}/api/members`, { headers: { authorization: `Bearer ${t.adminToken}` } });
  return memberListResponseSchema.parse(await response.json()).members;
};

const sessionTokens = async (memberId: string) => {
  const response = await fetch(`${t.url}/api/members/${memberId}/tokens`, { headers: { authorization: `Bearer ${t.adminToken}` } });
  return tokenListResponseSchema.parse(await response.json()).tokens.filter((token) => token.kind === 'session');
};

describe('[§6] sign-in through the identity provider', () => {
  it('GET /api/auth/config says sign-in through the provider is on, without a token', async () => {
    const response = await fetch(`${t.url}/api/auth/config`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ oidc: true });
  });

  it('sends the browser to the provider with the authorization code flow, PKCE (S256), state and nonce', async () => {
    const response = await fetch(`${t.url}/auth/login`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin).toBe(provider.issuer);
    const params = location.searchParams;
    expect(params.get('response_type')).toBe('code');
    expect(params.get('client_id')).toBe(provider.clientId);
    expect(params.get('redirect_uri')).toBe(`${t.url}/auth/callback`);
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(params.get('state')).toBeTruthy();
    expect(params.get('nonce')).toBeTruthy();
    // The verifier stays with the browser's signed, HttpOnly login cookie, never in the address.
    const login = response.headers.getSetCookie().find((line) => line.startsWith('tandem_login='));
    expect(login).toMatch(/HttpOnly/);
    expect(location.href).not.toContain(/tandem_login=([^;]+)/.exec(login ?? '')?.[1] ?? 'missing');
    expect(params.get('prompt')).toBeNull();
    // After a refusal the person may pick another account: the provider is asked to sign in afresh.
    const another = await fetch(`${t.url}/auth/login?account=another`, { redirect: 'manual' });
    expect(new URL(another.headers.get('location') ?? '').searchParams.get('prompt')).toBe('login');
  });

  it('an invited email gets an HttpOnly, SameSite session cookie, and GET /api/me is that member', async () => {
    const result = await signIn(t, 'ana@acme.test');
    expect(result.landing).toBe('/');
    // The login cookie is spent; the session cookie is set once.
    expect(result.callbackCookies.filter((line) => line.startsWith('tandem_login='))).toEqual([expect.stringMatching(/Max-Age=0/)]);
    const cookie = result.callbackCookies.find((line) => line.startsWith('tandem_session='));
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Max-Age=2592000/);
    expect(cookie).not.toMatch(/Secure/); // PUBLIC_URL is http here
    expect(result.session).toBeTruthy();
    const { status, body } = await me(result.session ?? '');
    expect(status).toBe(200);
    expect(body?.member).toMatchObject({ name: 'Ana Marketing', email: 'ana@acme.test', team: 'marketing' });
    expect(body?.via).toBe('session');
    // The session is one of Ana's tokens, listed for admins as kind "session".
    const memberId = body?.member?.id ?? '';
    expect((await sessionTokens(memberId)).some((token) => token.revokedAt === null)).toBe(true);
  });

  it('refuses an email that is not invited: no cookie, no member, /signin?error=unknown', async () => {
    const result = await signIn(t, 'bob@acme.test');
    expect(result.landing).toBe('/signin?error=unknown');
    expect(result.session).toBeNull();
    expect(result.callbackCookies.some((line) => line.startsWith('tandem_session='))).toBe(false);
    expect((await members()).map((m) => m.email)).not.toContain('bob@acme.test');
  });

  it('refuses an email the provider says is not verified, even when invited', async () => {
    const result = await signIn(t, 'dave@acme.test');
    expect(result.landing).toBe('/signin?error=unverified');
    expect(result.session).toBeNull();
  });

  it('refuses a deactivated member', async () => {
    const result = await signIn(t, 'erin@acme.test');
    expect(result.landing).toBe('/signin?error=inactive');
    expect(result.session).toBeNull();
  });

  it('lets someone from OIDC_ALLOWED_DOMAINS in as a viewer of team other, named by the provider, once', async () => {
    const first = await signIn(t, 'carol@allowed.test');
    expect(first.landing).toBe('/');
    const { body } = await me(first.session ?? '');
    expect(body?.member).toMatchObject({ name: 'Carol Allowed', email: 'carol@allowed.test', team: 'other', role: 'viewer', active: true });
    const again = await signIn(t, 'carol@allowed.test');
    expect((await me(again.session ?? '')).body?.member?.id).toBe(body?.member?.id);
    expect((await members()).filter((m) => m.email === 'carol@allowed.test')).toHaveLength(1);
  });

  it('does not bring back a removed member through an allowed domain', async () => {
    const first = await signIn(t, 'carol@allowed.test');
    const carol = (await me(first.session ?? '')).body?.member;
    const removed = await fetch(`${t.url}/api/members/${carol?.id ?? ''}`, { method: 'DELETE', headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(removed.status).toBe(204);
    expect((await me(first.session ?? '')).status).toBe(401);
    expect((await signIn(t, 'carol@allowed.test')).landing).toBe('/signin?error=unknown');
  });

  it('logout ends the session: the cookie is cleared and no longer works (401)', async () => {
    const { session } = await signIn(t, 'ana@acme.test');
    expect((await me(session ?? '')).status).toBe(200);
    const response = await fetch(`${t.url}/auth/logout`, { method: 'POST', headers: withCookie(session ?? '', { origin: t.url }) });
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie().find((line) => line.startsWith('tandem_session='))).toMatch(/^tandem_session=;.*Max-Age=0/);
    expect((await me(session ?? '')).status).toBe(401);
  });

  it('[§6] a session an admin revokes from the token list closes the member\'s open socket with 4401', async () => {
    const personaId = await createPersona(t);
    const { session } = await signIn(t, 'ana@acme.test');
    const anaId = (await me(session ?? '')).body?.member?.id ?? '';
    const socket = openRawSocket(collabUrl(t, personaId), withCookie(session ?? '', { origin: t.url }));
    await socket.firstMessage; // let in by the cookie alone
    const live = (await sessionTokens(anaId)).filter((token) => token.revokedAt === null);
    for (const token of live) {
      const revoked = await fetch(`${t.url}/api/members/${anaId}/tokens/${token.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${t.adminToken}` },
      });
      expect(revoked.status).toBe(204);
    }
    let closedWith: number | null = null;
    void socket.closed.then(({ code }) => (closedWith = code));
    await vi.waitFor(() => expect(closedWith).toBe(CloseCodes.Unauthorized.code), { timeout: 2_000, interval: 20 });
    expect((await me(session ?? '')).status).toBe(401);
  });

  it('[§6] a cookie-authenticated write from a foreign Origin is 403; from Tandem\'s own page it works', async () => {
    const { session } = await signIn(t, 'ana@acme.test');
    const post = (origin: string) =>
      fetch(`${t.url}/api/personas`, {
        method: 'POST',
        headers: withCookie(session ?? '', { origin, 'content-type': 'application/json' }),
        body: JSON.stringify({ name: 'From a cookie' }),
      });
    expect((await post('https://evil.example')).status).toBe(403);
    expect((await post(t.url)).status).toBe(201);
    const logout = await fetch(`${t.url}/auth/logout`, { method: 'POST', headers: withCookie(session ?? '', { origin: 'https://evil.example' }) });
    expect(logout.status).toBe(403);
    expect((await me(session ?? '')).status).toBe(200);
  });

  it('a callback without the browser\'s login cookie, or with another state, signs nobody in', async () => {
    const bare = await fetch(`${t.url}/auth/callback?code=made-up&state=made-up`, { redirect: 'manual' });
    expect(bare.headers.get('location')).toBe('/signin?error=expired');
    // A real code for this browser's sign-in, but a state it never sent (login CSRF).
    const forged = await signIn(t, 'ana@acme.test', (callback) => callback.searchParams.set('state', 'someone-elses'));
    expect(forged.landing).toBe('/signin?error=failed');
    expect(forged.session).toBeNull();
  });
});

describe('an identity provider that is down when Tandem starts', () => {
  let down: TestIdentityProvider;
  let server: TestServer;

  beforeAll(async () => {
    down = await startIdentityProvider(ACCOUNTS);
    server = await startTestServer({ OIDC_ISSUER: down.issuer, OIDC_CLIENT_ID: down.clientId, OIDC_CLIENT_SECRET: down.clientSecret });
    await server.server.invite({ name: 'Ana Marketing', team: 'marketing', role: 'editor', email: 'ana@acme.test' });
  });
  afterAll(async () => {
    await server.close();
    await down.close();
    removeDataDir(server.dataDir);
  });

  it('does not stop Tandem; sign-in says so clearly, then works once the provider is back', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const refused = await fetch(`${server.url}/auth/login`, { redirect: 'manual' });
    expect(refused.headers.get('location')).toBe('/signin?error=provider');
    down.serve(`${server.url}/auth/callback`);
    const result = await signIn(server, 'ana@acme.test');
    expect(result.landing).toBe('/');
    expect((await fetch(`${server.url}/api/me`, { headers: withCookie(result.session ?? '') })).status).toBe(200);
  });
});

describe('without an identity provider', () => {
  it('GET /api/auth/config says so, and there is no sign-in route', async () => {
    const plain = await startTestServer();
    try {
      expect(await (await fetch(`${plain.url}/api/auth/config`)).json()).toEqual({ oidc: false });
      expect((await fetch(`${plain.url}/auth/login`, { redirect: 'manual' })).status).toBe(404);
    } finally {
      await plain.close();
      removeDataDir(plain.dataDir);
    }
  });
});
