// Sign-in through the identity provider and its session cookie: /api/auth/config, /auth/login, /auth/callback, /auth/logout.
import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SignJWT } from 'jose/jwt/sign';
import { jwtVerify } from 'jose/jwt/verify';
import type { AuthConfigResponse, SignInError } from '../../shared/api.ts';
import type { LoginState } from '../auth/oidc.ts';
import { createRelyingParty, SignInFailed } from '../auth/oidc.ts';
import { domainOf, memberForSignIn } from '../auth/oidcMembers.ts';
import type { OidcConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { People } from '../storage/storage.ts';
import { cookieOf, sameSiteWrite, SESSION_COOKIE, type RequestAuth } from './auth.ts';
import { ApiError } from './errors.ts';

/** Holds a sign-in's state, nonce and PKCE verifier, signed, until the provider sends the browser back. */
export const LOGIN_COOKIE = 'tandem_login';
export const CALLBACK_PATH = '/auth/callback';
const SESSION_DAYS = 30;
const LOGIN_SECONDS = 600;
const LOGIN_AUDIENCE = 'tandem:oidc-login';

export interface SessionRoutesOptions {
  auth: RequestAuth;
  people: People;
  /** Null: no identity provider configured; only the config and logout routes exist. */
  oidc: OidcConfig | null;
  /** AUTH_SECRET: a key for the login cookie is derived from it, so any process of the same server can finish a sign-in. */
  secret: Uint8Array;
  publicUrl: () => string;
  logger: Logger;
}

interface CookieOptions {
  maxAge: number;
  path: string;
  secure: boolean;
}

const setCookie = (name: string, value: string, { maxAge, path, secure }: CookieOptions): string =>
  `${name}=${encodeURIComponent(value)}; Max-Age=${maxAge}; Path=${path}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;

/** The session cookie's and login cookie's routes (SPEC §6: a session the server can end). */
export function registerSessionRoutes(app: FastifyInstance, options: SessionRoutesOptions): void {
  const { auth, people, oidc, publicUrl, logger } = options;
  const secure = () => publicUrl().startsWith('https:');

  app.get('/api/auth/config', async (): Promise<AuthConfigResponse> => ({ oidc: oidc !== null }));

  app.post('/auth/logout', async (request, reply) => {
    if (!sameSiteWrite(request, auth.allowedOrigins)) throw new ApiError('forbidden', 'This request came from another site');
    const principal = await auth.access.authenticate(cookieOf(request.headers, SESSION_COOKIE));
    if (principal?.kind === 'member') {
      await people.revokeToken(principal.member.id, principal.tokenId, new Date().toISOString());
      auth.access.memberChanged(principal.member.id);
    }
    return reply
      .header('set-cookie', setCookie(SESSION_COOKIE, '', { maxAge: 0, path: '/', secure: secure() }))
      .header('cache-control', 'no-store')
      .status(204)
      .send();
  });

  if (!oidc) return;
  const relyingParty = createRelyingParty(oidc, () => `${publicUrl()}${CALLBACK_PATH}`);
  const loginKey = createHmac('sha256', options.secret).update(LOGIN_AUDIENCE).digest();

  const signLogin = (login: LoginState) =>
    new SignJWT({ ...login })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience(LOGIN_AUDIENCE)
      .setExpirationTime(`${LOGIN_SECONDS}s`)
      .sign(loginKey);

  async function readLogin(request: FastifyRequest): Promise<LoginState | null> {
    const cookie = cookieOf(request.headers, LOGIN_COOKIE);
    if (!cookie) return null;
    try {
      const { payload } = await jwtVerify(cookie, loginKey, { algorithms: ['HS256'], audience: LOGIN_AUDIENCE });
      const { state, nonce, verifier } = payload;
      if (typeof state !== 'string' || typeof nonce !== 'string' || typeof verifier !== 'string') return null;
      return { state, nonce, verifier };
    } catch {
      return null;
    }
  }

  const toSignIn = (reply: FastifyReply, error: SignInError) => reply.redirect(`/signin?error=${error}`);

  app.get<{ Querystring: { account?: string } }>('/auth/login', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      const { url, login } = await relyingParty.begin({ anotherAccount: request.query.account === 'another' });
      reply.header('set-cookie', setCookie(LOGIN_COOKIE, await signLogin(login), { maxAge: LOGIN_SECONDS, path: '/auth', secure: secure() }));
      return reply.redirect(url.href);
    } catch (err) {
      logger.warn({ err }, 'sign-in could not start: the identity provider is unreachable');
      return toSignIn(reply, err instanceof SignInFailed ? err.reason : 'failed');
    }
  });

  app.get(CALLBACK_PATH, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    // The login cookie is spent whatever happens next (Fastify appends later Set-Cookie headers).
    reply.header('set-cookie', setCookie(LOGIN_COOKIE, '', { maxAge: 0, path: '/auth', secure: secure() }));
    const login = await readLogin(request);
    if (!login) return toSignIn(reply, 'expired');
    try {
      const identity = await relyingParty.finish(new URL(request.url, 'http://callback').search, login);
      const match = await memberForSignIn(people, identity, oidc.allowedDomains);
      if ('refused' in match) {
        logger.info({ reason: match.refused, domain: domainOf(identity.email) }, 'sign-in refused');
        return toSignIn(reply, match.refused);
      }
      const { token } = await auth.access.issueMemberToken(match.member.id, { kind: 'session', days: SESSION_DAYS });
      logger.info({ memberId: match.member.id, created: match.created }, 'signed in through the identity provider');
      const session = setCookie(SESSION_COOKIE, token, { maxAge: SESSION_DAYS * 86_400, path: '/', secure: secure() });
      return reply.header('set-cookie', session).redirect('/');
    } catch (err) {
      const reason = err instanceof SignInFailed ? err.reason : 'failed';
      logger.warn({ err, reason }, 'sign-in through the identity provider failed');
      return toSignIn(reply, reason);
    }
  });
}
