import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, jwtVerify } from 'jose';
import type { Role } from '../../shared/protocol.ts';
import { ROLES } from '../../shared/protocol.ts';

const SECRET_FILE = 'auth-secret';

export interface AccessClaims {
  role: Role;
  /** The token's `exp` in epoch ms; null when it never expires. */
  expiresAt: number | null;
}

/** Signs and verifies access tokens: JWT, HS256, claim `role`, optional `exp`. */
export interface TokenIssuer {
  issue(role: Role, options?: { expiresInSeconds?: number }): Promise<string>;
  /** The token's claims, or null for a missing, forged, expired or malformed token. */
  verify(token: string | null | undefined): Promise<AccessClaims | null>;
}

export function createTokenIssuer(secret: Uint8Array): TokenIssuer {
  return {
    async issue(role, options = {}) {
      const jwt = new SignJWT({ role }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt();
      if (options.expiresInSeconds !== undefined) {
        jwt.setExpirationTime(Math.floor(Date.now() / 1000) + options.expiresInSeconds);
      }
      return jwt.sign(secret);
    },
    async verify(token) {
      if (!token) return null;
      try {
        const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] });
        const role = payload['role'];
        if (!(ROLES as readonly unknown[]).includes(role)) return null;
        return { role: role as Role, expiresAt: payload.exp === undefined ? null : payload.exp * 1000 };
      } catch {
        return null;
      }
    },
  };
}

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
