// The PDF renderer's thread: lays out and renders one persona or joint report at a time, off the server's event loop.
import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { buildPdfLayout } from './layout.ts';
import { renderPersonaPdf } from './renderPdf.ts';
import { renderReportPdf } from './renderReport.ts';
import type { RenderJob, RenderRequest, RenderResponse, WorkerSetup } from './renderThread.ts';
import { PROFILE_FIELDS, SECTION_KEYS } from '../../shared/persona/schema.ts';
import type { PersonaSnapshot } from '../../shared/persona/types.ts';

if (!parentPort) throw new Error('server/pdf/worker.ts runs as a worker thread');
const port = parentPort;
if ((workerData as WorkerSetup | undefined)?.lowPriority) lowerThisThreadsPriority();

/**
 * A worker starts while another renders (or before the first request): it renders a blank persona
 * once, so the fonts, the layout engine and the JIT are ready and its first real render is as quick
 * as the next. Requests wait for it.
 */
const warm = warmUp().catch(() => undefined);

port.on('message', (request: RenderRequest) => {
  warm.then(() => render(request)).then(
    (pdf) => port.postMessage({ id: request.id, pdf } satisfies RenderResponse),
    (error: unknown) =>
      port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies RenderResponse),
  );
});

function render(job: RenderJob): Promise<Buffer> {
  if (job.kind === 'report') return renderReportPdf(job.report, job.lang, job.exportedAt);
  return renderPersonaPdf(buildPdfLayout(job.snapshot, job.meta, job.lang));
}

async function warmUp(): Promise<void> {
  const sections = Object.fromEntries(SECTION_KEYS.map((key) => [key, { type: 'doc', content: [] }])) as unknown as PersonaSnapshot['sections'];
  const profile = Object.fromEntries(PROFILE_FIELDS.map((field) => [field, ''])) as unknown as PersonaSnapshot['profile'];
  const blank: PersonaSnapshot = { profile, sections, evidence: [], signoff: {} };
  await renderPersonaPdf(buildPdfLayout(blank, { kind: 'draft', exportedAt: new Date(0).toISOString() }, 'en'));
}

/**
 * The slow lane's thread at the lowest CPU priority (nice 19): on Linux a thread's nice value is its
 * own, set through its thread id (`/proc/thread-self`). It then runs on what the server's other
 * threads leave idle, so a heavy print never slows a normal one down; against other processes the
 * server's share stays the same. Elsewhere the lane is still apart, only not yielding.
 */
function lowerThisThreadsPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId)) setPriority(threadId, constants.priority.PRIORITY_LOW);
  } catch {
    // Not Linux, or no /proc: nothing to lower.
  }
}
