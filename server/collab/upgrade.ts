import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { isPersonaId } from '../../shared/persona/schema.ts';
import type { CloseReason } from '../../shared/protocol.ts';
import { COLLAB_PATH, CloseCodes } from '../../shared/protocol.ts';
import type { TokenIssuer } from '../auth/tokens.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { Connection } from './connection.ts';
import type { RoomRegistry } from './registry.ts';

export interface CollabEndpointOptions {
  config: Config;
  tokens: TokenIssuer;
  rooms: RoomRegistry;
  logger: Logger;
  metrics: Metrics;
}

/** The `/collab/<personaId>` endpoint: socket → auth → room (S1, S7, S8). */
export function createCollabEndpoint({ config, tokens, rooms, logger, metrics }: CollabEndpointOptions) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes });
  const perAddress = new Map<string, number>();
  const connections = new Set<Connection>();

  // S1: the upgrade is accepted and closed at once with the code, so a browser sees it and stops.
  const refuse = (req: IncomingMessage, socket: Duplex, head: Buffer, close: CloseReason) => {
    metrics.disconnects.inc({ reason: `refused_${close.code}` });
    wss.handleUpgrade(req, socket, head, (ws) => ws.close(close.code, close.reason));
  };

  const rejectHttp = (socket: Duplex, status: number, text: string) => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(`${COLLAB_PATH}/`)) return rejectHttp(socket, 404, 'Not Found');
    const origin = req.headers.origin;
    if (config.allowedOrigins && origin !== undefined && !config.allowedOrigins.has(origin)) {
      logger.warn({ origin }, 'websocket from a disallowed origin refused');
      return rejectHttp(socket, 403, 'Forbidden'); // S8
    }
    const claims = await tokens.verify(url.searchParams.get('token'));
    if (!claims) return refuse(req, socket, head, CloseCodes.Unauthorized);
    let personaId: string;
    try {
      personaId = decodeURIComponent(url.pathname.slice(COLLAB_PATH.length + 1));
    } catch {
      return refuse(req, socket, head, CloseCodes.BadPersonaId);
    }
    if (!isPersonaId(personaId)) return refuse(req, socket, head, CloseCodes.BadPersonaId);
    const address = req.socket.remoteAddress ?? 'unknown';
    if ((perAddress.get(address) ?? 0) >= config.maxConnectionsPerAddress) {
      logger.warn({ address }, 'too many connections from one address');
      return refuse(req, socket, head, CloseCodes.RateLimited);
    }
    let room;
    try {
      room = await rooms.acquire(personaId, { create: claims.role === 'editor' });
    } catch (err) {
      logger.error({ err, personaId }, 'could not load persona');
      return refuse(req, socket, head, CloseCodes.Unavailable);
    }
    if (!room) return refuse(req, socket, head, CloseCodes.PersonaNotFound);
    const loadedRoom = room;
    if (socket.destroyed) return rooms.release(loadedRoom);
    perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const connection = new Connection(ws, loadedRoom, {
        identity: { access: { role: claims.role, expiresAt: claims.expiresAt }, member: null },
        address,
        rateLimits: config.rateLimits,
        maxBufferedBytes: config.maxBufferedBytes,
        logger,
        metrics,
      });
      connections.add(connection);
      metrics.connections.inc({ role: claims.role });
      connection.start(() => {
        connections.delete(connection);
        metrics.connections.dec({ role: claims.role });
        const left = (perAddress.get(address) ?? 1) - 1;
        if (left > 0) perAddress.set(address, left);
        else perAddress.delete(address);
        rooms.release(loadedRoom);
      });
    });
  }

  return {
    /** For the HTTP server's `upgrade` event. */
    onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      socket.on('error', (err) => logger.debug({ err }, 'upgrade socket error'));
      handleUpgrade(req, socket, head).catch((err: unknown) => {
        logger.error({ err }, 'upgrade failed');
        socket.destroy();
      });
    },
    /** Closes every connection with 1001 (shutdown). */
    closeAll(): void {
      for (const connection of connections) connection.close(CloseCodes.GoingAway);
    },
    close(): Promise<void> {
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
export type CollabEndpoint = ReturnType<typeof createCollabEndpoint>;
