// Renders PDFs (a persona's, the joint report's) in worker threads, so a long render never holds up the server's other work.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReportResponse } from '../../shared/api.ts';
import type { Locale } from '../../shared/locale.ts';
import type { PersonaSnapshot } from '../../shared/persona/types.ts';
import type { Logger } from '../logger.ts';
import type { PdfMeta } from './layoutModel.ts';
import { printableSnapshot, printCost } from './printable.ts';

/** What a worker renders: a persona, or the joint report of a period (SPEC §8). */
export type RenderJob =
  | { kind: 'persona'; snapshot: PersonaSnapshot; meta: PdfMeta; lang: Locale }
  | { kind: 'report'; report: ReportResponse; lang: Locale; exportedAt: string };

export type RenderRequest = RenderJob & { id: number };

export type RenderResponse = { id: number; pdf: Uint8Array } | { id: number; error: string };

export interface PdfRenderer {
  /**
   * The PDF of `snapshot`. Requests with the same `key` (persona, version or draft state, language)
   * while one renders are joined into it; a key that failed in the last FAILURE_TTL is refused at once.
   * Rejects with PdfUnavailableError when the queue is full or the render failed or timed out.
   * `snapshot` may be a function reading it: called only when the key is neither joined nor refused,
   * so a repeated request for a hostile draft costs no reading of the document.
   */
  render(key: string, snapshot: PersonaSnapshot | (() => Promise<PersonaSnapshot>), meta: PdfMeta, lang: Locale): Promise<Buffer>;
  /** The joint report's PDF, under the same limits, joining and failure cache as a persona's. */
  renderReport(key: string, report: ReportResponse, lang: Locale): Promise<Buffer>;
  /** The thread ids of the live workers (a retired worker's id never comes back). */
  threads(): number[];
  close(): Promise<void>;
}

/** No PDF now: the renderer is busy, or this one failed or took too long; try again after `retryAfterSeconds`. */
export class PdfUnavailableError extends Error {
  override readonly name = 'PdfUnavailableError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export interface PdfRendererOptions {
  /**
   * Worker threads rendering at once. With two or more, the last is the slow lane: the only one a
   * heavy print (see printCost) ever occupies, at the lowest CPU priority, so the others keep
   * serving normal personas at full speed.
   */
  workers?: number;
  /** A render taking longer is stopped, and its worker replaced. */
  timeoutMs?: number;
  /** Requests waiting for a worker; one more is refused (503). */
  maxQueue?: number;
  /** How long a failed key is refused without rendering it again. */
  failureTtlMs?: number;
  /**
   * A normal print that would wait longer than this for a worker is answered 503 at once, with a
   * Retry-After, rather than after the wait (issue 14: answered within a second).
   */
  maxWaitMs?: number;
}

export const PDF_RENDERER_DEFAULTS = { workers: 2, timeoutMs: 20_000, maxQueue: 8, failureTtlMs: 30_000, maxWaitMs: 1_000 } as const;

/** Normal prints go to any worker (the normal lane first); heavy ones only to the slow lane. */
type Lane = 'normal' | 'slow';

interface Task {
  key: string;
  lane: Lane;
  request: RenderJob;
  resolve(pdf: Buffer): void;
  reject(error: Error): void;
}

/** A job and the lane its cost sends it to. */
interface QueuedJob {
  job: RenderJob;
  lane: Lane;
}

interface Slot {
  worker: Worker;
  lane: Lane;
  task: Task | null;
  timer: NodeJS.Timeout | null;
  /** Not rendered anything yet: its first render also waits for the thread to load the renderer. */
  fresh: boolean;
}

/** What a worker is told at start (`workerData`). */
export interface WorkerSetup {
  /** Render at the lowest CPU priority: the slow lane yields the CPU to the server's other threads. */
  lowPriority: boolean;
}

/** How long, and how many, heavy prints' jobs are kept (a job is bounded by the print limits: some 100 kB). */
const HEAVY_READ_TTL_MS = 10_000;
const HEAVY_READS_KEPT = 8;

/** Added to a fresh worker's first time limit: loading react-pdf and the fonts takes seconds on a busy machine. */
const WORKER_START_MS = 30_000;

/**
 * The worker thread. Built, it is `worker.js`; from the sources (tests, `npm run dev`) it is
 * TypeScript, so the thread first registers tsx's loader, then imports it.
 */
function spawnWorker(setup: WorkerSetup): Worker {
  // A render allocates a lot of short-lived objects: a roomier young generation collects them less often.
  const options = { resourceLimits: { maxYoungGenerationSizeMb: 64 }, workerData: setup };
  // Up one folder and back into pdf/: this file is dist/server/pdf/ in tsc's output, dist/server/chunks/ in the bundle.
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('../pdf/worker.js', import.meta.url), options);
  // The ES module build of tsx's API (its CommonJS build cannot register from an eval'd thread).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const worker = new URL('./worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(worker)}); });`;
  return new Worker(code, { ...options, eval: true });
}

