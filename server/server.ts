import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { OperatorRole } from '../shared/protocol.ts';
import { ROLES } from '../shared/protocol.ts';
import { ActivityRecorder } from './activity/recorder.ts';
import { FeedbackInbox } from './feedback/inbox.ts';
import { StaleSignoffWatch } from './feedback/staleSignoffs.ts';
import { createAccess, type Access } from './auth/access.ts';
import { bootstrapFirstAdmin, inviteMember, type InviteInput, type Invited } from './auth/members.ts';
import { resolveSecret } from './auth/tokens.ts';
import { RoomRegistry } from './collab/registry.ts';
import { createCollabEndpoint, type CollabEndpoint } from './collab/upgrade.ts';
import type { Config } from './config.ts';
import { FeedbackBus } from './feedback/bus.ts';
import { Mailer } from './feedback/mail.ts';
import { WebhookDispatcher } from './feedback/webhooks.ts';
import type { HttpAppOptions } from './http/app.ts';
import { ApiError } from './http/errors.ts';
import { setSecurityHeaders } from './http/securityHeaders.ts';
import type { RequestAuth } from './http/auth.ts';
import { LiveStreams, type LiveStreamLimits } from './feedback/stream.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics, initRoleGauges, METRICS_CONTENT_TYPE, type Metrics } from './metrics.ts';
import { checkDatabaseFile, lockDataDir } from './storage/dataDir.ts';
import { startTrashSweep } from './persona/trashSweep.ts';
import { openSqliteStorage } from './storage/sqliteStorage.ts';
import { cachedHealth } from './health.ts';
import type { Storage } from './storage/storage.ts';
import type { PdfRendererOptions } from './pdf/renderThread.ts';
import { shapeGuard } from './collab/shapeGuard.ts';
import { WriteQueue } from './storage/writeQueue.ts';

export const DATABASE_FILE = 'tandem.sqlite';

export interface ServerOptions {
  logger?: Logger;
  /** Another storage backend; the SQLite file in DATA_DIR by default. */
  openStorage?: (config: Config) => Promise<Storage>;
  /** The PDF renderer's limits (workers, time limit, queue); the defaults otherwise. */
  pdf?: PdfRendererOptions;
  /** The live streams' keep-alive, cap per member and buffer bound; the defaults otherwise (tests). */
  streams?: Partial<LiveStreamLimits>;
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
  /** Where feedback events meet their listeners (inbox, live streams, mail, webhooks). */
  feedback(): FeedbackBus;
  /** Base of invite links: PUBLIC_URL, or the address it listens on. */
  publicUrl(): string;
  /** Mail to members; `available` only with SMTP_URL. */
  mailer(): Mailer;
  webhooks(): WebhookDispatcher;
  readonly metrics: Metrics;
}

interface Running {
  http: Server;
  api: LazyHttpApp;
  storage: Storage;
  queue: WriteQueue;
  rooms: RoomRegistry;
  activity: ActivityRecorder;
  feedback: FeedbackBus;
  mailer: Mailer;
  webhooks: WebhookDispatcher;
  inbox: FeedbackInbox;
  staleSignoffs: StaleSignoffWatch;
  streams: LiveStreams;
  collab: CollabEndpoint;
  access: Access;
  firstAdmin: Invited | null;
  stopTrashSweep: () => Promise<void>;
}

/**
 * The storage the configuration names: PostgreSQL with DATABASE_URL (any number of processes share
 * it), else the SQLite file in DATA_DIR, whose lock the server holds while it runs (`exclusive`);
 * npm run invite does not.
 */
export async function openConfiguredStorage(config: Config, { exclusive = false, logger }: { exclusive?: boolean; logger?: Logger } = {}): Promise<Storage> {
  if (config.databaseUrl !== null) {
    // Loaded only when asked for: a SQLite Tandem starts without the PostgreSQL client.
    const { openPostgresStorage } = await import('./storage/postgres/postgresStorage.ts');
    return openPostgresStorage({ url: config.databaseUrl, logger });
  }
  const file = join(config.dataDir, DATABASE_FILE);
  const lock = exclusive ? lockDataDir(config.dataDir) : null;
  try {
    checkDatabaseFile(config.dataDir, file);
    const storage = await openSqliteStorage({ file, synchronous: config.sqliteSynchronous });
    return lock ? { ...storage, close: () => storage.close().finally(() => lock.release()) } : storage;
  } catch (err) {
    lock?.release();
    throw err;
  }
}

