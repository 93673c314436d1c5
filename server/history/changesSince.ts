// What a document changed since a mark taken of it earlier: its new items and its new deletions,
// as one update, read from the document when asked. Yjs's own `encodeStateAsUpdate(doc, sv)` writes
// every deletion the document ever had; a checkpoint must hold only the new ones.
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** A range of deleted clocks of one client. */
interface Range {
  clock: number;
  len: number;
}

/** Deleted ranges by client, each client's sorted by clock and not overlapping (as Yjs reads them from a store). */
type Deletions = ReadonlyMap<number, readonly Range[]>;

/** What a document held at one moment: its state vector and its deletions. */
export interface DocumentMark {
  stateVector: Uint8Array;
  deleted: Deletions;
}

export function markOf(doc: Y.Doc): DocumentMark {
  return { stateVector: Y.encodeStateVector(doc), deleted: Y.createDeleteSetFromStructStore(doc.store).clients };
}

/**
 * The update (V2) that brings a document at `since` to where `doc` is now, and the mark of now.
 * Costs a pass over the document's structs, once per checkpoint, instead of work per update.
 */
export function changesSince(doc: Y.Doc, since: DocumentMark): { update: Uint8Array; now: DocumentMark } {
  const now = markOf(doc);
  // V1 writes the structs, then the delete set; the whole set's bytes, written here the same way, end it.
  const withEveryDeletion = Y.encodeStateAsUpdate(doc, since.stateVector);
  const everyDeletion = encodeDeleteSetV1(now.deleted);
  const structsEnd = withEveryDeletion.length - everyDeletion.length;
  const pending = doc.store.pendingDs !== null || doc.store.pendingStructs !== null;
  if (pending || structsEnd < 0 || !endsWith(withEveryDeletion, everyDeletion)) {
    // Not the layout expected (updates waiting for missing content): the whole state is always right.
    return { update: Y.encodeStateAsUpdateV2(doc), now };
  }
  const newDeletions = encodeDeleteSetV1(subtract(now.deleted, since.deleted));
  const update = new Uint8Array(structsEnd + newDeletions.length);
  update.set(withEveryDeletion.subarray(0, structsEnd));
  update.set(newDeletions, structsEnd);
  return { update: Y.convertUpdateFormatV1ToV2(update), now };
}

/** `a` without the ranges of `b` (deletions are never undone, so `b` is within `a`). */
function subtract(a: Deletions, b: Deletions): Deletions {
  const result = new Map<number, Range[]>();
  for (const [client, ranges] of a) {
    const old = b.get(client) ?? [];
    const left: Range[] = [];
    let j = 0;
    for (const { clock, len } of ranges) {
      let from = clock;
      const to = clock + len;
      while (j < old.length && (old[j]?.clock ?? 0) + (old[j]?.len ?? 0) <= from) j++;
      for (let k = j; k < old.length && from < to; k++) {
        const range = old[k];
        if (!range || range.clock >= to) break;
        if (range.clock > from) left.push({ clock: from, len: range.clock - from });
        from = Math.max(from, range.clock + range.len);
      }
      if (from < to) left.push({ clock: from, len: to - from });
    }
    if (left.length > 0) result.set(client, left);
  }
  return result;
}

/** A delete set as Yjs's V1 encoder writes it (`writeDeleteSet`): clients in descending order. */
function encodeDeleteSetV1(deleted: Deletions): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, deleted.size);
  for (const [client, ranges] of [...deleted].sort((x, y) => y[0] - x[0])) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const { clock, len } of ranges) {
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarUint(encoder, len);
    }
  }
  return encoding.toUint8Array(encoder);
}

function endsWith(bytes: Uint8Array, tail: Uint8Array): boolean {
  const offset = bytes.length - tail.length;
  for (let i = 0; i < tail.length; i++) if (bytes[offset + i] !== tail[i]) return false;
  return true;
}
