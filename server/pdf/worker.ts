// The PDF renderer's thread: lays out and renders one persona at a time, off the server's event loop.
import { parentPort } from 'node:worker_threads';
import { buildPdfLayout } from './layout.ts';
import { renderPersonaPdf } from './renderPdf.ts';
import type { RenderRequest, RenderResponse } from './renderThread.ts';

if (!parentPort) throw new Error('server/pdf/worker.ts runs as a worker thread');
const port = parentPort;

port.on('message', (request: RenderRequest) => {
  renderPersonaPdf(buildPdfLayout(request.snapshot, request.meta, request.lang)).then(
    (pdf) => port.postMessage({ id: request.id, pdf } satisfies RenderResponse),
    (error: unknown) =>
      port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies RenderResponse),
  );
});
