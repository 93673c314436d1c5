/**
 * Each member's inbox (issue 17): hears every feedback event on the bus, works out whom it
 * concerns (recipients.ts), keeps what each member's settings let through, delivers it in one
 * transaction, then tells the bus (`delivered`) for the live stream and mail. Events are taken one
 * at a time, in order, so that a burst gathers into one item.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DEFAULT_NOTIFICATION_SETTINGS, type InboxItem, type InboxKind, type InboxPlace, type NotificationSettings } from '../../shared/feedback/api.ts';
import type { Directory } from '../../shared/persona/authors.ts';
import { isSectionKey } from '../../shared/persona/schema.ts';
import { memberRefOf } from '../http/activity.ts';
import type { Logger } from '../logger.ts';
import type { InboxRecord, MemberRecord, NewInboxItem, Storage } from '../storage/storage.ts';
import type { FeedbackBus, FeedbackEvent, InboxDelivery } from './bus.ts';
import { recipientsOf, type Concerned } from './recipients.ts';

/** Items of one kind, persona and place within this long of the first are one item with a count. */
export const GATHER_MS: Partial<Record<InboxKind, number>> = {
  'evidence-added': 10 * 60_000,
  reply: 10 * 60_000,
  // Asking again within the hour refreshes the request instead of adding one.
  'signoff-requested': 60 * 60_000,
};

export interface FeedbackInboxOptions {
  bus: FeedbackBus;
  storage: Pick<Storage, 'inbox' | 'people' | 'activity'>;
  logger: Logger;
  /** Whether the server can send mail at all (the Mailer's `available`). */
  mailAvailable: () => boolean;
}

export class FeedbackInbox {
  readonly #storage: FeedbackInboxOptions['storage'];
  readonly #bus: FeedbackBus;
  readonly #logger: Logger;
  readonly #mailAvailable: () => boolean;
  readonly #stop: () => void;
  #taking: Promise<void> = Promise.resolve();

  constructor({ bus, storage, logger, mailAvailable }: FeedbackInboxOptions) {
    this.#bus = bus;
    this.#storage = storage;
    this.#logger = logger;
    this.#mailAvailable = mailAvailable;
    this.#stop = bus.onEvent((event) => {
      this.#taking = this.#taking.then(() =>
        this.#take(event).catch((err: unknown) => this.#logger.error({ err, type: event.type, personaId: event.personaId }, 'could not deliver to inboxes')),
      );
    });
  }

  /** Resolves once every event heard so far is delivered (or its failure logged). */
  settled(): Promise<void> {
    return this.#taking;
  }

  /** Stops listening; resolves when what was heard is delivered. */
  close(): Promise<void> {
    this.#stop();
    return this.#taking;
  }

  async #take(event: FeedbackEvent): Promise<void> {
    const members = await this.#storage.people.listMembers();
    const workers = needsWorkers(event) ? new Set(await this.#storage.activity.membersOf(event.personaId)) : new Set<string>();
    const concerned = recipientsOf(event, members, workers);
    if (concerned.length === 0) return;
    const saved = await this.#storage.inbox.settingsOf(concerned.map((c) => c.memberId));
    const wanted = concerned.filter((c) => settingsOf(saved, c.memberId).inbox[c.kind]);
    if (wanted.length === 0) return;
    const done = await this.#storage.inbox.deliver(wanted.map((c) => itemFor(event, c)));
    const byId = new Map(members.map((m) => [m.id, m]));
    const directory = directoryFrom(members);
    const mailable = this.#mailAvailable();
    this.#bus.delivered(
      done.map(({ record, unread }): InboxDelivery => ({
        memberId: record.memberId,
        item: toInboxItem(record, directory),
        unread,
        mail: mailable ? mailModeOf(settingsOf(saved, record.memberId), record.kind, byId.get(record.memberId)) : null,
      })),
    );
  }
}

/** A member's settings, the defaults when they never saved any. */
export function settingsOf(saved: ReadonlyMap<string, NotificationSettings>, memberId: string): NotificationSettings {
  return saved.get(memberId) ?? DEFAULT_NOTIFICATION_SETTINGS;
}

