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
