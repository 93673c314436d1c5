// Renders persona PDFs in a worker thread, so a long render never holds up the server's other work.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Locale } from '../../shared/locale.ts';
import type { PersonaSnapshot } from '../../shared/persona/types.ts';
import type { Logger } from '../logger.ts';
import type { PdfMeta } from './layoutModel.ts';

export interface RenderRequest {
  id: number;
  snapshot: PersonaSnapshot;
  meta: PdfMeta;
  lang: Locale;
}

export type RenderResponse = { id: number; pdf: Uint8Array } | { id: number; error: string };

export interface PdfRenderer {
  render(snapshot: PersonaSnapshot, meta: PdfMeta, lang: Locale): Promise<Buffer>;
  close(): Promise<void>;
}

interface Pending {
  resolve(pdf: Buffer): void;
  reject(error: Error): void;
}

/**
 * The worker thread. Built, it is `worker.js`; from the sources (tests, `npm run dev`) it is
 * TypeScript, so the thread first registers tsx's loader, then imports it.
 */
function spawnWorker(): Worker {
  // A render allocates a lot of short-lived objects: a roomier young generation collects them less often.
  const options = { resourceLimits: { maxYoungGenerationSizeMb: 64 } };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url), options);
  // The ES module build of tsx's API (its CommonJS build cannot register from an eval'd thread).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const worker = new URL('./worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(worker)}); });`;
  return new Worker(code, { ...options, eval: true });
}

/**
 * One worker thread, started on the first render and kept for the next ones; requests queue in
 * it and are rendered one at a time. A worker that dies fails what it held, and the next render
 * starts a new one.
 */
export function createPdfRenderer(logger: Logger): PdfRenderer {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };

  function start(): Worker {
    const started = spawnWorker();
    started.on('message', (response: RenderResponse) => {
      const waiting = pending.get(response.id);
      if (!waiting) return;
      pending.delete(response.id);
      if ('pdf' in response) waiting.resolve(Buffer.from(response.pdf.buffer, response.pdf.byteOffset, response.pdf.byteLength));
      else waiting.reject(new Error(`the PDF could not be rendered: ${response.error}`));
    });
    started.on('error', (err) => {
      logger.error({ err }, 'the PDF renderer failed');
      failAll(new Error('the PDF renderer failed'));
    });
    started.on('exit', (code) => {
      if (worker === started) worker = null;
      if (pending.size > 0) failAll(new Error(`the PDF renderer stopped (exit code ${code})`));
    });
    // An idle renderer does not keep the process alive.
    started.unref();
    return started;
  }

  return {
    render(snapshot, meta, lang) {
      worker ??= start();
      const id = nextId++;
      const request: RenderRequest = { id, snapshot, meta, lang };
      const result = new Promise<Buffer>((resolve, reject) => pending.set(id, { resolve, reject }));
      worker.postMessage(request);
      return result;
    },
    async close() {
      const running = worker;
      worker = null;
      failAll(new Error('the server is shutting down'));
      if (running) await running.terminate();
    },
  };
}
