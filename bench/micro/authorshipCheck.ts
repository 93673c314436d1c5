// `npx tsx bench/micro/authorshipCheck.ts`: what the server's per-update authorship check costs, next to
// the decoding every peer update already gets. Fan-out-sized updates: one profile key set by one of ten members.
import * as Y from 'yjs';
import { Authorship } from '../../server/collab/authorship.ts';
import { getProfile } from '../../shared/persona/schema.ts';

const MEMBERS = 10;
const UPDATES = 2_000;
const REPEATS = 50;
const ROUNDS = 5;

const room = new Y.Doc();
const authorship = new Authorship(room);
const writers = Array.from({ length: MEMBERS }, () => new Y.Doc());
// Each member's first update claims its client id; the fan-out's later ones only look it up.
writers.forEach((writer, i) => authorship.claim([writer.clientID], `member-${i}`, 'server'));
const updates = Array.from({ length: UPDATES }, (_, n) => {
  const i = n % MEMBERS;
  const writer = writers[i] ?? new Y.Doc();
  const before = Y.encodeStateVector(writer);
  getProfile(writer).set(`t:${i}:${n}`, performance.now().toFixed(3));
  return { update: Y.encodeStateAsUpdate(writer, before), author: `member-${i}` };
});
const decoded = updates.map(({ update, author }) => ({ decoded: Y.decodeUpdate(update), author }));

/** Microseconds per update of `each`, over REPEATS passes. */
function timePerUpdate(each: (index: number) => number): number {
  const started = performance.now();
  let sink = 0;
  for (let pass = 0; pass < REPEATS; pass++) for (let i = 0; i < UPDATES; i++) sink += each(i);
  if (sink < 0) throw new Error('unreachable');
  return ((performance.now() - started) * 1000) / (REPEATS * UPDATES);
}

for (let round = 1; round <= ROUNDS; round++) {
  const decode = timePerUpdate((i) => Y.decodeUpdate(updates[i]?.update ?? new Uint8Array()).structs.length);
  const check = timePerUpdate((i) => {
    const entry = decoded[i];
    if (!entry) return 0;
    const verdict = authorship.check(entry.decoded, entry.author);
    if (verdict.kind !== 'accept') throw new Error(`rejected: ${verdict.reason}`);
    return 1;
  });
  process.stdout.write(`round ${round}: Y.decodeUpdate ${decode.toFixed(2)} µs, Authorship.check ${check.toFixed(3)} µs per update\n`);
}
