import type { FastifyInstance } from 'fastify';
import type { CreateInviteResponse } from '../../shared/api.ts';
import { createInviteRequestSchema, DEFAULT_INVITE_DAYS } from '../../shared/api.ts';
import type { TokenIssuer } from '../auth/tokens.ts';
import { requireRole } from './auth.ts';
import { parseBody } from './errors.ts';

const DAY_SECONDS = 24 * 3600;

/** Lets an editor share a link from the workshop, as `npm run invite` does on the command line. */
export function registerInviteRoutes(app: FastifyInstance, tokens: TokenIssuer): void {
  app.post('/api/invites', async (request, reply) => {
    await requireRole(tokens, request, 'editor');
    const { role, days = DEFAULT_INVITE_DAYS } = parseBody(createInviteRequestSchema, request.body);
    const expiresInSeconds = days * DAY_SECONDS;
    const token = await tokens.issue(role, { expiresInSeconds });
    const body: CreateInviteResponse = { token, expiresAt: new Date(Date.now() + expiresInSeconds * 1000).toISOString() };
    return reply.status(201).send(body);
  });
}
