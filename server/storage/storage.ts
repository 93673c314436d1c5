import type { CrmSource, Member, MemberRef, Publisher, Team, TemplateName } from '../../shared/api.ts';
import type { Deal } from '../../shared/scorecard/deals.ts';
import type { Actuals } from '../../shared/scorecard/figures.ts';
import type { Role } from '../../shared/protocol.ts';
import type { WebhookEvent as WebhookEventType, WebhookFormat } from '../../shared/feedback/webhooks.ts';
import type { EvidenceCounts } from '../../shared/persona/types.ts';
import type { InboxKind, InboxPlace, NotificationSettings } from '../../shared/feedback/api.ts';
import type { PortableCounts, PortableRecord } from './portable.ts';

/** What the persona list shows, kept current from the documents themselves. */
export interface PersonaIndexEntry {
  id: string;
  name: string;
  role: string;
  segment: string;
  evidence: EvidenceCounts;
  /** ISO 8601: when the document last changed. */
  updatedAt: string;
}

export interface PersonaIndexRow extends PersonaIndexEntry {
  createdAt: string;
  /** The latest published version and when it was published; null before the first publish. */
  publishedVersion: number | null;
  publishedAt: string | null;
  /** When it was archived or put in the trash (ISO); null when it is not (SPEC §7). */
  archivedAt: string | null;
  trashedAt: string | null;
}

/** Which personas a list shows: drafts (neither archived nor trashed), the archived ones (not trashed), or the trash. */
export type IndexView = 'drafts' | 'archived' | 'trash';

/** Where a persona is in its life (SPEC §7), and what the server knows of its template. */
export interface PersonaStatus {
  archivedAt: string | null;
  trashedAt: string | null;
  /** The template it was made from: its guidance differs (b2b prompts or blank hints). */
  template: TemplateName;
  /** When the old template's untouched example text was looked for (and turned into guidance); null: not yet. */
  templateCheckedAt: string | null;
}

/** One published version as the library lists it. */
export interface VersionRecord {
  personaId: string;
  version: number;
  publishedAt: string;
  publishedBy: Publisher | null;
  note: string;
  name: string;
  role: string;
  segment: string;
  avatar: string;
}

/** What a publish freezes: the document's state and rendered JSON, and what the library lists and searches. */
export interface PublishInput extends Omit<VersionRecord, 'version'> {
  /** The Yjs state at publish (Y.encodeStateAsUpdate). */
  state: Uint8Array;
  /** The persona rendered as JSON (a PersonaSnapshot). */
  snapshot: string;
  /** Everything the library's full-text search looks through. */
  searchText: string;
}

export interface LibraryFilter {
  /** Full text: every word must match the start of a word, regardless of case and accents. */
  q?: string;
  /** Exactly this segment. */
  segment?: string;
}

export interface StoredUpdate {
  personaId: string;
  update: Uint8Array;
}

/** A persona's log as loaded: its entries oldest first, and the sequence number of the last one. */
export interface StoredLog {
  updates: Uint8Array[];
  lastSeq: number;
}

/**
 * The append-only update log of each persona, and its compaction into one state.
 * Rules: tests/unit/server/storage/updateLogContract.ts (LOG1…).
 */
export interface UpdateLog {
  /** The persona's stored updates, oldest first; null when it was never created. */
  load(personaId: string): Promise<StoredLog | null>;
  /**
   * Appends updates of existing personas atomically, all or none; returns the sequence number
   * assigned to each, in order (increasing per persona).
   */
  append(updates: readonly StoredUpdate[]): Promise<number[]>;
  /**
   * Replaces the persona's entries up to `upTo` (the last sequence number the caller has applied)
   * with one state that contains them all. Later entries, which the caller may not have seen
   * (another writer's), are kept and still load after the state.
   */
  compact(personaId: string, state: Uint8Array, upTo: number): Promise<void>;
  /** How many entries the persona's log holds (1 right after a compaction of the whole log). */
  logLength(personaId: string): Promise<number>;
}

