import type { Member, Publisher, Team } from '../../shared/api.ts';
import type { Role } from '../../shared/protocol.ts';
import type { EvidenceCounts } from '../../shared/persona/types.ts';

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
  updateIndex(entry: PersonaIndexEntry): Promise<void>;
  /** Every persona, most recently changed first, with its latest published version. */
  listIndex(page?: IndexPage): Promise<PersonaIndexRow[]>;
}

/**
 * Published versions, frozen, and the library's search over the latest of each.
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

/**
 * Durable persona storage: one backend (SQLite now) provides all three concerns, each run through
 * its own contract suite by tests/unit/server/storage/storageContract.ts.
 */
export interface Storage {
  readonly log: UpdateLog;
  readonly index: PersonaIndex;
  readonly library: Library;
  readonly people: People;
  /**
   * Creates a persona: its index row (created at entry.updatedAt) and its log's first entry, `state`,
   * in one transaction, so that no persona is ever listed without a document or stored without a
   * row. False, writing nothing, when the id is taken. It spans two concerns, so the backend owns it.
   */
  createPersona(entry: PersonaIndexEntry, state: Uint8Array): Promise<boolean>;
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
