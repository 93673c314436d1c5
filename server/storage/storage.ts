import type { Publisher } from '../../shared/api.ts';
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

/**
 * Durable persona storage: an append-only update log per persona, compaction into one
 * state, and the persona index. Every backend runs through tests/unit/server/storageContract.ts.
 */
export interface DocStore {
  /** The persona's stored updates, oldest first; null when it was never created. */
  load(personaId: string): Promise<Uint8Array[] | null>;
  /** Creates a persona with its first state (created at entry.updatedAt); false, writing nothing, when the id is taken. */
  create(entry: PersonaIndexEntry, state: Uint8Array): Promise<boolean>;
  /** Appends updates of existing personas atomically, all or none. */
  append(updates: readonly StoredUpdate[]): Promise<void>;
  /** Replaces a persona's whole log with one state that must contain every stored update. */
  compact(personaId: string, state: Uint8Array): Promise<void>;
  /** How many entries the persona's log holds (1 right after a compaction). */
  logLength(personaId: string): Promise<number>;
  updateIndex(entry: PersonaIndexEntry): Promise<void>;
  listIndex(): Promise<PersonaIndexRow[]>;
  /** Freezes a new version (the next number for the persona) and makes it the library's latest; returns its number. */
  publish(input: PublishInput): Promise<number>;
  /** The latest version of every published persona that matches, best match (or newest) first. */
  searchLibrary(filter: LibraryFilter): Promise<VersionRecord[]>;
  /** Every segment among the library's latest versions, sorted. */
  librarySegments(): Promise<string[]>;
  /** One version (the latest when `version` is null) with its stored JSON; null when there is none. */
  getVersion(personaId: string, version: number | null): Promise<(VersionRecord & { snapshot: string }) | null>;
  /** Every version of a persona, newest first. */
  listVersions(personaId: string): Promise<VersionRecord[]>;
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
