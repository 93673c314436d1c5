import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The generated secret's file in the data directory. */
export const SECRET_FILE = 'auth-secret';

/**
 * The HS256 key: AUTH_SECRET when given, otherwise one generated on first start and kept
 * in the data directory (readable by its owner only), so links keep working across restarts.
 */
export function resolveSecret(authSecret: string | null, dataDir: string): { secret: Uint8Array; generated: boolean } {
  if (authSecret !== null) return { secret: new TextEncoder().encode(authSecret), generated: false };
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, SECRET_FILE);
  try {
    writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const stored = readFileSync(file, 'utf8').trim();
  if (stored.length < 32) throw new Error(`${file} holds no usable secret; delete it to generate a new one`);
  return { secret: new TextEncoder().encode(stored), generated: true };
}
