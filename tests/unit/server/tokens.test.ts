import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTokenIssuer, resolveSecret } from '../../../server/auth/tokens.ts';
import { makeDataDir, removeDataDir } from '../../helpers/server.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDataDir));

describe('access tokens', () => {
  it('round-trips the role and expiry, and refuses tampering, expired tokens and other secrets', async () => {
    const issuer = createTokenIssuer(new TextEncoder().encode('a'.repeat(40)));
    const other = createTokenIssuer(new TextEncoder().encode('b'.repeat(40)));
    const viewer = await issuer.issue('viewer');
    expect(await issuer.verify(viewer)).toEqual({ role: 'viewer', expiresAt: null });
    expect(await other.verify(viewer)).toBeNull();
    expect(await issuer.verify(`${viewer.slice(0, -2)}xx`)).toBeNull();
    expect(await issuer.verify(await issuer.issue('editor', { expiresInSeconds: -1 }))).toBeNull();
    const issuedAt = Date.now();
    const expiring = await issuer.verify(await issuer.issue('editor', { expiresInSeconds: 3600 }));
    expect(expiring?.role).toBe('editor');
    // exp is in whole seconds, rounded down from the signing time.
    expect(expiring?.expiresAt).toBeGreaterThan(issuedAt + 3_598_000);
    expect(expiring?.expiresAt).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect(await issuer.verify('')).toBeNull();
    expect(await issuer.verify('not.a.jwt')).toBeNull();
  });

  it('generates a secret once into the data dir, owner-readable only, and reuses it', () => {
    const dir = makeDataDir();
    dirs.push(dir);
    const first = resolveSecret(null, join(dir, 'data'));
    const second = resolveSecret(null, join(dir, 'data'));
    expect(first.generated).toBe(true);
    expect(Buffer.from(second.secret).equals(Buffer.from(first.secret))).toBe(true);
    const file = join(dir, 'data', 'auth-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').length).toBeGreaterThanOrEqual(32);
  });

  it('uses AUTH_SECRET as given and writes nothing', () => {
    const dir = makeDataDir();
    dirs.push(dir);
    const { secret, generated } = resolveSecret('x'.repeat(32), dir);
    expect(generated).toBe(false);
    expect(new TextDecoder().decode(secret)).toBe('x'.repeat(32));
    expect(existsSync(join(dir, 'auth-secret'))).toBe(false);
  });
});
