// Client 3: how long one person's keystroke takes to reach another person's screen in a busy workshop.
import { addEvidence } from '../../shared/persona/evidence.ts';
import { SECTION_KEYS } from '../../shared/persona/schema.ts';
import { signOffSection, withdrawSignoff } from '../../shared/persona/signoff.ts';
import type { Page } from 'playwright-core';
import type { Participant, TestBrowser } from '../../tests/helpers/browser.ts';
import { launchChromium, newPersonContext } from '../../tests/helpers/browser.ts';
import type { BenchClient } from '../lib/clients.ts';
import { connectAll, connectClient } from '../lib/clients.ts';
import { makeDataDir, removeDataDir } from '../lib/dataDirs.ts';
import { appendParagraph, SectionTypist } from '../lib/edits.ts';
import { arrivalProbe, KEYDOWN_PROBE, readArrivals, readKeydowns, readReadyTimes, readyProbeScript } from '../lib/pageProbes.ts';
import type { ServerProcess } from '../lib/servers.ts';
import { startServer } from '../lib/servers.ts';
import { percentile } from '../lib/stats.ts';
import { sleep } from '../lib/wait.ts';
import type { Scenario } from './scenario.ts';
import { fmt, num } from './scenario.ts';

const PERSONA = 'keystroke-latency';
const ANCHOR = 'Typed by the bench:';
const OTHER_CLIENTS = 8;
const OTHER_EDITS_PER_SECOND = 4;
const KEY_INTERVAL_MS = 120;
const ARRIVAL_TIMEOUT_MS = 10_000;
const TARGET_P95_MS = 100;
const WRITER: Participant = { name: 'Ana Typing', side: 'marketing', color: '#2563eb' };
const WATCHER: Participant = { name: 'Ben Watching', side: 'sales', color: '#ea580c' };
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

const load = (quick: boolean) => ({ keystrokes: quick ? 50 : 200 });

/** Each other client types into its own paragraph of one section, round-robin over the sections. */
function startBackgroundTyping(clients: readonly BenchClient[]) {
  let sent = 0;
  const timers: NodeJS.Timeout[] = [];
  const period = 1000 / OTHER_EDITS_PER_SECOND;
  clients.forEach((client, i) => {
    const section = SECTION_KEYS[i % SECTION_KEYS.length] ?? 'summary';
    const typist = new SectionTypist(client.doc, section, 60);
    const start = setTimeout(() => {
      timers.push(
        setInterval(() => {
          typist.type(LETTERS[sent % LETTERS.length] ?? 'x');
          sent++;
        }, period),
      );
    }, (i * period) / clients.length);
    timers.push(start);
  });
  const started = performance.now();
  return {
    stop(): { sent: number; perSecond: number } {
      for (const timer of timers) clearTimeout(timer);
      return { sent, perSecond: sent / ((performance.now() - started) / 1000) };
    },
  };
}

const PAGE_CLOCK = 'performance.timeOrigin + performance.now()';

/** B's clock minus A's: B read between two reads of A, several times; the tightest bracket wins. */
async function clockOffsetMs(a: Page, b: Page): Promise<{ offset: number; error: number }> {
  let best = { offset: Number.NaN, error: Number.POSITIVE_INFINITY };
  for (let i = 0; i < 10; i++) {
    const a1 = (await a.evaluate(PAGE_CLOCK)) as number;
    const atB = (await b.evaluate(PAGE_CLOCK)) as number;
    const a2 = (await a.evaluate(PAGE_CLOCK)) as number;
    if ((a2 - a1) / 2 < best.error) best = { offset: atB - (a1 + a2) / 2, error: (a2 - a1) / 2 };
  }
  return best;
}

/** Another member's doings that page B is told of live (issue 17): an anecdote a second, a sign-off toggled every third. */
const NOTICE_EVERY_MS = 1_000;

function startNoticeMaker(client: BenchClient) {
  let made = 0;
  const timer = setInterval(() => {
    made++;
    addEvidence(client.doc, [{ kind: 'anecdote', text: `Heard on call ${made}`, source: 'Bench call', section: 'pains' }], { author: 'Bench sales', side: 'sales' });
    if (made % 3 === 0) {
      if (made % 6 === 0) withdrawSignoff(client.doc, 'objections', 'sales');
      else signOffSection(client.doc, 'objections', { by: 'Bench sales', side: 'sales' });
    }
  }, NOTICE_EVERY_MS);
  return {
    stop(): number {
      clearInterval(timer);
      return made;
    },
  };
}

