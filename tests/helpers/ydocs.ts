// The one way multi-doc tests wire peers together: explicit sync steps, then one convergence check.
import { expect } from 'vitest';
import * as Y from 'yjs';
import { readPersona } from '../../shared/persona/index.ts';

const SYNC_ORIGIN = 'test-sync';
const MAX_ROUNDS = 10;

/** `n` fresh docs with fixed client ids, so which concurrent write wins is the same on every run. */
export function createPeers(n: number): Y.Doc[] {
  return Array.from({ length: n }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = i + 1;
    return doc;
  });
}

/** Exchanges state-vector diffs between every pair until all state vectors agree. */
export function syncPeers(docs: Y.Doc[]): void {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    for (const from of docs) {
      for (const to of docs) {
        if (from === to) continue;
        const diff = Y.encodeStateAsUpdate(from, Y.encodeStateVector(to));
        Y.applyUpdate(to, diff, SYNC_ORIGIN);
      }
    }
    if (isSettled(docs)) return;
  }
  throw new Error(`peers did not converge after ${MAX_ROUNDS} sync rounds`);
}

/** Same persona, same state vector and same delete set on every doc (yjs' testHelper `compare`). */
export function expectConverged(docs: Y.Doc[]): void {
  const [first, ...rest] = docs;
  if (first === undefined) throw new Error('expectConverged needs at least one doc');
  const persona = readPersona(first);
  const stateVector = Y.decodeStateVector(Y.encodeStateVector(first));
  const snapshot = Y.snapshot(first);
  for (const doc of rest) {
    expect(readPersona(doc)).toEqual(persona);
    expect(JSON.stringify(readPersona(doc))).toBe(JSON.stringify(persona));
    expect(Y.decodeStateVector(Y.encodeStateVector(doc))).toEqual(stateVector);
    expect(Y.equalSnapshots(Y.snapshot(doc), snapshot)).toBe(true);
  }
  for (const doc of docs) {
    expect(doc.store.pendingStructs).toBeNull();
    expect(doc.store.pendingDs).toBeNull();
  }
}

function isSettled(docs: Y.Doc[]): boolean {
  const vectors = docs.map((doc) => Y.encodeStateVector(doc).toString());
  const pending = docs.some((doc) => doc.store.pendingStructs !== null || doc.store.pendingDs !== null);
  return !pending && vectors.every((vector) => vector === vectors[0]);
}
