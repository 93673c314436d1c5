// The HTTP API and the web client on Fastify. server.ts imports this module on the first request that
// needs it, so a server that only serves sockets (and /healthz, /metrics) never loads Fastify, its
// plugins, the routes or what they import (openid-client, the PDF renderer).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { COLLAB_PATH } from '../../shared/protocol.ts';
import type { RoomRegistry } from '../collab/registry.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { createPdfRenderer } from '../pdf/renderThread.ts';
import type { Storage } from '../storage/storage.ts';
import type { WriteQueue } from '../storage/writeQueue.ts';
import type { RequestAuth } from './auth.ts';
import { ApiError, createErrorHandler } from './errors.ts';
import { Scorecards } from '../crm/scorecards.ts';
import { registerCrmRoutes } from './crm.ts';
import { registerLibraryRoutes } from './library.ts';
import { registerMemberRoutes } from './members.ts';
import { registerPersonaRoutes } from './personas.ts';
import { registerScorecardRoutes } from './scorecard.ts';
import { registerSessionRoutes } from './session.ts';

export interface HttpAppOptions {
  config: Config;
  logger: Logger;
  auth: RequestAuth;
  queue: WriteQueue;
  storage: Storage;
  rooms: RoomRegistry;
  secret: Uint8Array;
  publicUrl: () => string;
}

/** Every route but /healthz and /metrics, ready to take requests through `app.routing`; closing it stops the PDF renderer. */
export async function createHttpApp({ config, logger, auth, queue, storage, rooms, secret, publicUrl }: HttpAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }), bodyLimit: 1024 * 1024 });
  app.setErrorHandler(createErrorHandler(logger));
  const scorecards = new Scorecards(storage.crm);
  registerPersonaRoutes(app, { auth, queue, storage, rooms, scorecards });
  registerMemberRoutes(app, { auth, people: storage.people, publicUrl });
  registerSessionRoutes(app, { auth, people: storage.people, oidc: config.oidc, secret, publicUrl, logger });
  const pdf = createPdfRenderer(logger);
  app.addHook('onClose', () => pdf.close());
  registerLibraryRoutes(app, { auth, queue, storage, rooms, logger, pdf, scorecards });
  await registerCrmRoutes(app, { auth, queue, storage, rooms, logger, scorecards });
  registerScorecardRoutes(app, { auth, queue, storage, rooms, scorecards });
  const hasClient = existsSync(join(config.clientDir, 'index.html'));
  if (hasClient) await app.register(fastifyStatic, { root: config.clientDir, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    // The client's routes (/p/:id, /library…) all load the single-page app.
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/');
    if (hasClient && isPage) return reply.sendFile('index.html');
    const error = new ApiError(
      'not_found',
      isPage
        ? `No web client is built here (${join(config.clientDir, 'index.html')} is missing); the API is under /api and the workshop socket under ${COLLAB_PATH}/<personaId>`
        : `No route for ${request.method} ${request.url.split('?')[0]}`,
    );
    return reply.status(error.status).send(error.toBody());
  });
  await app.ready();
  return app;
}
