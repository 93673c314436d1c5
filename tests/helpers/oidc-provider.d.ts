// The little of oidc-provider (it ships no types) that the tests' identity provider uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface ClientMetadata {
    client_id: string;
    client_secret: string;
    redirect_uris: string[];
    token_endpoint_auth_method: 'client_secret_basic';
    grant_types: string[];
    response_types: string[];
  }

  export interface Configuration {
    clients: ClientMetadata[];
    findAccount(ctx: unknown, id: string): Promise<Account | undefined>;
    claims: Record<string, string[]>;
    features?: Record<string, { enabled: boolean }>;
    pkce?: { required: () => boolean };
    cookies?: { keys: string[] };
    /** Seconds each artifact lives. */
    ttl?: Record<string, number>;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