/**
 * A small pool of worker threads, started on demand. Each renders one request at a time under a
 * time limit; a worker that times out, crashes or reports a failed render is terminated and never
 * serves again (a failed render can leave react-pdf's layout engine broken), and a new one takes its
 * place on the next request. Content is made printable (bounded) before it is sent to a worker.
 */
export function createPdfRenderer(logger: Logger, options: PdfRendererOptions = {}): PdfRenderer {
  const { workers, timeoutMs, maxQueue, failureTtlMs, maxWaitMs } = { ...PDF_RENDERER_DEFAULTS, ...options };
  const slowLanes = workers > 1 ? 1 : 0;
  const slots: Slot[] = [];
  const queue: Task[] = [];
  const joined = new Map<string, Promise<Buffer>>();
  const failures = new Map<string, { message: string; until: number }>();
  /**
   * Heavy prints' jobs by key, read recently. Reading a huge document (applying its state, reading
   * the snapshot) holds the server's event loop for 100 ms or more; the key names the same state.
   */
  const heavyReads = new Map<string, QueuedJob & { until: number }>();
  let nextId = 1;
  let closed = false;
  /** A running estimate of one warm render per lane, for the wait ahead of a request and Retry-After. */
  const typicalMs: Record<Lane, number> = { normal: 400, slow: 2_000 };

  /** Workers a task of `lane` may run on. */
  const capacity = (lane: Lane) => (lane === 'slow' && slowLanes > 0 ? slowLanes : workers);
  /** How long a new task of `lane` would wait for a worker: the busy ones and those queued ahead of it. */
  const expectedWaitMs = (lane: Lane) => {
    const ahead = queue.filter((task) => task.lane === lane).length;
    const free = slots.length < workers || slots.some((slot) => slot.task === null && fits(slot, lane));
    return free && ahead === 0 ? 0 : Math.ceil((ahead + 1) / capacity(lane)) * typicalMs[lane];
  };
  const retryAfter = (lane: Lane) => Math.max(1, Math.ceil(expectedWaitMs(lane) / 1000));
  const queued = (lane: Lane) => queue.filter((task) => task.lane === lane).length;
  /** A heavy task only ever runs in the slow lane (or on the only worker there is). */
  const fits = (slot: Slot, lane: Lane) => lane === 'normal' || slot.lane === 'slow' || slowLanes === 0;

  function retire(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slots.splice(slots.indexOf(slot), 1);
    void slot.worker.terminate();
  }

  function finish(slot: Slot, outcome: { pdf: Buffer } | { error: string }, startedAt: number): void {
    const task = slot.task;
    if (!task) return;
    slot.task = null;
    const fresh = slot.fresh;
    slot.fresh = false;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    if ('pdf' in outcome) {
      // A fresh worker's first render also loaded the renderer: not typical.
      if (!fresh) typicalMs[task.lane] = Math.round(typicalMs[task.lane] * 0.8 + (performance.now() - startedAt) * 0.2);
      task.resolve(outcome.pdf);
    } else {
      retire(slot);
      failures.set(task.key, { message: outcome.error, until: Date.now() + failureTtlMs });
      logger.warn({ key: task.key, reason: outcome.error }, 'a PDF could not be rendered; its worker was replaced');
      task.reject(new PdfUnavailableError(outcome.error, Math.ceil(failureTtlMs / 1000)));
    }
    dispatch();
  }

  function dispatch(): void {
    // Every worker starts with the first render, so the others are ready when a long render holds one.
    while (!closed && queue.length > 0 && slots.length < workers) {
      const lane: Lane = slots.filter((slot) => slot.lane === 'slow').length < slowLanes ? 'slow' : 'normal';
      const started: Slot = { worker: spawnWorker({ lowPriority: lane === 'slow' }), lane, task: null, timer: null, fresh: true };
      watch(started);
      // The normal lane is offered work first.
      if (lane === 'slow') slots.push(started);
      else slots.unshift(started);
    }
    for (let index = 0; !closed && index < queue.length; ) {
      const task = queue[index];
      const slot = task && slots.find((candidate) => candidate.task === null && fits(candidate, task.lane));
      if (!task || !slot) {
        index++;
        continue;
      }
      queue.splice(index, 1);
      const id = nextId++;
      const startedAt = performance.now();
      const current = slot;
      current.task = task;
      current.timer = setTimeout(
        () => finish(current, { error: `the PDF took longer than ${Math.round(timeoutMs / 1000)} s to render and was stopped` }, startedAt),
        timeoutMs + (current.fresh ? WORKER_START_MS : 0),
      );
      current.worker.removeAllListeners('message');
      current.worker.on('message', (response: RenderResponse) => {
        if (response.id !== id) return;
        if ('pdf' in response) finish(current, { pdf: Buffer.from(response.pdf.buffer, response.pdf.byteOffset, response.pdf.byteLength) }, startedAt);
        else finish(current, { error: `the PDF could not be rendered: ${response.error}` }, startedAt);
      });
      current.worker.postMessage({ id, ...task.request } satisfies RenderRequest);
    }
  }

  function watch(slot: Slot): void {
    slot.worker.on('error', (err) => {
      logger.error({ err }, 'the PDF renderer failed');
      if (slot.task) finish(slot, { error: 'the PDF renderer failed' }, 0);
      else if (slots.includes(slot)) retire(slot);
    });
    slot.worker.on('exit', (code) => {
      if (slot.task) finish(slot, { error: `the PDF renderer stopped (exit code ${code})` }, 0);
      else if (slots.includes(slot)) retire(slot);
    });
    // An idle renderer does not keep the process alive.
    slot.worker.unref();
  }

  /**
   * Queues the job `makeJob` makes under `key` (it is made only once the key is neither joined nor
   * refused, so reading what to render costs nothing for a repeated request), or joins a running one.
   */
  function enqueue(key: string, makeJob: () => QueuedJob | Promise<QueuedJob>): Promise<Buffer> {
    if (closed) return Promise.reject(new Error('the server is shutting down'));
    const running = joined.get(key);
    if (running) return running;
    const failed = failures.get(key);
    if (failed && failed.until > Date.now()) {
      return Promise.reject(new PdfUnavailableError(failed.message, Math.ceil((failed.until - Date.now()) / 1000)));
    }
    failures.delete(key);
    // Refused before anything is read when even the normal lane cannot take it.
    const refusal = refusalOf('normal');
    if (refusal) return Promise.reject(refusal);
    const accepted = async (): Promise<Buffer> => {
      const kept = heavyReads.get(key);
      const { job, lane } = kept && kept.until > Date.now() ? kept : await makeJob();
      if (closed) throw new Error('the server is shutting down');
      // Others may have queued while it was read.
      const refused = refusalOf(lane);
      if (refused) throw refused;
      const rendered = new Promise<Buffer>((resolve, reject) => queue.push({ key, lane, request: job, resolve, reject }));
      dispatch();
      // Kept from when it rendered: asked again at once, it is not read again (a failed one is refused anyway).
      if (lane === 'slow') rendered.then(() => keepHeavyRead(key, { job, lane }), () => undefined);
      return rendered;
    };
    const result = accepted();
    joined.set(key, result);
    const forget = () => {
      if (joined.get(key) === result) joined.delete(key);
    };
    result.then(forget, forget);
    return result;
  }

  /** Keeps a rendered heavy print's job a while, so a reader asking for it in a loop costs no reading of it. */
  function keepHeavyRead(key: string, read: QueuedJob): void {
    heavyReads.delete(key);
    heavyReads.set(key, { ...read, until: Date.now() + HEAVY_READ_TTL_MS });
    for (const oldest of heavyReads.keys()) {
      if (heavyReads.size <= HEAVY_READS_KEPT) break;
      heavyReads.delete(oldest);
    }
  }

  /** Why a new task of `lane` is refused now (its queue is full, or a normal one would wait past maxWaitMs), if it is. */
  function refusalOf(lane: Lane): PdfUnavailableError | null {
    if (queued(lane) >= maxQueue) return new PdfUnavailableError('the PDF renderer is busy', retryAfter(lane));
    const wait = expectedWaitMs(lane);
    if (lane === 'normal' && wait > maxWaitMs) return new PdfUnavailableError('the PDF renderer is busy', Math.max(1, Math.ceil(wait / 1000)));
    return null;
  }

  return {
    render(key, snapshot, meta, lang) {
      // Bounded here, on the server's thread, so even posting it to a worker stays cheap and shallow;
      // what it will cost is known before a worker takes it.
      return enqueue(key, async () => {
        const printable = printableSnapshot(typeof snapshot === 'function' ? await snapshot() : snapshot);
        return { job: { kind: 'persona', snapshot: printable, meta, lang }, lane: printCost(printable).heavy ? 'slow' : 'normal' };
      });
    },
    renderReport(key, report, lang) {
      // A report's content is bounded by its shape (one row per persona and period).
      return enqueue(key, () => ({ job: { kind: 'report', report, lang, exportedAt: new Date().toISOString() }, lane: 'normal' }));
    },
    threads: () => slots.map((slot) => slot.worker.threadId),
    async close() {
      closed = true;
      const error = new Error('the server is shutting down');
      for (const task of queue.splice(0)) task.reject(error);
      const running = slots.splice(0);
      for (const slot of running) {
        if (slot.timer) clearTimeout(slot.timer);
        slot.task?.reject(error);
        slot.task = null;
      }
      await Promise.all(running.map((slot) => slot.worker.terminate()));
    },
  };
}
