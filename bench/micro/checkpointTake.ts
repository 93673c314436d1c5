// `npx tsx bench/micro/checkpointTake.ts`: how long taking one automatic checkpoint holds the event
// loop on a long persona after a heavy week (200,000 small edits, a fifth of them deletions, by ten
// people), each checkpoint after five minutes of ten people typing (3,000 edits).
import { join } from 'node:path';
import { pino } from 'pino';
import * as Y from 'yjs';
import { checkpointState } from '../../server/history/checkpointState.ts';
import { DraftCheckpoints } from '../../server/history/draftCheckpoints.ts';
import { indexEntryOf } from '../../server/persona/indexEntry.ts';
import { openSqliteStorage } from '../../server/storage/sqliteStorage.ts';
import { WriteQueue } from '../../server/storage/writeQueue.ts';
import { SECTION_KEYS, getSection } from '../../shared/persona/schema.ts';
import { makeDataDir, removeDataDir } from '../lib/dataDirs.ts';
import { seeded, writeFullPersona } from '../lib/personaContent.ts';
import { percentile } from '../lib/stats.ts';

const WEEK_EDITS = 200_000;
const EDITS_PER_CHECKPOINT = 3_000;
const ROUNDS = 15;

function textsOf(doc: Y.Doc): Y.XmlText[] {
  const texts: Y.XmlText[] = [];
  const stack: (Y.XmlElement | Y.XmlText | Y.XmlHook)[] = SECTION_KEYS.flatMap((key) => getSection(doc, key).toArray());
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node instanceof Y.XmlText) texts.push(node);
    else if (node instanceof Y.XmlElement) stack.push(...node.toArray());
  }
  return texts;
}

const dir = makeDataDir('checkpoint-take');
const storage = await openSqliteStorage({ file: join(dir, 'tandem.sqlite'), synchronous: 'NORMAL' });
const logger = pino({ level: 'silent' });
const doc = new Y.Doc();
writeFullPersona(doc, 0, { paragraphs: 20, listItems: 20, evidencePerSide: 50 });
await storage.createPersona(indexEntryOf('p', doc, new Date()), Y.encodeStateAsUpdate(doc));
const texts = textsOf(doc);
const random = seeded(13);
const edit = (count: number) => {
  for (let i = 0; i < count; i++) {
    doc.clientID = 1_000 + Math.floor(random() * 10);
    const text = texts[Math.floor(random() * texts.length)] ?? texts[0];
    if (!text) throw new Error('no text');
    if (random() < 0.8 || text.length < 10) text.insert(Math.floor(random() * (text.length + 1)), 'dato ');
    else text.delete(Math.floor(random() * (text.length - 3)), 1 + Math.floor(random() * 3));
  }
};
edit(WEEK_EDITS);
const checkpoints = new DraftCheckpoints('p', () => doc, {
  history: storage.history,
  queue: new WriteQueue({ log: storage.log, logger }),
  logger,
  settings: { everyMs: 86_400_000 },
});
await checkpoints.take('auto');

let lastId = '';
const blocked: number[] = [];
const total: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  edit(EDITS_PER_CHECKPOINT);
  checkpoints.changed('m');
  // The longest gap between two turns of a 1 ms timer: how long the loop was held at once.
  let longest = 0;
  let tick = performance.now();
  const probe = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - tick);
    tick = now;
  }, 1);
  const started = performance.now();
  lastId = await checkpoints.take('auto');
  total.push(performance.now() - started);
  clearInterval(probe);
  longest = Math.max(longest, performance.now() - tick);
  blocked.push(longest);
}
checkpoints.dispose();
// The last checkpoint, loaded back, is the draft: items and deletions alike.
const kept = new Y.Doc();
Y.applyUpdate(kept, (await checkpointState(storage.history, 'p', lastId)) ?? new Uint8Array());
if (!Y.equalSnapshots(Y.snapshot(kept), Y.snapshot(doc))) throw new Error('the last checkpoint does not hold the draft');
await storage.close();
removeDataDir(dir);
const ms = (values: number[], p: number) => (percentile(values, p) ?? NaN).toFixed(1);
process.stdout.write(
  `state ${(Y.encodeStateAsUpdate(doc).byteLength / 1024).toFixed(0)} KB; ${ROUNDS} checkpoints of ${EDITS_PER_CHECKPOINT} edits each\n` +
    `take(): p50 ${ms(total, 50)} ms, p95 ${ms(total, 95)} ms; longest event-loop block p50 ${ms(blocked, 50)} ms, max ${ms(blocked, 100)} ms\n`,
);
