// A checkpoint is stored as a chain of Yjs V2 updates (a whole state, then what changed at each
// checkpoint after it); this turns one back into the draft's state.
import * as Y from 'yjs';
import type { History } from '../storage/storage.ts';

/** The state (V1, as the rest of the server speaks) the chain of V2 updates adds up to. */
export function stateOfChain(chain: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    for (const update of chain) Y.applyUpdateV2(doc, update);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** The draft as checkpoint `id` of the persona holds it; null when there is no such checkpoint. */
export async function checkpointState(history: History, personaId: string, id: string): Promise<Uint8Array | null> {
  const chain = await history.updates(personaId, id);
  return chain === null ? null : stateOfChain(chain);
}
