// The HTTP API and the web client on Fastify. server.ts imports this module on the first request that
// needs it, so a server that only serves sockets (and /healthz, /metrics) never loads Fastify, its
// plugins, the routes or what they import (openid-client, the PDF renderer).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { COLLAB_PATH } from '../../shared/protocol.ts';
import type { ActivityRecorder } from '../activity/recorder.ts';
import type { RoomRegistry } from '../collab/registry.ts';
import type { Config } from '../config.ts';
import type { Mailer } from '../feedback/mail.ts';
import type { WebhookDispatcher } from '../feedback/webhooks.ts';
import type { FeedbackBus } from '../feedback/bus.ts';
import type { LiveStreams } from '../feedback/stream.ts';
import type { Logger } from '../logger.ts';
import { createPdfRenderer, type PdfRendererOptions } from '../pdf/renderThread.ts';
import type { Storage } from '../storage/storage.ts';
import type { WriteQueue } from '../storage/writeQueue.ts';
import type { RequestAuth } from './auth.ts';
import { registerActivityRoutes } from './activity.ts';
import { TrustedProxies } from './clientAddress.ts';
import { ApiError, createErrorHandler } from './errors.ts';
import { registerHistoryRoutes } from './history.ts';
import { registerInboxRoutes } from './inbox.ts';
import { Scorecards } from '../crm/scorecards.ts';
import { registerCrmRoutes } from './crm.ts';
import { registerLibraryRoutes } from './library.ts';
import { registerLifecycleRoutes } from './lifecycle.ts';
import { registerLiveStreamRoutes } from './liveStream.ts';
import { registerMemberRoutes } from './members.ts';
import { registerPersonaRoutes } from './personas.ts';
import { registerScorecardRoutes } from './scorecard.ts';
import { registerSessionRoutes } from './session.ts';
import { registerWebhookRoutes } from './webhooks.ts';

export interface HttpAppOptions {
  config: Config;
  logger: Logger;
  auth: RequestAuth;
  queue: WriteQueue;
  storage: Storage;
  rooms: RoomRegistry;
  activity: ActivityRecorder;
  feedback: FeedbackBus;
  streams: LiveStreams;
  secret: Uint8Array;
  publicUrl: () => string;
  pdf?: PdfRendererOptions;
  /** Mail (its `available` says whether SMTP_URL is set) and webhooks (issue 17). */
  mailer: Mailer;
  webhooks: WebhookDispatcher;
  /** Whether the server can send mail (the Mailer's `available`). */
  mailAvailable: () => boolean;
}

/** Every route but /healthz and /metrics, ready to take requests through `app.routing`; closing it stops the PDF renderer. */
export async function createHttpApp({ config, logger, auth, queue, storage, rooms, activity, secret, publicUrl, pdf: pdfOptions, webhooks, feedback, mailAvailable, streams }: HttpAppOptions): Promise<FastifyInstance> {
  const proxies = new TrustedProxies(config.trustProxy);
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }), bodyLimit: 1024 * 1024,
    // request.ip is the client behind a proxy TRUST_PROXY names, as the socket limits count it.
    trustProxy: config.trustProxy.length > 0 ? (address: string) => proxies.has(address) : false });
  app.setErrorHandler(createErrorHandler(logger));
  const scorecards = new Scorecards(storage.crm);
  registerPersonaRoutes(app, { auth, queue, storage, rooms, activity, scorecards, trashRetentionDays: config.trashRetentionDays });
  registerLifecycleRoutes(app, { auth, queue, storage, rooms, activity, trashRetentionDays: config.trashRetentionDays });
  registerActivityRoutes(app, { auth, storage, rooms, activity });
  registerMemberRoutes(app, { auth, people: storage.people, publicUrl });
  registerSessionRoutes(app, { auth, people: storage.people, oidc: config.oidc, secret, publicUrl, logger });
  const pdf = createPdfRenderer(logger, pdfOptions);
  app.addHook('onClose', () => pdf.close());
  registerLibraryRoutes(app, { auth, queue, storage, rooms, logger, pdf, activity, scorecards });
  registerLiveStreamRoutes(app, { auth, streams });
  registerHistoryRoutes(app, { auth, storage, rooms, logger, activity });
  await registerCrmRoutes(app, { auth, queue, storage, rooms, logger, scorecards, feedback });
  registerInboxRoutes(app, { auth, storage, feedback, mailAvailable });
  registerScorecardRoutes(app, { auth, queue, storage, rooms, scorecards, pdf });
  registerWebhookRoutes(app, { auth, webhooks: storage.webhooks, dispatcher: webhooks });
  const hasClient = existsSync(join(config.clientDir, 'index.html'));
  // No source maps are built for production; one left in the folder is not served either.
  app.addHook('onRequest', async (request) => {
    if ((request.url.split('?')[0] ?? '').endsWith('.map')) throw new ApiError('not_found', 'Source maps are not served');
  });
  if (hasClient) await app.register(fastifyStatic, { root: config.clientDir, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    // The client's routes (/p/:id, /library…) all load the single-page app; a missing file under
    // /assets/ (an old chunk a stale tab asks for) is a 404, never the app's page.
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/assets/');
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
