import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.ts';

const OIDC = {
  OIDC_ISSUER: 'https://login.example.com/tenant',
  OIDC_CLIENT_ID: 'tandem',
  OIDC_CLIENT_SECRET: 'secret',
};

describe('loadConfig: sign-in through an identity provider', () => {
  it('is off when no OIDC variable is set, or they are set to nothing', () => {
    expect(loadConfig({}).oidc).toBeNull();
    expect(loadConfig({ OIDC_ISSUER: '', OIDC_CLIENT_ID: ' ', OIDC_CLIENT_SECRET: '' }).oidc).toBeNull();
  });

  it('reads the issuer, the client and the allowed email domains', () => {
    const { oidc } = loadConfig({ ...OIDC, OIDC_ALLOWED_DOMAINS: 'Acme.com, @acme.co.uk ,' });
    expect(oidc).toEqual({
      issuer: 'https://login.example.com/tenant',
      clientId: 'tandem',
      clientSecret: 'secret',
      allowedDomains: ['acme.com', 'acme.co.uk'],
    });
    expect(loadConfig(OIDC).oidc?.allowedDomains).toEqual([]);
  });

  it.each(['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const)('refuses the other two without %s, naming it', (left) => {
    const env = Object.fromEntries(Object.entries(OIDC).filter(([name]) => name !== left));
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${left}: not set, but OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together`));
  });

  it('refuses OIDC_ALLOWED_DOMAINS without a provider, and an entry that is not a domain', () => {
    expect(() => loadConfig({ OIDC_ALLOWED_DOMAINS: 'acme.com' })).toThrow(/OIDC_ALLOWED_DOMAINS: needs OIDC_ISSUER/);
    expect(() => loadConfig({ ...OIDC, OIDC_ALLOWED_DOMAINS: 'acme.com, not a domain' })).toThrow(/email domain such as example.com/);
  });

  it('wants https for the issuer, except on this machine', () => {
    expect(() => loadConfig({ ...OIDC, OIDC_ISSUER: 'http://login.example.com' })).toThrow(/OIDC_ISSUER must use https/);
    expect(() => loadConfig({ ...OIDC, OIDC_ISSUER: 'not a url' })).toThrow(/OIDC_ISSUER must be an absolute URL/);
    expect(loadConfig({ ...OIDC, OIDC_ISSUER: 'http://127.0.0.1:9000' }).oidc?.issuer).toBe('http://127.0.0.1:9000');
    expect(loadConfig({ ...OIDC, OIDC_ISSUER: 'http://localhost:9000/realms/acme' }).oidc?.issuer).toBe('http://localhost:9000/realms/acme');
  });
});