/** Counts what page B's live notices announce (the polite live region's text changes). */
const NOTICE_PROBE = `(() => {
  const region = document.querySelector('[data-testid="live-announcement"]');
  window.__liveNotices = 0;
  if (region) new MutationObserver(() => { window.__liveNotices += 1; }).observe(region, { childList: true, characterData: true, subtree: true });
  return region !== null;
})()`;

export const keystrokeLatency = keystrokeScenario({ notices: false });
/** The same with another member's anecdotes and sign-offs shown on page B as live notices, for the A/B. */
export const keystrokeLatencyNotices = keystrokeScenario({ notices: true });
/** The same work done by the pages' own member: the same document changes, and no notice shown (the B of the A/B). */
export const keystrokeLatencyNoticesUnseen = keystrokeScenario({ notices: true, unseen: true });

function keystrokeScenario({ notices, unseen = false }: { notices: boolean; unseen?: boolean }): Scenario {
  return {
  name: notices ? (unseen ? 'keystroke-latency-notices-unseen' : 'keystroke-latency-notices') : 'keystroke-latency',
  title: notices ? `Client: keystroke to remote screen, live notices ${unseen ? 'off (same work)' : 'on'}` : 'Client: keystroke to remote screen',
  describe(quick) {
    const { keystrokes } = load(quick);
    return (
      (notices
        ? `As keystroke-latency, and meanwhile ${unseen ? 'the pages\' own member' : 'another member (sales)'} adds an anecdote every ${NOTICE_EVERY_MS} ms and ` +
          'signs Objections off or withdraws it every third' +
          (unseen ? ': the same changes as keystroke-latency-notices, but nobody is told of their own doing, so no notice shows. ' : ', so that page B shows and announces live notices (issue 17). ')
        : '') +
      `Two Chromium pages in separate contexts (two people) open the same persona while ${OTHER_CLIENTS} node ` +
      `y-websocket clients each type ${OTHER_EDITS_PER_SECOND} characters a second into it (one update each; two of ` +
      `them into the Summary, the others into the other sections). Page A clicks into a Summary paragraph and types ` +
      `${keystrokes} letters with \`page.keyboard.type\`, one every ${KEY_INTERVAL_MS} ms. A keydown listener on page A ` +
      'and a MutationObserver on page B both record `performance.timeOrigin + performance.now()`; the n-th ' +
      'keystroke has arrived when B\'s copy of that paragraph first holds n of the typed letters. Both pages run in ' +
      'one Chromium on this machine, so their clocks are the same system clock.'
    );
  },
  servers: ['project'],
  rows: [
    { key: 'p50', label: 'keydown on A → text on B: p50 (ms)', digits: 1 },
    { key: 'p95', label: 'keydown on A → text on B: p95 (ms)', digits: 1 },
    { key: 'max', label: 'keydown on A → text on B: max (ms)', digits: 1 },
    { key: 'keystrokes', label: 'keystrokes typed', digits: 0 },
    { key: 'arrived', label: 'keystrokes seen on B', digits: 0 },
    { key: 'clockOffsetMs', label: 'clock of B − clock of A, measured (ms)', digits: 2 },
    { key: 'clockOffsetErrorMs', label: 'that measurement\'s uncertainty, ± (ms)', digits: 2 },
    { key: 'otherEditsPerSecond', label: 'other clients\' edits (per second, all 8)', digits: 1 },
    ...(notices
      ? [
          { key: 'noticeEvents', label: 'anecdotes and sign-offs made for notices', digits: 0 },
          { key: 'noticesAnnounced', label: 'notice lines announced on B', digits: 0 },
        ]
      : []),
  ],

  async run(kind, ctx) {
    const { keystrokes } = load(ctx.quick);
    const expected = Array.from({ length: keystrokes }, (_, i) => LETTERS[i % LETTERS.length] ?? 'x').join('');
    const dataDir = makeDataDir('keystroke-latency');
    let server: ServerProcess | null = null;
    let chromium: TestBrowser | null = null;
    let clients: BenchClient[] = [];
    let background: ReturnType<typeof startBackgroundTyping> | null = null;
    let noticeMaker: ReturnType<typeof startNoticeMaker> | null = null;
    let salesClient: BenchClient | null = null;
    try {
      server = await startServer(kind, { dataDir, logName: `${kind}-keystroke-latency` });
      const token = server.params['token'];
      if (token === undefined) throw new Error('keystroke-latency needs the project server, which issues tokens');
      const persona = await server.createPersona(PERSONA);
      clients = await connectAll(server, Array.from({ length: OTHER_CLIENTS }, () => persona), 30_000);
      const [seeder] = clients;
      if (!seeder) throw new Error('keystroke-latency needs its node clients');
      // The paragraph page A types into, written before anyone else adds paragraphs to the section.
      appendParagraph(seeder.doc, ANCHOR);
      background = startBackgroundTyping(clients);

      chromium = await launchChromium();
      const pages = [];
      for (const participant of [WRITER, WATCHER]) {
        const context = await newPersonContext(chromium.browser, server.httpUrl, { token, participant, bypassCSP: true });
        const page = await context.newPage();
        await page.addInitScript({ content: readyProbeScript(ANCHOR) });
        await page.goto(`/p/${persona}`, { waitUntil: 'commit' });
        pages.push(page);
      }
      const [writer, watcher] = pages;
      if (!writer || !watcher) throw new Error('keystroke-latency needs two pages');
      for (const page of pages) await readReadyTimes(page, 30_000);
      await watcher.evaluate(arrivalProbe(ANCHOR, expected));
      if (notices) {
        if (!(await watcher.evaluate(NOTICE_PROBE))) throw new Error('page B has no live notices region');
        // Unseen: the pages' own member does it, and nobody is told of their own doing.
        salesClient = connectClient(server, persona, unseen ? server.params : await server.newEditor('Bench sales', 'sales'));
        await salesClient.synced();
        noticeMaker = startNoticeMaker(salesClient);
      }
      await writer.evaluate(KEYDOWN_PROBE);
      await writer.locator('[data-section="summary"] .ProseMirror p', { hasText: ANCHOR }).first().click();
      await writer.keyboard.press('End');
      const clockOffset = await clockOffsetMs(writer, watcher);
      ctx.log(`${kind}: both pages open and synced; typing ${keystrokes} keys on page A`);

      for (const key of expected) {
        await writer.keyboard.type(key);
        await sleep(KEY_INTERVAL_MS);
      }
      let arrivals = await readArrivals(watcher);
      const deadline = performance.now() + ARRIVAL_TIMEOUT_MS;
      while (arrivals.times.length < keystrokes && arrivals.mismatch === null && performance.now() < deadline) {
        await sleep(100);
        arrivals = await readArrivals(watcher);
      }
      const other = background.stop();
      background = null;
      const noticeEvents = noticeMaker?.stop() ?? 0;
      noticeMaker = null;
      const noticesAnnounced = notices ? ((await watcher.evaluate('window.__liveNotices')) as number) : 0;
      const keydowns = await readKeydowns(writer);
      if (keydowns.length !== keystrokes) {
        throw new Error(`page A saw ${keydowns.length} keydowns for ${keystrokes} keys typed`);
      }
      if (arrivals.mismatch !== null) {
        throw new Error(
          `page B's paragraph differs from what A typed at key ${arrivals.mismatch.at + 1}: "${arrivals.mismatch.typed}"`,
        );
      }
      const latencies = arrivals.times.map((at, i) => at - (keydowns[i] ?? Number.NaN));
      ctx.log(`${kind}: ${arrivals.times.length}/${keystrokes} keys seen on page B; p95 ${fmt(percentile(latencies, 95))} ms`);
      const notes: string[] = [];
      if (arrivals.times.length < keystrokes) {
        notes.push(`${keystrokes - arrivals.times.length} of ${keystrokes} keystrokes never showed on page B`);
      }
      return {
        figures: {
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          max: percentile(latencies, 100),
          keystrokes,
          arrived: arrivals.times.length,
          otherEditsPerSecond: other.perSecond,
          clockOffsetMs: clockOffset.offset,
          clockOffsetErrorMs: clockOffset.error,
          ...(notices ? { noticeEvents, noticesAnnounced } : {}),
        },
        notes,
      };
    } finally {
      background?.stop();
      noticeMaker?.stop();
      salesClient?.destroy();
      for (const client of clients) client.destroy();
      await chromium?.close();
      await server?.stop();
      removeDataDir(dataDir);
    }
  },

  targets(project) {
    const p95 = num(project, 'p95');
    const complete = num(project, 'arrived') === num(project, 'keystrokes');
    return [
      {
        description: `client: keystroke to remote screen${notices ? ' with live notices' : ''} p95 ≤ ${TARGET_P95_MS} ms`,
        met: p95 === null ? null : p95 <= TARGET_P95_MS && complete,
        detail:
          `p95 ${fmt(p95)} ms, p50 ${fmt(num(project, 'p50'))} ms; ${fmt(num(project, 'arrived'), 0)} of ` +
          `${fmt(num(project, 'keystrokes'), 0)} keystrokes seen on the other page`,
      },
    ];
  },
};
}
