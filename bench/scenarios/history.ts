// Issue 13: what keeping history costs (store size after a simulated working week) and how fast it is
// to list and to restore (HTTP, long persona).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import * as Y from 'yjs';
import { DraftCheckpoints } from '../../server/history/draftCheckpoints.ts';
import { indexEntryOf } from '../../server/persona/indexEntry.ts';
import { DATABASE_FILE } from '../../server/server.ts';
import { openSqliteStorage } from '../../server/storage/sqliteStorage.ts';
import { WriteQueue } from '../../server/storage/writeQueue.ts';
import { SECTION_KEYS, getSection } from '../../shared/persona/schema.ts';
import { makeDataDir, removeDataDir } from '../lib/dataDirs.ts';
import { seeded, writeFullPersona } from '../lib/personaContent.ts';
import { timedFetch } from '../lib/seedStore.ts';
import type { ServerProcess } from '../lib/servers.ts';
import { startServer } from '../lib/servers.ts';
import { percentile } from '../lib/stats.ts';
import type { Scenario } from './scenario.ts';
import { fmt, num } from './scenario.ts';

const PERSONA = 'history-week';
const LONG = { paragraphs: 20, listItems: 20, evidencePerSide: 50 };
const PEOPLE = 10;
const WORKING_DAYS = 5;
const WORKING_HOURS = 8;
const EVERY_MS = 5 * 60_000;
const COMPACT_EVERY = 1_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const load = (quick: boolean) => ({ edits: quick ? 20_000 : 200_000, lists: quick ? 50 : 200, restores: quick ? 10 : 40, seededCheckpoints: quick ? 100 : 480 });

interface WeekFigures {
  fileBytes: number;
  liveBytes: number;
  historyBytes: number;
  checkpoints: number;
  stateBytes: number;
  /** After the clock moves 30 days on and one more checkpoint is taken: the retention rule thins the week. */
  checkpointsAfter30Days: number;
  historyBytesAfter30Days: number;
  seconds: number;
}

/** The XmlText nodes of every section, found without recursion: where the edits go. */
function textsOf(doc: Y.Doc): Y.XmlText[] {
  const texts: Y.XmlText[] = [];
  const stack: (Y.XmlElement | Y.XmlText | Y.XmlHook)[] = SECTION_KEYS.flatMap((key) => getSection(doc, key).toArray());
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node instanceof Y.XmlText) texts.push(node);
    else if (node instanceof Y.XmlElement) stack.push(...node.toArray());
  }
  return texts;
}

/**
 * A working week of one long persona, in process and in simulated time: `edits` small edits (a
 * word typed or a few letters deleted) by ten people over five 8-hour days, stored as the server
 * stores them (appended per simulated second, compacted every 1,000), and, with history, a
 * checkpoint 5 minutes after each first change since the last one (the room's rule, through the
 * real DraftCheckpoints with an injected clock and the retention rule).
 */
