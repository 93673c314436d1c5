import type * as Y from 'yjs';
import type { Logger } from '../logger.ts';
import type { FeedbackBus, FeedbackEventType } from '../feedback/bus.ts';
import type { PeerIdentity } from '../collab/peer.ts';
import type { Activity, ActivityEvent, RecordedActivity } from '../storage/storage.ts';
import { changesOf } from './changes.ts';

/** Edits of one member to one section within this long of the first are one `edited` event (SPEC §7). */
export const GATHER_EDITS_MS = 5 * 60_000;

/** How long peers' changes wait to be written together: the edit path never waits for the store. */
const FLUSH_AFTER_MS = 1_000;
/**
 * Events written per transaction: a second of 1,500 editors is 1,500 events, ~25 ms of synchronous
 * SQLite in one piece; in pieces this size, the edits and broadcasts waiting meanwhile run between them.
 */
const EVENTS_PER_WRITE = 200;

export interface ActivityRecorderOptions {
  activity: Activity;
  logger: Logger;
  flushAfterMs?: number;
  /** Told of every event but edits and removals, as it is noted (issue 17: inboxes, live notices, webhooks). */
  feedback?: FeedbackBus;
}

/** The activity types that are feedback events (edits and removed evidence concern nobody). */
const FEEDBACK_TYPES: ReadonlySet<string> = new Set<FeedbackEventType>([
  'evidence-added',
  'signed-off',
  'sign-off-withdrawn',
  'thread-started',
  'replied',
  'resolved',
  'published',
  'restored',
]);

/**
 * Turns what peers change in the rooms into activity events and writes them in batches, off the
 * edit path: a second's worth of typing in one section is one pending event, stored in one
 * transaction with everything else pending, and gathered by the store into the open `edited` event.
 */
export class ActivityRecorder {
  readonly #activity: Activity;
  readonly #logger: Logger;
  readonly #flushAfterMs: number;
  readonly #feedback: FeedbackBus | null;
  #pending: RecordedActivity[] = [];
  /** The pending `edited` event of each persona, member and section, extended while it waits. */
  #pendingEdits = new Map<string, RecordedActivity>();
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> = Promise.resolve();

  constructor({ activity, logger, flushAfterMs = FLUSH_AFTER_MS, feedback }: ActivityRecorderOptions) {
    this.#activity = activity;
    this.#feedback = feedback ?? null;
    this.#logger = logger;
    this.#flushAfterMs = flushAfterMs;
  }

  /** Notes what a peer's transaction on a persona's document did (the room calls this after each). */
  peerChanged = (personaId: string, identity: PeerIdentity, doc: Y.Doc, transaction: Y.Transaction): void => {
    const changes = changesOf(doc, transaction);
    if (changes.length === 0) return;
    const at = new Date().toISOString();
    const memberId = identity.member?.id ?? null;
    for (const { type, detail } of changes) {
      if (type !== 'edited') {
        this.#queue({ personaId, at, memberId, type, detail });
        this.#tell({ personaId, at, memberId, type, detail });
        continue;
      }
      const key = `${personaId}\u0000${memberId ?? ''}\u0000${String(detail.section)}`;
      const open = this.#pendingEdits.get(key);
      if (open) open.at = at;
      else {
        const edit: RecordedActivity = { personaId, at, memberId, type, detail, gatherWithinMs: GATHER_EDITS_MS };
        this.#pendingEdits.set(key, edit);
        this.#queue(edit);
      }
    }
  };

  /** Records an event a route made (created, published): written at once, a failure only logged. */
  record(event: ActivityEvent): Promise<void> {
    this.#pending.push(event);
    this.#tell(event);
    return this.flush();
  }

  /** Resolves once everything noted so far is stored (or its failure logged). */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const batch = this.#pending;
    if (batch.length > 0) {
      this.#pending = [];
      this.#pendingEdits = new Map();
      this.#writing = this.#writing.then(() => this.#store(batch));
    }
    return this.#writing;
  }

  /** The actor is the event's member: who the server authenticated, never a name the client wrote. */
  #tell({ personaId, at, memberId, type, detail }: ActivityEvent): void {
    if (this.#feedback && FEEDBACK_TYPES.has(type)) this.#feedback.emit({ type: type as FeedbackEventType, personaId, at, actorId: memberId, detail });
  }

  async #store(batch: RecordedActivity[]): Promise<void> {
    for (let from = 0; from < batch.length; from += EVENTS_PER_WRITE) {
      if (from > 0) await new Promise((resolve) => setImmediate(resolve));
      const events = batch.slice(from, from + EVENTS_PER_WRITE);
      await this.#activity.recordAll(events).catch((err: unknown) => {
        // Activity is a record of the work, not the work: a failed write is logged, never retried forever.
        this.#logger.error({ err, events: events.length }, 'could not store activity events');
      });
    }
  }

  #queue(event: RecordedActivity): void {
    this.#pending.push(event);
    this.#timer ??= setTimeout(() => void this.flush(), this.#flushAfterMs);
  }
}