/**
 * What the persona list shows, kept current from the documents themselves.
 * Rules: tests/unit/server/storage/personaIndexContract.ts (IDX1…).
 */
/** A page of the index: at most `limit` rows, those after `after` (a row's updatedAt and id) in the list's order. */
export interface IndexPage {
  limit: number;
  after: { updatedAt: string; id: string } | null;
}

export interface PersonaIndex {
  /** Writes each row as the entry says, all in one write. */
  updateIndex(...entries: PersonaIndexEntry[]): Promise<void>;
  /**
   * The personas of one view (drafts by default), most recently changed first, with their latest
   * published version; a page of them when `page` is given.
   */
  listIndex(view?: IndexView, page?: IndexPage): Promise<PersonaIndexRow[]>;
  /** Null when there is no such persona (erased or never created); trashed ones have a status. */
  status(id: string): Promise<PersonaStatus | null>;
  /** Each of these answers false, changing nothing, when the persona is missing, trashed (but untrash) or already so. */
  archive(id: string, at: string): Promise<boolean>;
  unarchive(id: string): Promise<boolean>;
  trash(id: string, at: string): Promise<boolean>;
  untrash(id: string): Promise<boolean>;
  /** The personas put in the trash before `cutoff` (ISO), due to be erased. */
  trashedBefore(cutoff: string): Promise<string[]>;
  /** Notes that the old template's text was looked for, and which template the persona turned out to be from. */
  markTemplateChecked(id: string, at: string, template: TemplateName): Promise<void>;
}

/**
 * Published versions, frozen, and the library's search over the latest of each. A persona in the
 * trash leaves the library: it is neither searched nor listed, and its versions read as absent.
 * Rules: tests/unit/server/storage/libraryContract.ts (LIB1…).
 */
export interface Library {
  /** Freezes a new version (the next number for the persona) and makes it the library's latest; returns its number. */
  publish(input: PublishInput): Promise<number>;
  /** The latest version of every published persona that matches, best match (or newest) first. */
  searchLibrary(filter: LibraryFilter): Promise<VersionRecord[]>;
  /** Every segment among the library's latest versions, sorted. */
  librarySegments(): Promise<string[]>;
  /** One version (the latest when `version` is null) with its stored JSON; null when there is none. */
  getVersion(personaId: string, version: number | null): Promise<(VersionRecord & { snapshot: string }) | null>;
  /** The Yjs state one version froze, byte for byte; null when there is none. */
  getVersionState(personaId: string, version: number): Promise<Uint8Array | null>;
  /** Every version of a persona, newest first. */
  listVersions(personaId: string): Promise<VersionRecord[]>;
}

/** A member as stored: removed members are kept (what they wrote keeps their name) but never listed. */
export interface MemberRecord extends Member {
  /** When the member was removed (ISO); null while they are a member. */
  removedAt: string | null;
}

export interface NewMember {
  id: string;
  name: string;
  team: Team;
  role: Role;
  email: string | null;
  createdAt: string;
}

export interface MemberChanges {
  name?: string | undefined;
  team?: Team | undefined;
  role?: Role | undefined;
  email?: string | null | undefined;
  active?: boolean | undefined;
}

