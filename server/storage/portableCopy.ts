// Moving a whole Tandem into an empty store and proving that it arrived: what npm run copy-store
// and npm run restore share, for any pair of backends that implement Portable.
import { PORTABLE_KINDS, recordDigest, type PortableCounts, type PortableKind, type PortableRecord } from './portable.ts';
import { StoreError, type Portable, type Storage } from './storage.ts';

/** The copy differs from what was copied; the message names what. The target keeps what was written. */
export class CopyMismatchError extends StoreError {}

/** What a copy wrote and checked. */
export interface CopyReport {
  counts: PortableCounts;
  /** Personas whose every log entry was read back from both stores and found equal byte for byte. */
  personasCompared: number;
  /** Published versions whose state was read back from both stores and found equal byte for byte. */
  versionsCompared: number;
}

/** The store's Portable side, or a clear error when its backend has none yet. */
export function portableOf(storage: Storage, which: string): Portable {
  if (!storage.portable) throw new StoreError(`the ${which} store's backend cannot export or import a whole Tandem (it has no Portable side)`);
  return storage.portable;
}

/**
 * Imports `records` into the empty `target`, then exports the target again and checks that it holds
 * the same records, kind by kind (count and SHA-256 of each kind's records in order).
 */
export async function importAndCheck(records: AsyncIterable<PortableRecord>, target: Portable): Promise<ImportedCopy> {
  if (!(await target.isEmpty())) {
    throw new StoreError(
      'the target store is not empty: nothing was written. Restore or copy only into a new, empty store (a fresh DATA_DIR or database, where no server has started: a first start adds the first admin).',
    );
  }
  const given = recordDigest();
  const personas: string[] = [];
  const versions: [personaId: string, version: number][] = [];
  async function* teed(): AsyncGenerator<PortableRecord> {
    for await (const record of records) {
      given.add(record);
      if (record.kind === 'persona') personas.push(record.id);
      if (record.kind === 'version') versions.push([record.personaId, record.version]);
      yield record;
    }
  }
  const counts = await target.importAll(teed());
  const written = await digestOf(target);
  const givenDigests = given.digests();
  const wrong = PORTABLE_KINDS.filter((kind) => given.counts[kind] !== written.counts[kind] || givenDigests[kind] !== written.digests[kind]);
  if (wrong.length > 0) {
    throw new CopyMismatchError(
      `the copy differs from its source in: ${wrong.map((kind) => `${kind} (${given.counts[kind]} given, ${written.counts[kind]} read back)`).join(', ')}`,
    );
  }
  return { counts, personas, versions };
}

export interface ImportedCopy {
  counts: PortableCounts;
  /** The ids of the personas copied, and each version copied. */
  personas: string[];
  versions: [personaId: string, version: number][];
}

/** Counts and SHA-256 per kind of everything a store exports. */
export async function digestOf(portable: Portable): Promise<{ counts: PortableCounts; digests: Record<PortableKind, string> }> {
  const snapshot = await portable.exportAll();
  const digest = recordDigest();
  try {
    for await (const record of snapshot.records()) digest.add(record);
  } finally {
    await snapshot.close();
  }
  return { counts: digest.counts, digests: digest.digests() };
}

/**
 * Copies the whole `source` into the empty `target` and verifies it: the records kind by kind, then,
 * through each store's own reading API, every persona's log and every version's state byte for byte.
 */
export async function copyStore(source: Storage, target: Storage): Promise<CopyReport> {
  const snapshot = await portableOf(source, 'source').exportAll();
  let imported: ImportedCopy;
  try {
    imported = await importAndCheck(snapshot.records(), portableOf(target, 'target'));
  } finally {
    await snapshot.close();
  }
  for (const personaId of imported.personas) await compareLogs(source, target, personaId);
  for (const [personaId, version] of imported.versions) {
    const [original, copied] = await Promise.all([
      source.library.getVersionState(personaId, version),
      target.library.getVersionState(personaId, version),
    ]);
    if (!original || !copied || !sameBytes(original, copied)) {
      throw new CopyMismatchError(`version ${version} of persona ${personaId} differs in the copy`);
    }
  }
  return { counts: imported.counts, personasCompared: imported.personas.length, versionsCompared: imported.versions.length };
}

async function compareLogs(source: Storage, target: Storage, personaId: string): Promise<void> {
  const [original, copied] = await Promise.all([source.log.load(personaId), target.log.load(personaId)]);
  const same =
    original !== null &&
    copied !== null &&
    original.lastSeq === copied.lastSeq &&
    original.updates.length === copied.updates.length &&
    original.updates.every((update, i) => sameBytes(update, copied.updates[i]));
  if (!same) throw new CopyMismatchError(`the log of persona ${personaId} differs in the copy`);
}

function sameBytes(a: Uint8Array, b: Uint8Array | undefined): boolean {
  return b !== undefined && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
