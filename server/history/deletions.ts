// What a checkpoint stores of the deletions: only those made since the checkpoint before. Yjs
// writes a document's whole delete set into every update; on a long persona that set dwarfs what
// changed in five minutes, so the update's trailing delete set is swapped for the new part of it.
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** Deleted ranges per client, sorted and disjoint, as Yjs keeps them. */
export type Deletions = ReadonlyMap<number, readonly { clock: number; len: number }[]>;

export function deletionsOf(doc: Y.Doc): Deletions {
  return Y.createDeleteSetFromStructStore(doc.store).clients;
}

/** The ranges of `now` that `before` lacks. */
export function newDeletions(now: Deletions, before: Deletions): Deletions {
  const added = new Map<number, { clock: number; len: number }[]>();
  for (const [client, ranges] of now) {
    const old = before.get(client) ?? [];
    const kept: { clock: number; len: number }[] = [];
    let j = 0;
    for (const { clock, len } of ranges) {
      let start = clock;
      const end = clock + len;
      while (j < old.length && (old[j]?.clock ?? 0) + (old[j]?.len ?? 0) <= start) j++;
      for (let k = j; start < end; k++) {
        const covered = old[k];
        if (!covered || covered.clock >= end) {
          kept.push({ clock: start, len: end - start });
          break;
        }
        if (covered.clock > start) kept.push({ clock: start, len: covered.clock - start });
        start = Math.max(start, covered.clock + covered.len);
      }
    }
    if (kept.length > 0) added.set(client, kept);
  }
  return added;
}

/** A delete set in Yjs's V1 update encoding (as its writeDeleteSet writes it: clients in descending order). */
function encodeDeletionsV1(deletions: Deletions): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, deletions.size);
  for (const [client, ranges] of [...deletions].sort((a, b) => b[0] - a[0])) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const { clock, len } of ranges) {
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarUint(encoder, len);
    }
  }
  return encoding.toUint8Array(encoder);
}

/**
 * What changed in `doc` since `stateVector` and `before` (the deletions then), as a V2 update: the
 * structs written since, and only the deletions made since. Falls back to the whole delete set
 * when the update does not end with it as expected (pending updates merged in, say).
 */
export function changesSince(doc: Y.Doc, stateVector: Uint8Array, before: Deletions | null): { update: Uint8Array; deletions: Deletions } {
  const update = Y.encodeStateAsUpdate(doc, stateVector);
  const deletions = deletionsOf(doc);
  if (before === null) return { update: Y.convertUpdateFormatV1ToV2(update), deletions };
  const whole = encodeDeletionsV1(deletions);
  const tail = update.subarray(update.length - whole.length);
  if (whole.length > update.length || !Buffer.from(tail).equals(whole)) return { update: Y.convertUpdateFormatV1ToV2(update), deletions };
  const since = encodeDeletionsV1(newDeletions(deletions, before));
  const trimmed = new Uint8Array(update.length - whole.length + since.length);
  trimmed.set(update.subarray(0, update.length - whole.length));
  trimmed.set(since, update.length - whole.length);
  return { update: Y.convertUpdateFormatV1ToV2(trimmed), deletions };
}
