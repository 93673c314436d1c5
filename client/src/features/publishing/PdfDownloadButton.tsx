import { FileDown, LoaderCircle } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { describeError } from '../../api/describeError.ts';
import { useApi } from '../../api/context.tsx';
import { ApiRequestError } from '../../api/http.ts';
import { useLocale, useT } from '../../i18n/index.ts';

type DownloadState = { kind: 'idle' } | { kind: 'rendering' } | { kind: 'done' } | { kind: 'error'; message: string };

export { pdfFilename } from '../../../../shared/api.ts';

/** When the server is busy and says nothing of when to come back. */
const DEFAULT_RETRY_SECONDS = 10;

export interface PdfDownloadButtonProps {
  /** An `…/export.pdf` API path, with its query (e.g. `?version=2`) but without the language. */
  path: string;
  /** The name the file is saved under, e.g. `maria-cfo-v2.pdf`. */
  filename: string;
  className?: string;
}

/** Fetches a PDF with the session's token and saves it; shows progress while the server renders it. */
export function PdfDownloadButton({ path, filename, className = 'button button--small' }: PdfDownloadButtonProps) {
  const t = useT();
  const api = useApi();
  const locale = useLocale();
  const [state, setState] = useState<DownloadState>({ kind: 'idle' });
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  async function download() {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setState({ kind: 'rendering' });
    try {
      const separator = path.includes('?') ? '&' : '?';
      const blob = await api.fetchPdf(`${path}${separator}lang=${locale}`, current.signal);
      if (current.signal.aborted) return;
      saveBlob(blob, filename);
      setState({ kind: 'done' });
    } catch (error) {
      if (current.signal.aborted) return;
      const busy = error instanceof ApiRequestError && error.code === 'unavailable';
      const message = busy
        ? t('pdf.busy', { seconds: error.retryAfterSeconds ?? DEFAULT_RETRY_SECONDS })
        : t('pdf.failed', { reason: describeError(t, error) });
      setState({ kind: 'error', message });
    }
  }

  const rendering = state.kind === 'rendering';
  return (
    <span className="pdf-download" data-testid="pdf-download" data-state={state.kind}>
      <button type="button" className={className} onClick={() => void download()} disabled={rendering} aria-busy={rendering}>
        {rendering ? <LoaderCircle aria-hidden size={16} className="spin" /> : <FileDown aria-hidden size={16} />}
        <span>{rendering ? t('pdf.rendering') : t('pdf.download')}</span>
      </button>
      <span className="pdf-download__status" role="status">
        {state.kind === 'done' ? t('pdf.downloaded') : null}
      </span>
      {state.kind === 'error' ? (
        <span className="pdf-download__error" role="alert">
          {state.message}
        </span>
      ) : null}
    </span>
  );
}

function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
