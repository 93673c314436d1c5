import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { isPersonaId } from '../../shared/persona/schema.ts';
import type { CloseReason } from '../../shared/protocol.ts';
import { COLLAB_PATH, CloseCodes } from '../../shared/protocol.ts';
import { OPERATOR_AUTHOR } from '../../shared/persona/authors.ts';
import type { Access, Principal } from '../auth/access.ts';
import { roleOf } from '../auth/access.ts';
import { cookieOf, SESSION_COOKIE } from '../http/auth.ts';
import { clientAddressOf, TrustedProxies } from '../http/clientAddress.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { Connection } from './connection.ts';
import type { PeerIdentity } from './peer.ts';
import { UnreadablePersonaError, type RoomRegistry } from './registry.ts';

export interface CollabEndpointOptions {
  config: Config;
  access: Access;
  rooms: RoomRegistry;
  logger: Logger;
  metrics: Metrics;
}

/** What a connection acts as: its principal, for checking again when the member changes. */
interface Admitted {
  principal: Principal;
  expiryTimer: NodeJS.Timeout | null;
}

/** setTimeout's longest delay; a later expiry is checked again when this one fires. */
const MAX_TIMER_MS = 2_147_483_647;

export function identityOf(principal: Principal): PeerIdentity {
  if (principal.kind === 'operator') {
    return { access: { role: principal.role, expiresAt: principal.expiresAt }, member: null, author: OPERATOR_AUTHOR };
  }
  const { member } = principal;
  return {
    access: { role: member.role, expiresAt: principal.expiresAt },
    member: { id: member.id, name: member.name, team: member.team },
    author: member.id,
  };
}

/** The `/collab/<personaId>` endpoint: socket → auth → room (S1, S2, S7, S8, SPEC §6). */
export function createCollabEndpoint({ config, access, rooms, logger, metrics }: CollabEndpointOptions) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes });
  const perAddress = new Map<string, number>();
  const proxies = new TrustedProxies(config.trustProxy);
  const connections = new Map<Connection, Admitted>();
  const byMember = new Map<string, Set<Connection>>();

  const closeFor = (connection: Connection, close: CloseReason, reason: string) => {
    logger.info({ reason, code: close.code }, 'closing a connection whose access changed');
    metrics.disconnects.inc({ reason });
    connection.close(close);
  };

  /** Checks a connection's access again: revoked or removed → 4401, now a viewer → 4403 (SPEC §6). */
  async function recheck(connection: Connection): Promise<void> {
    const admitted = connections.get(connection);
    if (!admitted || !connection.isOpen) return;
    const principal = await access.stillValid(admitted.principal);
    if (!connections.has(connection)) return;
    if (!principal) return closeFor(connection, CloseCodes.Unauthorized, 'access_revoked');
    if (roleOf(principal) === 'viewer') return closeFor(connection, CloseCodes.Forbidden, 'downgraded');
    admitted.principal = principal;
    connection.updateIdentity(identityOf(principal));
  }

  /** How many member changes were announced: a socket let in across none needs no second look. */
  let memberChanges = 0;
  const stopWatching = access.onMemberChange((memberId) => {
    memberChanges += 1;
    for (const connection of byMember.get(memberId) ?? []) {
      recheck(connection).catch((err: unknown) => logger.error({ err }, 'could not check a connection again'));
    }
  });

  /** Closes the socket when its token expires (4401), checking the record first. */
  function armExpiry(connection: Connection, admitted: Admitted): void {
    const { expiresAt } = admitted.principal;
    if (expiresAt === null) return;
    admitted.expiryTimer = setTimeout(() => {
      admitted.expiryTimer = null;
      if (expiresAt - Date.now() > 0) return armExpiry(connection, admitted);
      closeFor(connection, CloseCodes.Unauthorized, 'token_expired');
    }, Math.min(Math.max(expiresAt - Date.now(), 0), MAX_TIMER_MS));
  }

  /** A cookie is sent by the browser whatever page opens the socket: only this site's pages may use it. */
  const sameSite = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin;
    if (origin === undefined || config.allowedOrigins?.has(origin)) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  };

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
    const fromQuery = url.searchParams.get('token');
    const token = fromQuery ?? (sameSite(req) ? cookieOf(req.headers, SESSION_COOKIE) : null);
    const changesBefore = memberChanges;
    const principal = await access.authenticate(token);
    if (!principal) return refuse(req, socket, head, CloseCodes.Unauthorized);
    const role = roleOf(principal);
    let personaId: string;
    try {
      personaId = decodeURIComponent(url.pathname.slice(COLLAB_PATH.length + 1));
    } catch {
      return refuse(req, socket, head, CloseCodes.BadPersonaId);
    }
    if (!isPersonaId(personaId)) return refuse(req, socket, head, CloseCodes.BadPersonaId);
    // S2: viewers read the published library; they never receive a draft. A persona that does not
    // exist is a 4404 for whoever opens it (S1), viewers included.
    if (role === 'viewer') {
      const exists = await rooms.exists(personaId);
      return refuse(req, socket, head, exists ? CloseCodes.Forbidden : CloseCodes.PersonaNotFound);
    }
    const address = clientAddressOf(req, proxies);
    if ((perAddress.get(address) ?? 0) >= config.maxConnectionsPerAddress) {
      logger.warn({ address }, 'too many connections from one address');
      return refuse(req, socket, head, CloseCodes.RateLimited);
    }
    let room;
    try {
      // S1: personas are created by POST /api/personas only; a mistyped link creates nothing.
      room = await rooms.acquire(personaId);
    } catch (err) {
      if (err instanceof UnreadablePersonaError) {
        logger.error({ err, personaId }, 'persona refused: its stored state cannot be read; restore it from a backup');
        return refuse(req, socket, head, CloseCodes.Unreadable);
      }
      logger.error({ err, personaId }, 'could not load persona');
      return refuse(req, socket, head, CloseCodes.Unavailable);
    }
    if (!room) return refuse(req, socket, head, CloseCodes.PersonaNotFound);
    const loadedRoom = room;
    if (socket.destroyed) return rooms.release(loadedRoom);
    perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const connection = new Connection(ws, loadedRoom, {
        identity: identityOf(principal),
        address,
        rateLimits: config.rateLimits,
        presenceLimits: config.presenceLimits,
        maxBufferedBytes: config.maxBufferedBytes,
        logger,
        metrics,
      });
      const admitted: Admitted = { principal, expiryTimer: null };
      connections.set(connection, admitted);
      const memberId = principal.kind === 'member' ? principal.member.id : null;
      if (memberId !== null) {
        let own = byMember.get(memberId);
        if (!own) byMember.set(memberId, (own = new Set()));
        own.add(connection);
      }
      armExpiry(connection, admitted);
      // A removal that landed while this socket was being let in is caught here; with none, the
      // records just read still hold (reading them again was 4% of opening 1,000 personas).
      if (memberChanges !== changesBefore) {
        recheck(connection).catch((err: unknown) => logger.error({ err }, 'could not check a new connection'));
      }
      metrics.connections.inc({ role });
      connection.start(() => {
        connections.delete(connection);
        if (admitted.expiryTimer) clearTimeout(admitted.expiryTimer);
        if (memberId !== null) {
          const own = byMember.get(memberId);
          own?.delete(connection);
          if (own?.size === 0) byMember.delete(memberId);
        }
        metrics.connections.dec({ role });
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
      for (const connection of connections.keys()) connection.close(CloseCodes.GoingAway);
    },
    close(): Promise<void> {
      stopWatching();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
export type CollabEndpoint = ReturnType<typeof createCollabEndpoint>;
