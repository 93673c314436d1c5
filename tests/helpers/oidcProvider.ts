import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person the test identity provider knows; they sign in with their email as login (any password). */
export interface ProviderAccount {
  email: string;
  name: string;
  /** Left out: the provider says nothing about it. */
  emailVerified?: boolean;
}

export interface TestIdentityProvider {
  /** http://127.0.0.1:<port>: Tandem allows plain http for a loopback issuer. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /**
   * Starts answering as a real OpenID provider (oidc-provider, its dev login and consent forms)
   * for a client that redirects to `redirectUri`; until then every request gets 503, as a provider that is down.
   */
  serve(redirectUri: string): void;
  close(): Promise<void>;
}

/**
 * An identity provider on a free port: the issuer is known first, so Tandem can be started with it,
 * and the client is registered once Tandem's callback address is known.
 */
export async function startIdentityProvider(accounts: readonly ProviderAccount[]): Promise<TestIdentityProvider> {
  let handler: RequestListener | null = null;
  const http = createServer((req, res) => {
    if (handler) return handler(req, res);
    res.writeHead(503).end('the identity provider is down');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'tandem';
  const clientSecret = 'a-client-secret-for-tests-only';
  const byEmail = new Map(accounts.map((account) => [account.email, account]));

  return {
    issuer,
    clientId,
    clientSecret,
    serve(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            token_endpoint_auth_method: 'client_secret_basic',
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        async findAccount(_ctx, id) {
          const account = byEmail.get(id);
          if (!account) return undefined;
          return {
            accountId: id,
            claims: () => ({
              sub: `sub-${id}`,
              email: account.email,
              name: account.name,
              ...(account.emailVerified === undefined ? {} : { email_verified: account.emailVerified }),
            }),
          };
        },
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        features: { devInteractions: { enabled: true } },
        pkce: { required: () => true },
        cookies: { keys: ['cookie-key-for-tests-only'] },
        ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
      });
      handler = provider.callback();
    },
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