/** Builds the server; nothing is opened or bound until `listen`. */
export function createServer(config: Config, options: ServerOptions = {}): TandemServer {
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = createMetrics();
  initRoleGauges(metrics, ROLES);
  const openStorage = options.openStorage ?? ((c: Config) => openConfiguredStorage(c, { exclusive: true, logger }));
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
    const feedback = new FeedbackBus(logger);
    const activity = new ActivityRecorder({ activity: storage.activity, logger, feedback });
    const mailer = new Mailer({ config: config.mail, queue: storage.mailQueue, people: storage.people, bus: feedback, logger, publicUrl: () => server.publicUrl() });
    const webhooks = new WebhookDispatcher({ webhooks: storage.webhooks, people: storage.people, index: storage.index, bus: feedback, logger, config: config.webhooks, locale: config.outgoingLocale, publicUrl: () => server.publicUrl() });
    const inbox = new FeedbackInbox({ bus: feedback, storage, logger, mailAvailable: () => mailer.available });
    const staleSignoffs = new StaleSignoffWatch({ bus: feedback, recorder: activity, activity: storage.activity, logger });
    const streams = new LiveStreams({ bus: feedback, access, people: storage.people, index: storage.index, logger, ...(options.streams && { limits: options.streams }) });
    const rooms = new RoomRegistry({
      storage,
      queue,
      logger,
      metrics,
      unloadAfterMs: config.unloadAfterMs,
      compactEvery: config.compactEvery,
      maxDocumentBytes: config.maxDocumentBytes,
      // Checks before any peer update is applied; more compose here with allChecks (collab/peer.ts).
      checkUpdate: shapeGuard,
      checkpoints: { everyMs: config.checkpointEveryMs },
      onPeerChange: (...change) => {
        activity.peerChanged(...change);
        staleSignoffs.peerChanged(...change);
      },
    });
    const collab = createCollabEndpoint({ config, access, rooms, logger, metrics });
    const api = lazyHttpApp({ config, logger, auth, queue, storage, rooms, activity, secret, publicUrl: () => server.publicUrl(), ...(options.pdf && { pdf: options.pdf }), mailer, webhooks, feedback, mailAvailable: () => mailer.available, streams });
    // SPEC §9: 503 while the database cannot be reached; asked at most once a second, however often polled.
    const healthy = cachedHealth(storage.reachable?.bind(storage) ?? null);
    // Health and metrics are answered here; the rest of HTTP waits for the API on its first request.
    const http = createHttpServer((request, response) => {
      setSecurityHeaders(response);
      const path = request.url?.split('?')[0];
      const isRead = request.method === 'GET' || request.method === 'HEAD';
      if (isRead && path === '/healthz') {
        return void healthy().then((ok) =>
          ok
            ? respond(response, 'application/json; charset=utf-8', '{"status":"ok"}')
            : respond(response, 'application/json; charset=utf-8', '{"status":"unavailable","reason":"the database cannot be reached"}', 503),
        );
      }
      if (isRead && path === '/metrics') {
        return void metrics.exposition().then((text) => respond(response, METRICS_CONTENT_TYPE, text), (err: unknown) => api.fail(response, err));
      }
      api.handle(request, response);
    });
    // As Fastify set its own server: idle keep-alive sockets outlive a load balancer's, no request deadline.
    http.keepAliveTimeout = 72_000;
    http.requestTimeout = 0;
    http.on('upgrade', collab.onUpgrade);
    await listenOn(http, config.port, config.host);
    const stopTrashSweep = startTrashSweep({
      storage,
      queue,
      logger,
      retentionDays: config.trashRetentionDays,
      intervalMs: config.trashSweepIntervalMs,
    });
    mailer.start();
    webhooks.start();
    running = { http, api, storage, queue, rooms, activity, feedback, mailer, webhooks, inbox, staleSignoffs, streams, collab, access, firstAdmin: null, stopTrashSweep };
    // Once listening, so that the link names the port that PORT=0 picked.
    running.firstAdmin = await bootstrapFirstAdmin(access, storage.people, server.publicUrl());
    return running;
  }

  async function stop(r: Running): Promise<void> {
    await r.stopTrashSweep();
    r.collab.closeAll();
    r.streams.close();
    await r.collab.close();
    await r.rooms.close();
    await r.queue.close();
    await r.staleSignoffs.close();
    await r.activity.flush();
    await r.inbox.close();
    await r.api.close();
    await r.mailer.close();
    await r.webhooks.close();
    await new Promise<void>((resolve) => r.http.close(() => resolve()));
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
      const address = running?.http.address();
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
    feedback() {
      return requireRunning().feedback;
    },
    publicUrl() {
      return config.publicUrl ?? `http://${formatHost(server.address())}`;
    },
    mailer: () => requireRunning().mailer,
    webhooks: () => requireRunning().webhooks,
  };
  return server;
}

function formatHost(address: AddressInfo | null): string {
  if (!address) return 'not-listening';
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `${host}:${address.port}`;
}

function respond(response: ServerResponse, contentType: string, body: string, status = 200): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) }).end(body);
}

function listenOn(http: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen({ port, host }, () => {
      http.off('error', reject);
      resolve();
    });
  });
}

interface LazyHttpApp {
  handle(request: IncomingMessage, response: ServerResponse): void;
  /** Answers 500 for a request the API could not take. */
  fail(response: ServerResponse, err: unknown): void;
  close(): Promise<void>;
}

/** The Fastify app of http/app.ts, imported and built on the first request for it (a failed build is tried again on the next). */
function lazyHttpApp(options: HttpAppOptions): LazyHttpApp {
  let app: Promise<FastifyInstance> | null = null;
  const load = () => {
    if (!app) {
      app = import('./http/app.ts').then(({ createHttpApp }) => createHttpApp(options));
      app.catch(() => (app = null));
    }
    return app;
  };
  const lazy: LazyHttpApp = {
    handle(request, response) {
      load().then(
        (ready) => ready.routing(request, response),
        (err: unknown) => lazy.fail(response, err),
      );
    },
    fail(response, err) {
      options.logger.error({ err }, 'the HTTP API could not answer');
      if (response.headersSent) return void response.destroy();
      const error = new ApiError('internal', 'The server could not answer this request');
      response.writeHead(error.status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(error.toBody()));
    },
    async close() {
      const built = app && (await app.catch(() => null));
      if (built) await built.close();
    },
  };
  return lazy;
}
