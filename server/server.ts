import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { OperatorRole } from '../shared/protocol.ts';
import { COLLAB_PATH, ROLES } from '../shared/protocol.ts';
import { createAccess, type Access } from './auth/access.ts';
import { bootstrapFirstAdmin, inviteMember, type InviteInput, type Invited } from './auth/members.ts';
import { resolveSecret } from './auth/tokens.ts';
import { RoomRegistry } from './collab/registry.ts';
import { createCollabEndpoint, type CollabEndpoint } from './collab/upgrade.ts';
import type { Config } from './config.ts';
import { ApiError, createErrorHandler } from './http/errors.ts';
import type { RequestAuth } from './http/auth.ts';
import { registerLibraryRoutes } from './http/library.ts';
import { registerMemberRoutes } from './http/members.ts';
import { registerPersonaRoutes } from './http/personas.ts';
import { registerSessionRoutes } from './http/session.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics, initRoleGauges, type Metrics } from './metrics.ts';
import { createPdfRenderer, type PdfRenderer } from './pdf/renderThread.ts';
import { openSqliteStorage } from './storage/sqliteStorage.ts';
import type { Storage } from './storage/storage.ts';
import { WriteQueue } from './storage/writeQueue.ts';

export const DATABASE_FILE = 'tandem.sqlite';

export interface ServerOptions {
  logger?: Logger;
  /** Another storage backend; the SQLite file in DATA_DIR by default. */
  openStorage?: (config: Config) => Promise<Storage>;
}

export interface TandemServer {
  /**
   * Opens the storage and starts listening; resolves with the base URL and, on a first start with
   * no member yet, the first admin's link (SPEC §3).
   */
  listen(): Promise<{ url: string; firstAdmin: Invited | null }>;
  /** Closes every connection, writes every document out and closes the storage. */
  close(): Promise<void>;
  address(): AddressInfo | null;
  /** Signs an operator token (no member) with the server's secret: scripts and tests. */
  issueToken(role: OperatorRole, options?: { expiresInSeconds?: number }): Promise<string>;
  /** Creates a member and their first link, as an admin's invitation does. */
  invite(input: InviteInput): Promise<Invited>;
  /** Who is who: members, tokens and what changes about them. */
  access(): Access;
  /** Base of invite links: PUBLIC_URL, or the address it listens on. */
  publicUrl(): string;
  readonly metrics: Metrics;
}

interface Running {
  app: FastifyInstance;
  storage: Storage;
  queue: WriteQueue;
  rooms: RoomRegistry;
  collab: CollabEndpoint;
  access: Access;
  pdf: PdfRenderer;
  firstAdmin: Invited | null;
}

/** The storage the configuration names: the SQLite file in DATA_DIR, the only backend so far. */
export function openConfiguredStorage(config: Config): Promise<Storage> {
  return openSqliteStorage({ file: join(config.dataDir, DATABASE_FILE), synchronous: config.sqliteSynchronous });
}

/** Builds the server; nothing is opened or bound until `listen`. */
export function createServer(config: Config, options: ServerOptions = {}): TandemServer {
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = createMetrics();
  initRoleGauges(metrics, ROLES);
  const openStorage = options.openStorage ?? openConfiguredStorage;
  let running: Running | null = null;
  let closing: Promise<void> | null = null;

  const requireRunning = (): Running => {
    if (!running) throw new Error('the server is not listening');
    return running;
  };

  async function start(): Promise<Running> {
    const storage = await openStorage(config);
    const { secret } = resolveSecret(config.authSecret, config.dataDir);
    const access = createAccess(secret, storage.people);
    const auth: RequestAuth = { access, allowedOrigins: config.allowedOrigins };
    const queue = new WriteQueue({
      log: storage.log,
      logger,
      observeWrite: (seconds) => metrics.storeWriteSeconds.observe(seconds),
    });
    const rooms = new RoomRegistry({
      storage,
      queue,
      logger,
      metrics,
      unloadAfterMs: config.unloadAfterMs,
      compactEvery: config.compactEvery,
    });
    const collab = createCollabEndpoint({ config, access, rooms, logger, metrics });
    const app = Fastify({
      loggerInstance: logger as FastifyBaseLogger,
      logController: new LogController({ disableRequestLogging: true }), bodyLimit: 1024 * 1024 });
    app.setErrorHandler(createErrorHandler(logger));
    app.get('/healthz', async () => ({ status: 'ok' }));
    app.get('/metrics', async (_request, reply) =>
      reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
    );
    registerPersonaRoutes(app, { auth, queue, storage, rooms });
    registerMemberRoutes(app, { auth, people: storage.people, publicUrl: () => server.publicUrl() });
    registerSessionRoutes(app, { auth, people: storage.people, oidc: config.oidc, secret, publicUrl: () => server.publicUrl(), logger });
    const pdf = createPdfRenderer(logger);
    registerLibraryRoutes(app, { auth, queue, storage, rooms, logger, pdf });
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
    app.server.on('upgrade', collab.onUpgrade);
    await app.listen({ port: config.port, host: config.host });
    running = { app, storage, queue, rooms, collab, access, pdf, firstAdmin: null };
    // Once listening, so that the link names the port that PORT=0 picked.
    running.firstAdmin = await bootstrapFirstAdmin(access, storage.people, server.publicUrl());
    return running;
  }

  async function stop(r: Running): Promise<void> {
    r.collab.closeAll();
    await r.collab.close();
    await r.rooms.close();
    await r.queue.close();
    await r.app.close();
    await r.pdf.close();
    await r.storage.close();
  }

  const server: TandemServer = {
    metrics,
    async listen() {
      if (running) throw new Error('the server is already listening');
      const started = await start();
      const url = `http://${formatHost(server.address())}`;
      logger.info({ url }, `listening on ${url}`);
      return { url, firstAdmin: started.firstAdmin };
    },
    close() {
      closing ??= running ? stop(running).then(() => logger.info('server closed')) : Promise.resolve();
      return closing;
    },
    address() {
      const address = running?.app.server.address();
      return address && typeof address === 'object' ? address : null;
    },
    issueToken(role, tokenOptions) {
      return requireRunning().access.issueOperatorToken(role, tokenOptions);
    },
    invite(input) {
      const r = requireRunning();
      return inviteMember(r.access, r.storage.people, server.publicUrl(), input);
    },
    access() {
      return requireRunning().access;
    },
    publicUrl() {
      return config.publicUrl ?? `http://${formatHost(server.address())}`;
    },
  };
  return server;
}

function formatHost(address: AddressInfo | null): string {
  if (!address) return 'not-listening';
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `${host}:${address.port}`;
}