/** One token the server handed out: a personal link, or the session cookie of a sign-in. */
export interface TokenRecord {
  id: string;
  memberId: string;
  kind: 'link' | 'session';
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/**
 * Members and the tokens handed out to them.
 * Rules: tests/unit/server/storage/peopleContract.ts (PPL1…).
 */
export interface People {
  /** Adds a member; false, writing nothing, when the id or the email is taken by a member not removed. */
  addMember(member: NewMember): Promise<boolean>;
  /** Any member by id, removed ones too; null when there is none. */
  getMember(id: string): Promise<MemberRecord | null>;
  /** The member (not removed) with this email, compared case-insensitively; null when none. */
  findMemberByEmail(email: string): Promise<MemberRecord | null>;
  /** Every member, removed ones too (their removedAt set), by name. */
  listMembers(): Promise<MemberRecord[]>;
  /** How many members there are, removed ones included (zero only before the first start). */
  countMembers(): Promise<number>;
  /** Changes a member not removed; null when there is none; throws a StoreError when the email is taken. */
  updateMember(id: string, changes: MemberChanges): Promise<MemberRecord | null>;
  /** Removes a member and revokes every token of theirs; false when there was none to remove. */
  removeMember(id: string, at: string): Promise<boolean>;
  addToken(token: Omit<TokenRecord, 'lastUsedAt' | 'revokedAt'>): Promise<void>;
  getToken(id: string): Promise<TokenRecord | null>;
  /** A member's tokens, newest first, revoked ones included. */
  listTokens(memberId: string): Promise<TokenRecord[]>;
  /** Revokes one of the member's tokens; false when the member has no such token or it was revoked already. */
  revokeToken(memberId: string, tokenId: string, at: string): Promise<boolean>;
  /** Notes that a token was used (at most the latest time is kept). */
  touchToken(id: string, at: string): Promise<void>;
}

/** Why a checkpoint was taken: on a timer while the draft changes, or just before a publish or a restore. */
export type CheckpointKind = 'auto' | 'publish' | 'restore';

/** One checkpoint of a persona's draft, as listed. */
export interface CheckpointRecord {
  id: string;
  personaId: string;
  /** ISO 8601: when it was taken. */
  at: string;
  kind: CheckpointKind;
  /** Author keys (member ids, or 'operator') of everyone whose changes it holds since the previous checkpoint. */
  authors: string[];
}

/**
 * A checkpoint to keep. Its `update` is a Yjs update in the V2 encoding: the whole state when
 * `after` is null, else what changed since checkpoint `after` (Y.encodeStateAsUpdateV2(doc, its
 * state vector)), so that a checkpoint every few minutes costs what changed, not the whole persona.
 */
export interface NewCheckpoint extends Omit<CheckpointRecord, 'id'> {
  update: Uint8Array;
  /** The checkpoint (of the same persona) this one's update builds on; null for a whole state. */
  after: string | null;
}

/**
 * Checkpoints of each persona's draft (SPEC §7).
 * Rules: tests/unit/server/storage/historyContract.ts (HIS1…).
 */
export interface History {
  /** Keeps a checkpoint of an existing persona; returns its id. */
  add(checkpoint: NewCheckpoint): Promise<string>;
  /** The persona's checkpoints, newest first. */
  list(personaId: string): Promise<CheckpointRecord[]>;
  /**
   * The V2 updates that make up a checkpoint, whole state first, then each one built on it up to
   * this one: applied in order to an empty document they give the draft as it was. Null when the
   * persona has no checkpoint with that id.
   */
  updates(personaId: string, id: string): Promise<Uint8Array[] | null>;
  /**
   * Removes these checkpoints of the persona, all or none. The authors each held pass to the next
   * newer checkpoint kept, and its update is folded into the checkpoints built on it, so every
   * checkpoint kept still names whose changes it holds and still loads as it was.
   */
  prune(personaId: string, ids: readonly string[]): Promise<void>;
  /** Bytes stored for the persona's checkpoints (compressed updates): the cost of keeping history. */
  storedBytes(personaId: string): Promise<number>;
}

/** One thing someone did to a persona (SPEC §7). */
export interface ActivityEvent {
  personaId: string;
  /** ISO 8601: when it happened (for gathered edits, the latest edit). */
  at: string;
  /** The member who did it; null for the Operator. */
  memberId: string | null;
  /** One of SPEC §7's types (`edited`, `published`, …); stored as given. */
  type: string;
  detail: Record<string, unknown>;
}

/** An event to record; with `gatherWithinMs` it may extend an earlier one instead (see Activity.record). */
export interface RecordedActivity extends ActivityEvent {
  gatherWithinMs?: number;
}

export interface ActivityPage {
  /** At most this many events (all when absent). */
  limit?: number;
  /** Only events strictly older than this time (ISO 8601). */
  before?: string;
}

/** Who last changed a persona, and when. */
export interface LastChange {
  memberId: string | null;
  at: string;
}

/**
 * What each member did to each persona, newest first.
 * Rules: tests/unit/server/storage/activityContract.ts (ACT1…).
 */
export interface Activity {
  /**
   * Records an event. With `gatherWithinMs`, it extends instead the persona's latest event of the
   * same type, member and `detail.section` when that one started at most that long before it: the
   * earlier event's `at` moves on to this one's and no event is added (edits gathered per section).
   */
  record(event: RecordedActivity): Promise<void>;
  /** Records several events, in order, in one transaction. */
  recordAll(events: readonly RecordedActivity[]): Promise<void>;
  /** A persona's events, newest first. */
  list(personaId: string, page?: ActivityPage): Promise<ActivityEvent[]>;
  /** For each persona that has one, its latest event of one of `types`. */
  lastChanged(personaIds: readonly string[], types: readonly string[]): Promise<Map<string, LastChange>>;
  /** The members (not the Operator) with any event on a persona: who works on it. */
  membersOf(personaId: string): Promise<string[]>;
  /** Forgets every event of a persona (when it is erased). */
  forget(personaId: string): Promise<void>;
}

/** One CRM import as kept: who, when, how many rows it imported and the file's SHA-256. */
export interface CrmImportRecord {
  id: string;
  at: string;
  /** The member who imported it; null for the Operator. */
  by: MemberRef | null;
  kind: 'deals';
  /** Rows imported (the ready ones). */
  rows: number;
  sha256: string;
  filename: string | null;
  /** Which CRM wrote the file, as detected or mapped. */
  source: CrmSource | null;
}

/** A persona's figures of one period in an import, computed once when it is kept (an import never changes). */
export interface ImportFigures {
  personaId: string;
  period: string;
  actuals: Actuals;
}

/** An import being staged (Crm.stageImport). */
export interface ImportStage {
  /** Stages the next deals, in the file's order. */
  add(deals: readonly Deal[]): Promise<void>;
  /**
   * Keeps the import, its file, every staged deal and their figures (per persona, for every period
   * its deals touch, computed from the staged deals) in one transaction, as addImport; false, writing
   * nothing, when the id is taken. The stage is forgotten either way.
   */
  commit(record: CrmImportRecord, file: Uint8Array): Promise<boolean>;
  /** Forgets what was staged. */
  discard(): Promise<void>;
}

/** A persona value of the CRM and the persona it stands for, as `PUT /api/crm/persona-map` set it. */
export interface PersonaMapEntry {
  value: string;
  personaId: string;
}

/** A notice to one member (SPEC §8: an agreed target met). */
export interface NoticeRecord {
  id: string;
  memberId: string;
  at: string;
  personaId: string;
  personaName: string;
  kind: 'target-met';
  detail: Record<string, unknown>;
  readAt: string | null;
}

/**
 * CRM imports (kept unchanged, with the file byte for byte and its parsed deals), the persona map,
 * and members' notices. Rules: tests/unit/server/storage/crmContract.ts (CRM1…).
 */
export interface Crm {
  /**
   * Keeps an import, its file, its deals and their figures (per persona, for every period its deals
   * touch) in one transaction; false, writing nothing, when the id is taken.
   */
  addImport(record: CrmImportRecord, file: Uint8Array, deals: readonly Deal[], figures: readonly ImportFigures[]): Promise<boolean>;
  /**
   * A real import whose deals arrive in batches while the file is read, so a big file's deals are
   * never all in memory. Nothing of it is visible before `commit`; discarded, or lost with the
   * process, it leaves nothing.
   */
  stageImport(): ImportStage;
  /** Every import, newest first. */
  listImports(): Promise<CrmImportRecord[]>;
  /** The newest import, or null before the first. */
  latestImport(): Promise<CrmImportRecord | null>;
  /** The file as it was posted, byte for byte; null for an unknown import. */
  importFile(id: string): Promise<Uint8Array | null>;
  /** One persona's deals in an import, in the file's order. */
  importDeals(importId: string, personaId: string): Promise<Deal[]>;
  /** How many deals each persona has in an import. */
  dealCounts(importId: string): Promise<Map<string, number>>;
  /** One persona's figures of a period in every import that has them, by import id. */
  figuresOf(personaId: string, period: string): Promise<Map<string, Actuals>>;
  /** The persona map, by value. */
  personaMap(): Promise<PersonaMapEntry[]>;
  /** Merges into the persona map: a persona id sets a value's, null forgets it; values compare without case or accents. */
  updatePersonaMap(changes: Readonly<Record<string, string | null>>): Promise<void>;
  /** Adds notices; one with an id already kept is skipped. */
  addNotices(notices: readonly NoticeRecord[]): Promise<void>;
  /** A member's notices, newest first. */
  listNotices(memberId: string): Promise<NoticeRecord[]>;
  /** Marks one of the member's notices read (the first time only); false when the member has no such notice. */
  markNoticeRead(memberId: string, id: string, at: string): Promise<boolean>;
}

/** One inbox item waiting to be mailed to one member (issue 17). */
export interface QueuedMail {
  /** Assigned by the queue. */
  seq: number;
  memberId: string;
  /** The item's id: the same item queued again for the member replaces the one waiting (a gathered count grew). */
  itemId: string;
  personaId: string;
  mode: 'immediate' | 'daily';
  /** The InboxItem as JSON, as it was when queued. */
  item: string;
  /** ISO 8601: when it is to be sent. */
  dueAt: string;
  /** Sends tried and failed so far. */
  attempts: number;
}

export type NewQueuedMail = Omit<QueuedMail, 'seq' | 'attempts'>;
/** One consistent export of a whole store (Portable.exportAll). */
export interface PortableExport {
  /** Which backend wrote it ('sqlite', 'postgres'), for the archive's header. */
  readonly backend: string;
  /** How many records of each kind `records` yields, counted in the same snapshot. */
  readonly counts: PortableCounts;
  /**
   * Every record of the snapshot, once, in the order of PORTABLE_KINDS, and within a kind in a stable
   * order: members, tokens, personas and notices by id; updates by persona then seq; versions by persona
   * then version; checkpoints by id (numerically when the ids are numbers); activity oldest first as
   * stored; imports oldest first, then their deals (by import, persona, n) and figures (by import, persona,
   * period); the persona map by value; inbox items by id, settings by member; mails, hooks and deliveries in
   * the order they were added. Two stores holding the same data export the same records.
   */
  records(): AsyncIterable<PortableRecord>;
  /** Ends the snapshot (also when `records` was never read to its end). */
  close(): Promise<void>;
}

/**
 * A whole Tandem in and out, the same for every backend (npm run backup / restore / copy-store).
 * Rules: tests/unit/server/storage/portableContract.ts (PRT1…).
 */
export interface Portable {
  /** True when the store holds no record of any kind (a first start adds the first admin). */
  isEmpty(): Promise<boolean>;
  /** A consistent snapshot of everything, readable while the store keeps serving writes. */
  exportAll(): Promise<PortableExport>;
  /**
   * Writes every record into an empty store, all or none: a StoreError, writing nothing, when the store
   * is not empty, a record is malformed or refers to one not given before it, or `records` throws
   * (a damaged archive). Ids are kept (checkpoints' too). Returns the counts written. Nothing else
   * writes through the store meanwhile (the commands hold the data directory's lock).
   */
  importAll(records: AsyncIterable<PortableRecord>): Promise<PortableCounts>;
}

/**
 * Mails waiting to be sent: a member's burst, and the daily digests. Durable, so a restart sends
 * what was due; a persona's entries go with it when it is erased.
 * Rules: tests/unit/server/storage/mailQueueContract.ts (MQ1…).
 */
export interface MailQueue {
  /** Queues entries; one already waiting for the same member and item takes the new item, keeping its time. */
  add(entries: readonly NewQueuedMail[]): Promise<void>;
  /**
   * The members with an entry due at `now`, each with every entry of theirs due by `now + gatherMs`
   * (one mail each), oldest first; at most `limit` members.
   */
  due(now: string, gatherMs: number, limit: number): Promise<QueuedMail[][]>;
  /** When the next entry is due; null when nothing waits. */
  nextDueAt(): Promise<string | null>;
  /** Forgets entries (sent, or given up). */
  remove(seqs: readonly number[]): Promise<void>;
  /** Puts entries off after a failed send: one more attempt counted, due at `dueAt`. */
  postpone(seqs: readonly number[], dueAt: string): Promise<void>;
  /** Makes every entry of a mode due at `dueAt` at the latest (the digest sent now); returns how many. */
  bringForward(mode: QueuedMail['mode'], dueAt: string): Promise<number>;
}

export { WEBHOOK_EVENTS as WEBHOOK_EVENT_TYPES } from '../../shared/feedback/webhooks.ts';
export type { WebhookEvent as WebhookEventType, WebhookFormat } from '../../shared/feedback/webhooks.ts';

/** A URL an admin registered for some events (issue 17). */
export interface WebhookRecord {
  id: string;
  url: string;
  events: WebhookEventType[];
  format: WebhookFormat;
  /** Signs each body (HMAC-SHA256); shown to the admin once, when the hook is made. */
  secret: string;
  createdAt: string;
  /** The member who made it; null for the Operator. */
  createdBy: string | null;
}

export interface WebhookChanges {
  url?: string | undefined;
  events?: WebhookEventType[] | undefined;
  format?: WebhookFormat | undefined;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One POST to a hook, tried until it succeeds or is given up. */
export interface DeliveryRecord {
  id: string;
  hookId: string;
  /** A webhook event type, or `test`. */
  event: string;
  /** The persona it is about; null for a test. */
  personaId: string | null;
  /** The exact bytes sent (and signed), every attempt the same. */
  body: string;
  createdAt: string;
  status: DeliveryStatus;
  attempts: number;
  /** When it is next tried (pending only). */
  nextAt: string | null;
  lastAttemptAt: string | null;
  /** The receiver's last HTTP status; null when it gave none (refused, timed out). */
  statusCode: number | null;
  lastError: string | null;
}

export type NewDelivery = Pick<DeliveryRecord, 'id' | 'hookId' | 'event' | 'personaId' | 'body' | 'createdAt'>;

/** What one attempt gave: its time, the answer, and what becomes of the delivery. */
export interface DeliveryAttempt {
  at: string;
  statusCode: number | null;
  error: string | null;
  /** `pending` with `nextAt` to try again. */
  status: DeliveryStatus;
  nextAt: string | null;
}

/**
 * Webhooks and their deliveries, durable so that a restart resumes what was pending.
 * Rules: tests/unit/server/storage/webhooksContract.ts (WH1…).
 */
export interface Webhooks {
  addHook(hook: WebhookRecord): Promise<void>;
  getHook(id: string): Promise<WebhookRecord | null>;
  /** Every hook, oldest first. */
  listHooks(): Promise<WebhookRecord[]>;
  /** Null when there is no such hook. */
  updateHook(id: string, changes: WebhookChanges): Promise<WebhookRecord | null>;
  /** Removes a hook and its deliveries; false when there was none. */
  removeHook(id: string): Promise<boolean>;
  /** Queues deliveries (pending, due at once) of existing hooks; one for a removed hook is dropped. */
  addDeliveries(deliveries: readonly NewDelivery[]): Promise<void>;
  /** Pending deliveries due at `now`, oldest first, at most `limit`. */
  dueDeliveries(now: string, limit: number): Promise<DeliveryRecord[]>;
  /** When the next pending delivery is due; null when none is. */
  nextDueAt(): Promise<string | null>;
  /**
   * Notes an attempt (attempts + 1). A delivery that ends (delivered or failed) counts towards its
   * hook's log, which keeps the `keep` newest finished ones.
   */
  recordAttempt(id: string, attempt: DeliveryAttempt, keep: number): Promise<void>;
  /** A hook's deliveries, newest first, pending ones included. */
  listDeliveries(hookId: string, limit: number): Promise<DeliveryRecord[]>;
}

/** One item of a member's inbox as stored (issue 17); names are read when it is listed, so they stay current. */
export interface InboxRecord {
  id: string;
  memberId: string;
  kind: InboxKind;
  /** ISO 8601: when it happened (for a gathered item, the latest of the burst). */
  at: string;
  /** The member who did it; null for the Operator or the server. */
  actorId: string | null;
  personaId: string;
  place: InboxPlace;
  detail: Record<string, unknown>;
  readAt: string | null;
}

/** An item to deliver; with `gatherKey` and `gatherWithinMs` it may extend an unread item instead. */
export interface NewInboxItem extends Omit<InboxRecord, 'readAt'> {
  /** Items of one member with this key gather: a burst is one item with `detail.count`. */
  gatherKey?: string;
  gatherWithinMs?: number;
}

/** What a delivery did for one item: the item as it now reads and the member's unread count. */
export interface InboxDelivered {
  record: InboxRecord & { personaName: string };
  unread: number;
}

/** Which items to mark read: these ids, or every one. */
export type InboxSelection = { ids: readonly string[] } | { all: true };

/**
 * Each member's inbox and notification settings (issue 17).
 * Rules: tests/unit/server/storage/inboxContract.ts (INB1…).
 */
export interface Inbox {
  /**
   * Delivers items in one transaction. An item whose id is kept already is skipped (absent from the
   * answer). One with a gatherKey extends instead the member's latest unread item of that key that
   * started at most gatherWithinMs before it: its `at`, actor, place and detail become the new one's,
   * `detail.count` grows by one, and its id stays.
   */
  deliver(items: readonly NewInboxItem[]): Promise<InboxDelivered[]>;
  /** A member's items, newest first, with the persona's current name; `before` keeps strictly older ones. */
  list(memberId: string, page?: { limit?: number; before?: string }): Promise<(InboxRecord & { personaName: string })[]>;
  unread(memberId: string): Promise<number>;
  /** Marks the member's items read (the first time only; others' ids change nothing); answers the unread count. */
  markRead(memberId: string, which: InboxSelection, at: string): Promise<number>;
  /** A member's settings; null when they never saved any (the defaults apply). */
  settings(memberId: string): Promise<NotificationSettings | null>;
  /** The saved settings of these members (absent: never saved). */
  settingsOf(memberIds: readonly string[]): Promise<Map<string, NotificationSettings>>;
  saveSettings(memberId: string, settings: NotificationSettings): Promise<void>;
}

/**
 * Durable persona storage: one backend (SQLite, or PostgreSQL with DATABASE_URL) provides every concern, each run through
 * its own contract suite by tests/unit/server/storage/storageContract.ts.
 */
export interface Storage {
  readonly log: UpdateLog;
  readonly index: PersonaIndex;
  readonly library: Library;
  readonly people: People;
  readonly history: History;
  readonly activity: Activity;
  readonly crm: Crm;
  readonly mailQueue: MailQueue;
  readonly webhooks: Webhooks;
  readonly inbox: Inbox;
  /** The whole store in and out; a backend without it cannot be backed up or copied (yet). */
  readonly portable?: Portable;
  /**
   * Creates a persona: its index row (created at entry.updatedAt) and its log's first entry, `state`,
   * in one transaction, so that no persona is ever listed without a document or stored without a
   * row. False, writing nothing, when the id is taken. It spans two concerns, so the backend owns it.
   */
  createPersona(entry: PersonaIndexEntry, state: Uint8Array, template?: TemplateName): Promise<boolean>;
  /**
   * Erases a persona in the trash for good, in one transaction: its row, its log, its published
   * versions and its search entry, and every other concern's rows for it. False, erasing nothing,
   * when it is not in the trash. It spans every concern, so the backend owns it.
   */
  erasePersona(id: string): Promise<boolean>;
  /** A networked backend says whether its database answered a trivial query within `timeoutMs` (/healthz); an embedded one has none. */
  reachable?(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** A store operation failed; the caller keeps its in-memory state and retries. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(reason, options);
  }
}
