import type { FastifyRequest } from 'fastify';
import type { Role } from '../../shared/protocol.ts';
import type { AccessClaims, TokenIssuer } from '../auth/tokens.ts';
import { ApiError } from './errors.ts';

/** The bearer token, or `?token=` on download links. */
function tokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1] ?? null;
  }
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.['token'] === 'string' ? query['token'] : null;
}

/** Resolves the caller's claims or throws 401/403; an editor may do all that a viewer may. */
export async function requireRole(tokens: TokenIssuer, request: FastifyRequest, role: Role): Promise<AccessClaims> {
  const claims = await tokens.verify(tokenOf(request));
  if (!claims) throw new ApiError('unauthorized', 'A valid access token is required');
  if (role === 'editor' && claims.role !== 'editor') {
    throw new ApiError('forbidden', 'This needs an editor link; viewers can read the library');
  }
  return claims;
}
