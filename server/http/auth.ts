import type { FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { Role } from '../../shared/protocol.ts';
import { roleAllows } from '../../shared/protocol.ts';
import type { Access, Principal } from '../auth/access.ts';
import { roleOf } from '../auth/access.ts';
import { ApiError } from './errors.ts';

/** The cookie a sign-in through the identity provider leaves: HttpOnly, SameSite, ended by the server. */
export const SESSION_COOKIE = 'tandem_session';

/** The value of one cookie in a Cookie header, or null. */
export function cookieOf(headers: IncomingHttpHeaders, name: string): string | null {
  for (const part of (headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null; // a malformed cookie is no credential (401), not a server error
      }
    }
  }
  return null;
}

/**
 * A download link (GET …/export.pdf) is the one API request a browser makes without our headers,
 * so it alone may carry the token in its address; anywhere else a URL token would end up in logs
 * and histories, and is refused (401).
 */
const isDownloadLink = (request: FastifyRequest): boolean =>
  (request.method === 'GET' || request.method === 'HEAD') && (request.url.split('?')[0] ?? '').endsWith('/export.pdf');

/** Where a request's credential comes from: a bearer token, `?token=` on download links, or the session cookie. */
export function credentialOf(request: FastifyRequest): { token: string | null; via: 'token' | 'session' } {
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = query?.['token'];
  if (fromQuery !== undefined && !isDownloadLink(request)) return { token: null, via: 'token' };
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return { token: match?.[1] ?? null, via: 'token' };
  }
  if (typeof fromQuery === 'string') return { token: fromQuery, via: 'token' };
  return { token: cookieOf(request.headers, SESSION_COOKIE), via: 'session' };
}

/**
 * Whether a request that carries the session cookie came from this site: a browser always sends
 * Origin on a cross-site write, so a foreign one is refused (a cookie is sent by the browser, not chosen).
 */
export function sameSiteWrite(request: FastifyRequest, allowedOrigins: ReadonlySet<string> | null): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return true;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (allowedOrigins?.has(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

export interface RequestAuth {
  access: Access;
  allowedOrigins: ReadonlySet<string> | null;
}

/** The caller or a 401. */
export async function requirePrincipal({ access, allowedOrigins }: RequestAuth, request: FastifyRequest): Promise<Principal> {
  const { token, via } = credentialOf(request);
  const principal = await access.authenticate(token);
  if (!principal) {
    const inAddress = (request.query as Record<string, unknown> | undefined)?.['token'] !== undefined && !isDownloadLink(request);
    throw new ApiError(
      'unauthorized',
      inAddress ? '?token= is accepted on download links only; send the token as Authorization: Bearer' : 'A valid access token is required',
    );
  }
  if (via === 'session' && !sameSiteWrite(request, allowedOrigins)) {
    throw new ApiError('forbidden', 'This request came from another site');
  }
  return principal;
}

const FORBIDDEN: Record<Role, string> = {
  admin: 'This needs an admin',
  editor: 'This needs an editor; viewers can read the library',
  viewer: 'This needs a member link',
};

/** Resolves the caller or throws 401/403; an admin may do all an editor may, an editor all a viewer may. */
export async function requireRole(auth: RequestAuth, request: FastifyRequest, role: Role): Promise<Principal> {
  const principal = await requirePrincipal(auth, request);
  if (!roleAllows(roleOf(principal), role)) throw new ApiError('forbidden', FORBIDDEN[role]);
  return principal;
}
