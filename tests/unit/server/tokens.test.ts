import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveSecret } from '../../../server/auth/tokens.ts';
import { makeDataDir, removeDataDir } from '../../helpers/server.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDataDir));

describe('the signing secret', () => {
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
