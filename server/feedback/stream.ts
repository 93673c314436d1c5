/**
 * The members' live streams (`GET /api/me/stream`, issue 17): one text/event-stream per open tab
 * of a member, carrying their new inbox items, their unread count and live notices about the
 * personas they may read. A stream closes at once when its member is removed or deactivated or its
 * token revoked or expired (the same hooks the collab sockets use), and a reader too slow to take
 * what it is sent is closed rather than buffered for.
 */
import type { ServerResponse } from 'node:http';
import type { MemberRef } from '../../shared/api.ts';
import type { InboxPlace, LiveNotice, LiveNoticeKind, StreamMessage } from '../../shared/feedback/api.ts';
import { LIVE_NOTICE_KINDS } from '../../shared/feedback/api.ts';
import { isSectionKey } from '../../shared/persona/schema.ts';
import type { Access, MemberPrincipal } from '../auth/access.ts';
import type { Logger } from '../logger.ts';
import type { People, PersonaIndex } from '../storage/storage.ts';
import type { FeedbackBus, FeedbackEvent } from './bus.ts';

export interface LiveStreamLimits {
  /** A comment line this often keeps proxies from closing a quiet stream (25 s). */
  keepAliveMs: number;
  /** Open streams per member (one per tab); one more is refused until one closes. */
  maxPerMember: number;
  /** Bytes written but not yet taken by the reader; past this the stream is closed, never buffered further. */
  maxBufferedBytes: number;
}

export const DEFAULT_STREAM_LIMITS: LiveStreamLimits = { keepAliveMs: 25_000, maxPerMember: 8, maxBufferedBytes: 256 * 1024 };

export interface LiveStreamsOptions {
  bus: FeedbackBus;
  access: Access;
  people: Pick<People, 'getMember'>;
  index: Pick<PersonaIndex, 'status'>;
  logger: Logger;
  limits?: Partial<LiveStreamLimits>;
}

/** A stream the member already has too many of: refused (503 with Retry-After), nothing opened. */
export class TooManyStreamsError extends Error {
  override readonly name = 'TooManyStreamsError';
}

/** setTimeout's longest delay; a later expiry is checked again when this one fires. */
const MAX_TIMER_MS = 2_147_483_647;

const isLiveNoticeKind = (type: string): type is LiveNoticeKind => (LIVE_NOTICE_KINDS as readonly string[]).includes(type);

/** One open stream: whose it is, and the response it writes to. */
class LiveStream {
  #closed = false;
  #keepAlive: NodeJS.Timeout;
  #expiry: NodeJS.Timeout | null = null;

  constructor(
    public principal: MemberPrincipal,
    private readonly response: ServerResponse,
    private readonly limits: LiveStreamLimits,
    private readonly onClosed: (stream: LiveStream) => void,
  ) {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // Proxies that buffer responses (nginx) would hold every message back.
      'x-accel-buffering': 'no',
      // A stream's connection is never reused: when the server ends it, the socket goes with it.
      connection: 'close',
    });
    response.on('close', () => this.close());
    this.#write(': connected\n\n');
    this.#keepAlive = setInterval(() => this.#write(': keep-alive\n\n'), limits.keepAliveMs);
    this.#armExpiry();
  }

  get memberId(): string {
    return this.principal.member.id;
  }

  get isOpen(): boolean {
    return !this.#closed;
  }

  send(message: StreamMessage): void {
    this.#write(`data: ${JSON.stringify(message)}\n\n`);
  }

  /** Ends the stream; `cut` drops the connection at once, unsent bytes and all (shutdown, a slow reader). */
  close({ cut = false } = {}): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#keepAlive);
    if (this.#expiry) clearTimeout(this.#expiry);
    if (cut) this.response.destroy();
    else if (!this.response.writableEnded) this.response.end();
    this.onClosed(this);
  }

  #write(chunk: string): void {
    if (this.#closed) return;
    // A reader that stopped taking what is sent would make the server hold it all: drop it instead.
    if (this.response.writableLength + Buffer.byteLength(chunk) > this.limits.maxBufferedBytes) {
      this.close({ cut: true });
      return;
    }
    this.response.write(chunk);
  }

  #armExpiry(): void {
    const { expiresAt } = this.principal;
    if (expiresAt === null) return;
    this.#expiry = setTimeout(
      () => {
        this.#expiry = null;
        if (expiresAt > Date.now()) this.#armExpiry();
        else this.close();
      },
      Math.min(Math.max(expiresAt - Date.now(), 0), MAX_TIMER_MS),
    );
  }
}

/** Every member's open streams, fed from the feedback bus. */
export class LiveStreams {
  readonly #access: Access;
  readonly #people: Pick<People, 'getMember'>;
  readonly #index: Pick<PersonaIndex, 'status'>;
  readonly #logger: Logger;
  readonly #limits: LiveStreamLimits;
  readonly #byMember = new Map<string, Set<LiveStream>>();
  readonly #stopListening: (() => void)[];

