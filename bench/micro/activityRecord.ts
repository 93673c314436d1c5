// `npx tsx bench/micro/activityRecord.ts`: what noting the activity costs per applied peer update, next to
// applying it. Fan-out-sized updates (one profile key set by one of ten members) and typing in a section.
import { pino } from 'pino';
import * as Y from 'yjs';
import { ActivityRecorder } from '../../server/activity/recorder.ts';
import type { PeerIdentity } from '../../server/collab/peer.ts';
import type { Activity } from '../../server/storage/storage.ts';
import { getProfile, getSection } from '../../shared/persona/schema.ts';

const MEMBERS = 10;
const UPDATES = 4_000;
const ROUNDS = 9;

// The store is left out: the recorder writes once a second, off the edit path.
const activity: Activity = {
  record: async () => undefined,
  recordAll: async () => undefined,
  list: async () => [],
  lastChanged: async () => new Map(),
  membersOf: async () => [],
  forget: async () => undefined,
};
const identities: PeerIdentity[] = Array.from({ length: MEMBERS }, (_, i) => ({
  access: { role: 'editor', expiresAt: null },
  member: { id: `member-${i}`, name: `Member ${i}`, team: i % 2 ? 'sales' : 'marketing' },
  author: `member-${i}`,
}));

function updatesOf(kind: 'profile' | 'section'): Uint8Array[] {
  const writers = Array.from({ length: MEMBERS }, () => new Y.Doc());
  return Array.from({ length: UPDATES }, (_, n) => {
    const writer = writers[n % MEMBERS] ?? new Y.Doc();
    const before = Y.encodeStateVector(writer);
    if (kind === 'profile') getProfile(writer).set(`t:${n % MEMBERS}`, String(n));
    else {
      const section = getSection(writer, 'goals');
      if (section.length === 0) section.push([new Y.XmlText()]);
      const text = section.get(0) as Y.XmlText;
      text.insert(text.length, 'x');
    }
    return Y.encodeStateAsUpdate(writer, before);
  });
}

/** Microseconds per update to apply them all to a fresh doc, with or without the recorder listening. */
function apply(updates: readonly Uint8Array[], record: boolean): number {
  const doc = new Y.Doc();
  const recorder = new ActivityRecorder({ activity, logger: pino({ level: 'silent' }), flushAfterMs: 60_000 });
  let current = 0;
  if (record) doc.on('afterTransaction', (tr: Y.Transaction) => recorder.peerChanged('p1', identities[current % MEMBERS] as PeerIdentity, doc, tr));
  const started = performance.now();
  updates.forEach((update, i) => {
    current = i;
    Y.applyUpdate(doc, update, { kind: 'peer' });
  });
  const micros = ((performance.now() - started) * 1000) / updates.length;
  void recorder.flush();
  doc.destroy();
  return micros;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

for (const kind of ['profile', 'section'] as const) {
  const updates = updatesOf(kind);
  const without: number[] = [];
  const withRecorder: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    without.push(apply(updates, false));
    withRecorder.push(apply(updates, true));
  }
  process.stdout.write(
    `${kind}: apply ${median(without).toFixed(2)} µs/update, with the activity noted ${median(withRecorder).toFixed(2)} µs/update (medians of ${ROUNDS} rounds)\n`,
  );
}
