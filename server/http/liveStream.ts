import type { FastifyInstance } from 'fastify';
import type { LiveStreams } from '../feedback/stream.ts';
import { requirePrincipal, type RequestAuth } from './auth.ts';
import { ApiError } from './errors.ts';

export interface LiveStreamRoutesOptions {
  auth: RequestAuth;
  streams: LiveStreams;
}

/** How long a member past the cap of open streams is asked to wait before trying again. */
const RETRY_AFTER_SECONDS = 30;

/** `GET /api/me/stream`: the member's live stream (issue 17; shared/feedback/api.ts StreamMessage). */
export function registerLiveStreamRoutes(app: FastifyInstance, { auth, streams }: LiveStreamRoutesOptions): void {
  app.get('/api/me/stream', async (request, reply) => {
    const principal = await requirePrincipal(auth, request);
    // The Operator is no one: nothing concerns them, and no persona is theirs to be told about.
    if (principal.kind !== 'member') throw new ApiError('forbidden', 'The live stream is for members; an operator token has none');
    const full = streams.refusal(principal);
    if (full) throw new ApiError('unavailable', `${full.message}: close a tab or try again later`, { retryAfterSeconds: RETRY_AFTER_SECONDS });
    // The stream writes to the response itself from now on.
    reply.hijack();
    streams.open(principal, reply.raw);
  });
}