/** How an item is mailed to a member: as they chose, only when they have an email. */
export function mailModeOf(settings: NotificationSettings, kind: InboxKind, member: MemberRecord | undefined): 'immediate' | 'daily' | null {
  if (!member?.email || settings.email === 'off' || !settings.emailKinds[kind]) return null;
  return settings.email;
}

/** An item as the API and the stream show it: names as the directory knows them now. */
export function toInboxItem(record: InboxRecord & { personaName: string }, directory: Directory): InboxItem {
  return {
    id: record.id,
    kind: record.kind,
    at: record.at,
    actor: memberRefOf(record.actorId, directory),
    personaName: record.personaName,
    place: record.place,
    detail: record.detail,
    readAt: record.readAt,
  };
}

function directoryFrom(members: readonly MemberRecord[]): Directory {
  return new Map(members.map((m) => [m.id, { name: m.name, team: m.team }]));
}

function needsWorkers(event: FeedbackEvent): boolean {
  return event.type === 'evidence-added' || event.type === 'published';
}

/** The item an event makes for one member. */
export function itemFor(event: FeedbackEvent, { memberId, kind }: Concerned): NewInboxItem {
  const place = placeOf(event);
  const gatherWithinMs = GATHER_MS[kind];
  const dedupeKey = typeof event.detail.dedupeKey === 'string' ? event.detail.dedupeKey : null;
  return {
    // An event told twice (a met target, a stale sign-off) has a key: its item has the same id and is kept once.
    id: dedupeKey === null ? randomBytes(12).toString('base64url') : hashId(kind, memberId, event.personaId, dedupeKey),
    memberId,
    kind,
    at: event.at,
    actorId: event.actorId,
    personaId: event.personaId,
    place,
    detail: detailOf(event, kind),
    ...(gatherWithinMs === undefined
      ? {}
      : { gatherKey: [kind, event.personaId, place.section ?? '', place.threadId ?? '', gatherActor(event, kind), event.detail.team ?? ''].join('\u0000'), gatherWithinMs }),
  };
}

/** Evidence gathers per person who added it; a request to sign off, whoever asks. */
function gatherActor(event: FeedbackEvent, kind: InboxKind): string {
  return kind === 'signoff-requested' ? '' : (event.actorId ?? '');
}

function hashId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);
}

/** Where the item leads: the persona, and in it the section, the thread, the evidence item or the version. */
export function placeOf({ personaId, type, detail }: FeedbackEvent): InboxPlace {
  const text = (value: unknown) => (typeof value === 'string' && value !== '' && value.length <= 64 ? value : undefined);
  const section = typeof detail.section === 'string' && isSectionKey(detail.section) ? detail.section : undefined;
  const threadId = text(detail.threadId) ?? (type === 'thread-started' || type === 'replied' ? text(detail.thread) : undefined);
  const evidenceId = text(detail.evidenceId) ?? (type === 'evidence-added' ? text(detail.id) : undefined);
  const version = typeof detail.version === 'number' && Number.isInteger(detail.version) && detail.version > 0 ? detail.version : undefined;
  return {
    personaId,
    ...(section && { section }),
    ...(threadId && { threadId }),
    ...(evidenceId && { evidenceId }),
    ...(type === 'published' && version !== undefined && { version }),
  };
}

/** What the item shows, by kind; nothing else of the event's detail is kept. */
function detailOf({ type, detail }: FeedbackEvent, kind: InboxKind): Record<string, unknown> {
  const pick = (...keys: string[]) => Object.fromEntries(keys.filter((key) => detail[key] !== undefined).map((key) => [key, detail[key]]));
  const excerpt = typeof detail.excerpt === 'string' ? detail.excerpt : typeof detail.text === 'string' ? detail.text : undefined;
  switch (kind) {
    case 'mention':
    case 'reply':
      return { ...(excerpt !== undefined && { excerpt }), on: type, ...pick('side') };
    case 'evidence-added':
      return { ...(excerpt !== undefined && { excerpt }), ...pick('side'), ...(typeof detail.kind === 'string' && { evidenceKind: detail.kind }) };
    case 'signoff-requested':
      return pick('team');
    case 'signoff-stale':
      return pick('sides');
    case 'published':
      return pick('version');
    case 'target-met':
      return pick('targetId', 'metric', 'period', 'value', 'actual');
  }
}