async function simulateWeek(dataDir: string, edits: number, keepHistory: boolean): Promise<WeekFigures> {
  const started = performance.now();
  const file = join(dataDir, DATABASE_FILE);
  const storage = await openSqliteStorage({ file, synchronous: 'NORMAL' });
  const logger = pino({ level: 'silent' });
  const queue = new WriteQueue({ log: storage.log, logger });
  const doc = new Y.Doc();
  writeFullPersona(doc, 0, LONG);
  let clock = Date.UTC(2026, 10, 30, 9);
  await storage.createPersona(indexEntryOf(PERSONA, doc, new Date(clock)), Y.encodeStateAsUpdate(doc));
  // The real timer never fires here (a day); the loop below keeps the 5-minute cadence in simulated time.
  const checkpoints = keepHistory
    ? new DraftCheckpoints(PERSONA, () => doc, { history: storage.history, queue, logger, settings: { everyMs: DAY_MS, now: () => clock } })
    : null;
  const texts = textsOf(doc);
  const random = seeded(13);
  let pending: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => pending.push(update));
  let sinceCompaction = 0;
  let lastSeq = 0;
  let firstChangeAt: number | null = null;
  const store = async () => {
    if (pending.length === 0) return;
    const seqs = await storage.log.append(pending.map((update) => ({ personaId: PERSONA, update })));
    lastSeq = seqs.at(-1) ?? lastSeq;
    sinceCompaction += pending.length;
    pending = [];
    if (sinceCompaction >= COMPACT_EVERY) {
      await storage.log.compact(PERSONA, Y.encodeStateAsUpdate(doc), lastSeq);
      sinceCompaction = 0;
    }
  };
  const checkpointIfDue = async () => {
    if (checkpoints && firstChangeAt !== null && clock - firstChangeAt >= EVERY_MS) {
      await checkpoints.takeIfChanged();
      firstChangeAt = null;
    }
  };

  const perDay = Math.ceil(edits / WORKING_DAYS);
  const gapMs = (WORKING_HOURS * HOUR_MS) / perDay;
  let done = 0;
  for (let day = 0; day < WORKING_DAYS && done < edits; day++) {
    const dayStart = Date.UTC(2026, 10, 30 + day, 9);
    let second = Math.floor(dayStart / 1000);
    for (let i = 0; i < perDay && done < edits; i++, done++) {
      clock = dayStart + i * gapMs;
      if (Math.floor(clock / 1000) !== second) {
        second = Math.floor(clock / 1000);
        await store();
        await checkpointIfDue();
      }
      const person = Math.floor(random() * PEOPLE);
      doc.clientID = 1_000 + person;
      const text = texts[Math.floor(random() * texts.length)] ?? texts[0];
      if (!text) throw new Error('the persona has no text to edit');
      if (random() < 0.8 || text.length < 10) text.insert(Math.floor(random() * (text.length + 1)), random() < 0.5 ? 'dato ' : 'y ');
      else text.delete(Math.floor(random() * (text.length - 3)), 1 + Math.floor(random() * 3));
      checkpoints?.changed(`member-${person}`);
      firstChangeAt ??= clock;
    }
    await store();
    clock = dayStart + WORKING_HOURS * HOUR_MS + EVERY_MS;
    await checkpointIfDue();
  }
  await store();
  await checkpoints?.takeIfChanged();
  const stateBytes = Y.encodeStateAsUpdate(doc).byteLength;
  const listed = await storage.history.list(PERSONA);
  const historyBytes = await storage.history.storedBytes(PERSONA);
  const { fileBytes, liveBytes } = storeSize(file);
  // A month on, one more change and its checkpoint: the week is thinned to one per day.
  clock += 30 * DAY_MS;
  textsOf(doc)[0]?.insert(0, 'x');
  checkpoints?.changed('member-0');
  await checkpoints?.takeIfChanged();
  await store();
  const after = await storage.history.list(PERSONA);
  const historyBytesAfter = await storage.history.storedBytes(PERSONA);
  checkpoints?.dispose();
  await queue.close();
  await storage.close();
  return {
    fileBytes,
    liveBytes,
    historyBytes,
    checkpoints: listed.length,
    stateBytes,
    checkpointsAfter30Days: after.length,
    historyBytesAfter30Days: historyBytesAfter,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The SQLite file's size on disk (with its WAL), and the bytes of the pages in use (freed pages left out). */
function storeSize(file: string): { fileBytes: number; liveBytes: number } {
  const db = new Database(file, { readonly: true });
  try {
    const pages = (name: string) => Number(db.pragma(name, { simple: true }));
    const wal = `${file}-wal`;
    return {
      fileBytes: statSync(file).size + (existsSync(wal) ? statSync(wal).size : 0),
      liveBytes: (pages('page_count') - pages('freelist_count')) * pages('page_size'),
    };
  } finally {
    db.close();
  }
}

/** A long persona with `count` checkpoints of the last days, written before the server starts; and a second state to restore to and fro. */
async function seedLongPersonaWithHistory(dataDir: string, count: number): Promise<void> {
  const storage = await openSqliteStorage({ file: join(dataDir, DATABASE_FILE), synchronous: 'NORMAL' });
  try {
    const doc = new Y.Doc();
    writeFullPersona(doc, 1, LONG);
    const now = Date.now();
    await storage.createPersona(indexEntryOf(PERSONA, doc, new Date(now)), Y.encodeStateAsUpdate(doc));
    const full = Y.encodeStateAsUpdateV2(doc);
    const section = getSection(doc, 'pains');
    section.delete(0, section.length);
    const emptied = Y.encodeStateAsUpdateV2(doc);
    for (let i = count - 1; i >= 0; i--) {
      const at = new Date(now - i * EVERY_MS).toISOString();
      await storage.history.add({ personaId: PERSONA, at, kind: 'auto', authors: [`member-${i % PEOPLE}`], update: i % 2 === 0 ? full : emptied, after: null });
    }
  } finally {
    await storage.close();
  }
}

export const history: Scenario = {
  name: 'history',
  title: 'History: store size and restore',
  describe(quick) {
    const { edits, lists, restores, seededCheckpoints } = load(quick);
    return (
      `Store size: one long persona (every section with ${LONG.paragraphs} paragraphs and ${LONG.listItems} claims, ` +
      `${LONG.evidencePerSide} evidence items per side) gets ${edits.toLocaleString('en')} small edits (a word typed, or ` +
      `1–3 letters deleted) from ${PEOPLE} people over ${WORKING_DAYS} days of ${WORKING_HOURS} hours, in simulated time, ` +
      'stored as the server stores them (per second, compacted every 1,000), with and without checkpoints (one 5 minutes ' +
      'after the first change since the last; the retention rule applied at each); then the clock moves on 30 days. ' +
      `Speed: a long persona with ${seededCheckpoints} checkpoints on the project server; ${lists} \`GET …/history\`, ` +
      `then ${restores} \`POST …/restore\` alternating between two checkpoints (one with a section emptied), one after another.`
    );
  },
  servers: ['project'],
  rows: [
    { key: 'withFileMB', label: 'week, history kept: SQLite file (MB)', digits: 2 },
    { key: 'withoutFileMB', label: 'week, no history: SQLite file (MB)', digits: 2 },
    { key: 'withLiveMB', label: 'week, history kept: live pages (MB)', digits: 2 },
    { key: 'withoutLiveMB', label: 'week, no history: live pages (MB)', digits: 2 },
    { key: 'historyMB', label: 'checkpoints stored (MB, deflated)', digits: 2 },
    { key: 'checkpoints', label: 'checkpoints after the week', digits: 0 },
    { key: 'stateKB', label: 'persona state at the end (KB, raw)', digits: 0 },
    { key: 'checkpointKB', label: 'one checkpoint, mean (KB, deflated)', digits: 1 },
    { key: 'checkpointsAfter30Days', label: 'checkpoints kept 30 days later', digits: 0 },
    { key: 'historyMBAfter30Days', label: 'checkpoints stored 30 days later (MB)', digits: 2 },
    { key: 'listP50', label: 'list history: p50 (ms)', digits: 1 },
    { key: 'listP95', label: 'list history: p95 (ms)', digits: 1 },
    { key: 'restoreP50', label: 'restore a checkpoint: p50 (ms)', digits: 1 },
    { key: 'restoreP95', label: 'restore a checkpoint: p95 (ms)', digits: 1 },
    { key: 'listedCheckpoints', label: 'checkpoints listed (last request)', digits: 0 },
  ],

  async run(kind, ctx) {
    const { edits, lists, restores, seededCheckpoints } = load(ctx.quick);
    const MB = 1024 * 1024;
    const week: Record<'with' | 'without', WeekFigures> = {} as Record<'with' | 'without', WeekFigures>;
    for (const variant of ['with', 'without'] as const) {
      const dir = makeDataDir(`history-week-${variant}`);
      try {
        week[variant] = await simulateWeek(dir, edits, variant === 'with');
        ctx.log(`${kind}: week ${variant} history in ${week[variant].seconds.toFixed(1)} s`);
      } finally {
        removeDataDir(dir);
      }
    }

    const dataDir = makeDataDir('history-speed');
    let server: ServerProcess | null = null;
    try {
      await seedLongPersonaWithHistory(dataDir, seededCheckpoints);
      server = await startServer(kind, { dataDir, logName: `${kind}-history` });
      const token = server.params['token'];
      if (token === undefined) throw new Error('history needs the project server, which issues tokens');
      const base = `${server.httpUrl}/api/personas/${PERSONA}`;
      const listTimes: number[] = [];
      let listed: { id: string }[] = [];
      for (let i = 0; i < lists; i++) {
        const { ms, body } = await timedFetch(`${base}/history`, token);
        listTimes.push(ms);
        listed = (JSON.parse(new TextDecoder().decode(body)) as { checkpoints: { id: string }[] }).checkpoints;
      }
      const [first, second] = listed;
      if (!first || !second) throw new Error('the seeded checkpoints are not listed');
      const restoreTimes: number[] = [];
      for (let i = 0; i < restores; i++) {
        const { ms } = await timedFetch(`${base}/restore`, token, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ checkpoint: (i % 2 === 0 ? second : first).id }),
        });
        restoreTimes.push(ms);
      }
      const { body } = await timedFetch(`${base}/history`, token);
      const finalCount = (JSON.parse(new TextDecoder().decode(body)) as { checkpoints: unknown[] }).checkpoints.length;
      return {
        figures: {
          withFileMB: week.with.fileBytes / MB,
          withoutFileMB: week.without.fileBytes / MB,
          withLiveMB: week.with.liveBytes / MB,
          withoutLiveMB: week.without.liveBytes / MB,
          historyMB: week.with.historyBytes / MB,
          checkpoints: week.with.checkpoints,
          stateKB: week.with.stateBytes / 1024,
          checkpointKB: week.with.checkpoints > 0 ? week.with.historyBytes / week.with.checkpoints / 1024 : null,
          checkpointsAfter30Days: week.with.checkpointsAfter30Days,
          historyMBAfter30Days: week.with.historyBytesAfter30Days / MB,
          listP50: percentile(listTimes, 50),
          listP95: percentile(listTimes, 95),
          restoreP50: percentile(restoreTimes, 50),
          restoreP95: percentile(restoreTimes, 95),
          listedCheckpoints: finalCount,
        },
        notes: [],
      };
    } finally {
      await server?.stop();
      removeDataDir(dataDir);
    }
  },

  targets(project) {
    const withLive = num(project, 'withLiveMB');
    const withoutLive = num(project, 'withoutLiveMB');
    const restoreP95 = num(project, 'restoreP95');
    return [
      {
        description: 'a week of history costs less than 20 MB of store for a long persona edited by ten people',
        met: withLive === null || withoutLive === null ? null : withLive - withoutLive < 20,
        detail: `${fmt(withLive, 2)} MB with history, ${fmt(withoutLive, 2)} MB without (${fmt(num(project, 'checkpoints'), 0)} checkpoints)`,
      },
      {
        description: 'restoring a checkpoint of a long persona (a deliberate, rare action, like a publish): p95 ≤ 1 s',
        met: restoreP95 === null ? null : restoreP95 <= 1_000,
        detail: `p50 ${fmt(num(project, 'restoreP50'), 1)} ms, p95 ${fmt(restoreP95, 1)} ms; listing p95 ${fmt(num(project, 'listP95'), 1)} ms`,
      },
    ];
  },
};