  constructor({ bus, access, people, index, logger, limits = {} }: LiveStreamsOptions) {
    this.#access = access;
    this.#people = people;
    this.#index = index;
    this.#logger = logger;
    this.#limits = { ...DEFAULT_STREAM_LIMITS, ...limits };
    this.#stopListening = [
      access.onMemberChange((memberId) => this.#recheck(memberId)),
      bus.onInbox((deliveries) => {
        for (const { memberId, item, unread } of deliveries) this.#sendTo(memberId, { type: 'inbox', item, unread });
      }),
      bus.onUnread(({ memberId, unread }) => this.#sendTo(memberId, { type: 'unread', unread })),
      bus.onEvent((event) => {
        if (this.#byMember.size === 0 || !isLiveNoticeKind(event.type)) return;
        this.#tellNotice(event, event.type).catch((err: unknown) => this.#logger.error({ err, type: event.type }, 'could not send a live notice'));
      }),
    ];
  }

  /** How many streams are open (all members). */
  get size(): number {
    let count = 0;
    for (const streams of this.#byMember.values()) count += streams.size;
    return count;
  }

  /** Why this member may not open one more stream now (past the cap), or null. */
  refusal(principal: MemberPrincipal): TooManyStreamsError | null {
    const open = this.#byMember.get(principal.member.id)?.size ?? 0;
    return open >= this.#limits.maxPerMember ? new TooManyStreamsError(`${principal.member.name} already has ${open} live streams open`) : null;
  }

  /** Starts a member's stream on this response; throws TooManyStreamsError, writing nothing, past the cap. */
  open(principal: MemberPrincipal, response: ServerResponse): void {
    const refused = this.refusal(principal);
    if (refused) throw refused;
    const memberId = principal.member.id;
    const own = this.#byMember.get(memberId) ?? new Set<LiveStream>();
    this.#byMember.set(memberId, own);
    const stream = new LiveStream(principal, response, this.#limits, (closed) => this.#forget(closed));
    own.add(stream);
    // A removal that landed between the request's check and now is caught here.
    this.#recheckStream(stream);
  }

  /** Ends every stream and stops listening (the server is closing). */
  close(): void {
    for (const stop of this.#stopListening) stop();
    for (const streams of [...this.#byMember.values()]) for (const stream of [...streams]) stream.close({ cut: true });
  }

  #forget(stream: LiveStream): void {
    const own = this.#byMember.get(stream.memberId);
    own?.delete(stream);
    if (own?.size === 0) this.#byMember.delete(stream.memberId);
  }

  #sendTo(memberId: string, message: StreamMessage): void {
    for (const stream of this.#byMember.get(memberId) ?? []) stream.send(message);
  }

  /** A member changed: streams whose token no longer works close; a new role is taken in. */
  #recheck(memberId: string): void {
    for (const stream of this.#byMember.get(memberId) ?? []) this.#recheckStream(stream);
  }

  #recheckStream(stream: LiveStream): void {
    this.#access.stillValid(stream.principal).then(
      (principal) => {
        if (principal?.kind !== 'member') return stream.close();
        stream.principal = principal;
      },
      (err: unknown) => {
        this.#logger.error({ err }, 'could not check a live stream again; closing it');
        stream.close();
      },
    );
  }

  /** A notice to every member with a stream who may read the persona, but not to whoever did it. */
  async #tellNotice(event: FeedbackEvent, kind: LiveNoticeKind): Promise<void> {
    const status = await this.#index.status(event.personaId);
    if (!status || status.trashedAt !== null) return;
    const actor = event.actorId === null ? null : await this.#people.getMember(event.actorId);
    const notice: LiveNotice = {
      kind,
      at: event.at,
      personaId: event.personaId,
      actor: actor ? ({ id: actor.id, name: actor.name, team: actor.team } satisfies MemberRef) : null,
      place: placeOf(event),
      detail: noticeDetail(event.detail),
    };
    const message: StreamMessage = { type: 'notice', notice };
    for (const [memberId, streams] of this.#byMember) {
      if (memberId === event.actorId) continue;
      for (const stream of streams) {
        // Viewers read the published library only: of what happens to a persona, they hear its publishing.
        if (stream.principal.member.role === 'viewer' && kind !== 'published') continue;
        stream.send(message);
      }
    }
  }
}

const stringOf = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Where the notice leads: the section, thread or evidence item, or the published version. */
function placeOf({ personaId, type, detail }: FeedbackEvent): InboxPlace {
  const section = stringOf(detail['section']);
  const threadId = stringOf(detail['threadId']) ?? stringOf(detail['thread']);
  const evidenceId = stringOf(detail['evidenceId']) ?? (type === 'evidence-added' ? stringOf(detail['id']) : undefined);
  const version = detail['version'];
  return {
    personaId,
    ...(section !== undefined && isSectionKey(section) ? { section } : {}),
    ...(threadId !== undefined ? { threadId } : {}),
    ...(evidenceId !== undefined ? { evidenceId } : {}),
    ...(type === 'published' && typeof version === 'number' && Number.isInteger(version) && version > 0 ? { version } : {}),
  };
}

/** What a notice shows, and nothing more: never the excerpt or the mentions (they are for the inbox). */
function noticeDetail(detail: Record<string, unknown>): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const key of ['section', 'side', 'version', 'count', 'metric'] as const) {
    if (detail[key] !== undefined) shown[key] = detail[key];
  }
  // The evidence item's kind, named so that it cannot be taken for the notice's.
  const evidenceKind = detail['evidenceKind'] ?? detail['kind'];
  if (typeof evidenceKind === 'string') shown['evidenceKind'] = evidenceKind;
  return shown;
}
