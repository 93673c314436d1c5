// Sign-in through the company's OpenID Connect provider: authorization code with PKCE (S256), state and nonce,
// the protocol's checks left to openid-client.
import type * as OpenId from 'openid-client';
import type { SignInError } from '../../shared/api.ts';
import type { OidcConfig } from '../config.ts';
import type { ProviderIdentity } from './oidcMembers.ts';

/** What a sign-in keeps between sending the browser to the provider and the browser's return. */
export interface LoginState {
  state: string;
  nonce: string;
  verifier: string;
}

/** A sign-in that cannot go on, with the reason the sign-in screen shows. */
export class SignInFailed extends Error {
  override readonly name = 'SignInFailed';
  constructor(
    readonly reason: SignInError,
    message: string,
    options?: { cause: unknown },
  ) {
    super(message, options);
  }
}

export interface RelyingParty {
  /**
   * Where to send the browser for a new sign-in, and what to keep until it comes back. `anotherAccount`
   * asks the provider to sign the person in afresh (prompt=login) instead of reusing its session.
   */
  begin(options?: { anotherAccount?: boolean }): Promise<{ url: URL; login: LoginState }>;
  /** The provider's word on who came back: the code exchanged and the ID token checked against `login`. */
  finish(callbackQuery: string, login: LoginState): Promise<ProviderIdentity>;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** openid-client loads with the first sign-in, so a server with no provider configured never loads it. */
let openIdClient: Promise<typeof OpenId> | null = null;
const loadClient = () => (openIdClient ??= import('openid-client'));
const DISCOVERY_TIMEOUT_SECONDS = 10;

/**
 * The relying party for one provider. Discovery happens at the first sign-in and again after a
 * failure, so a provider that is down when Tandem starts does not stop Tandem.
 */
export function createRelyingParty(oidc: OidcConfig, redirectUri: () => string): RelyingParty {
  const issuer = new URL(oidc.issuer);
  // Config allows plain http only on loopback: a provider started by tests or on a developer's machine.
  const insecure = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
  let discovered: Promise<OpenId.Configuration> | null = null;

  function configuration(): Promise<OpenId.Configuration> {
    discovered ??= loadClient()
      .then((client) =>
        client.discovery(issuer, oidc.clientId, undefined, client.ClientSecretBasic(oidc.clientSecret), {
          execute: insecure ? [client.allowInsecureRequests] : [],
          timeout: DISCOVERY_TIMEOUT_SECONDS,
        }),
      )
      .catch((cause: unknown) => {
        discovered = null;
        throw new SignInFailed('provider', `The identity provider at ${oidc.issuer} could not be reached`, { cause });
      });
    return discovered;
  }

  async function exchange(callbackQuery: string, login: LoginState) {
    const config = await configuration();
    const client = await loadClient();
    const callback = new URL(redirectUri());
    callback.search = callbackQuery;
    try {
      const tokens = await client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: login.verifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
      return { config, tokens };
    } catch (cause) {
      if (cause instanceof client.AuthorizationResponseError && cause.error === 'access_denied') {
        throw new SignInFailed('denied', 'The sign-in was cancelled at the identity provider', { cause });
      }
      throw new SignInFailed('failed', 'The identity provider\'s answer did not check out', { cause });
    }
  }

  return {
    async begin({ anotherAccount = false } = {}) {
      const config = await configuration();
      const client = await loadClient();
      const login: LoginState = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri(),
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(login.verifier),
        code_challenge_method: 'S256',
        state: login.state,
        nonce: login.nonce,
        ...(anotherAccount ? { prompt: 'login' } : {}),
      });
      return { url, login };
    },

    async finish(callbackQuery, login) {
      const { config, tokens } = await exchange(callbackQuery, login);
      const client = await loadClient();
      const idToken = tokens.claims();
      if (!idToken) throw new SignInFailed('failed', 'The identity provider sent no ID token');
      // Many providers put the email in the ID token only for the implicit flow; userinfo has it then.
      const claims =
        typeof idToken['email'] === 'string'
          ? idToken
          : await client.fetchUserInfo(config, tokens.access_token, idToken.sub).catch((cause: unknown) => {
              throw new SignInFailed('failed', 'The identity provider\'s userinfo could not be read', { cause });
            });
      const email = claims['email'];
      if (typeof email !== 'string' || !email.includes('@')) {
        throw new SignInFailed('failed', 'The identity provider shared no email address (is the "email" scope allowed for this client?)');
      }
      const verified = claims['email_verified'];
      const name = claims['name'];
      return {
        email,
        emailVerified: typeof verified === 'boolean' ? verified : null,
        name: typeof name === 'string' ? name : null,
      };
    },
  };
}
