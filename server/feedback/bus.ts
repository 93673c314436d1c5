/**
 * Where what happens to personas meets those who want to hear of it (issue 17). Producers (the
 * activity recorder, the publish and restore routes, the CRM import's met targets, sign-off requests)
 * emit feedback events; consumers (the inbox, webhooks, live notices) listen. The inbox in turn
 * emits one delivery per member and item, which mail listens to. A listener that throws is logged
 * and never stops the producer or the other listeners.
 */
import type { InboxItem } from '../../shared/feedback/api.ts';
import type { Logger } from '../logger.ts';

export type FeedbackEventType =
  /** SPEC §7 activity types, as the recorder derives them (detail as in server/activity/changes.ts). */
  | 'evidence-added'
  | 'signed-off'
  | 'sign-off-withdrawn'
  | 'thread-started'
  | 'replied'
  | 'resolved'
  | 'published'
  | 'restored'
  /** Someone asked a team to sign a section off: detail `{ section, team }`. */
  | 'signoff-requested'
  /** A section changed after these sign-offs: detail `{ section, sides: Side[], signers: string[] (member ids) }`. */
  | 'signoff-stale'
  /** An agreed target met by an import: detail as the notice's (`targetId`, `metric`, `period`, `value`, `actual`, `signers`). */
  | 'target-met';

export interface FeedbackEvent {
  type: FeedbackEventType;
  personaId: string;
  /** ISO 8601. */
  at: string;
  /** The member who did it; null for the Operator or the server itself. */
  actorId: string | null;
  /**
   * What it is about. Thread and evidence events carry `section`, `threadId` / `evidenceId`, the
   * text's `excerpt`, and `mentions` (MentionTarget[] of shared/feedback/mentions.ts, parsed from the
   * whole text by the server: a client's claim of who it mentions is never read).
   */
  detail: Record<string, unknown>;
}

/** One inbox item delivered to one member (after their settings): what mail works from. */
export interface InboxDelivery {
  memberId: string;
  item: InboxItem;
  /** The member's unread count with this item. */
  unread: number;
  /** Whether and how this item is mailed, from the member's settings (null: not by mail). */
  mail: 'immediate' | 'daily' | null;
}

type Listener<T> = (value: T) => void;

export class FeedbackBus {
  readonly #logger: Logger;
  readonly #eventListeners = new Set<Listener<FeedbackEvent>>();
  readonly #inboxListeners = new Set<Listener<readonly InboxDelivery[]>>();
  readonly #unreadListeners = new Set<Listener<{ memberId: string; unread: number }>>();

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** Listens to every feedback event; returns what stops listening. */
  onEvent(listener: Listener<FeedbackEvent>): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  emit(event: FeedbackEvent): void {
    this.#call(this.#eventListeners, event);
  }

  /** Listens to inbox deliveries (a batch per event, after each member's settings). */
  onInbox(listener: Listener<readonly InboxDelivery[]>): () => void {
    this.#inboxListeners.add(listener);
    return () => this.#inboxListeners.delete(listener);
  }

  delivered(deliveries: readonly InboxDelivery[]): void {
    if (deliveries.length > 0) this.#call(this.#inboxListeners, deliveries);
  }

  /** Listens to changes of a member's unread count that no new item explains (items marked read). */
  onUnread(listener: Listener<{ memberId: string; unread: number }>): () => void {
    this.#unreadListeners.add(listener);
    return () => this.#unreadListeners.delete(listener);
  }

  unreadChanged(memberId: string, unread: number): void {
    this.#call(this.#unreadListeners, { memberId, unread });
  }

  #call<T>(listeners: ReadonlySet<Listener<T>>, value: T): void {
    for (const listener of listeners) {
      try {
        listener(value);
      } catch (err) {
        this.#logger.error({ err }, 'a feedback listener failed');
      }
    }
  }
}
