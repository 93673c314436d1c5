/**
 * The member's live stream (`GET /api/me/stream`) read with fetch, so that it carries the
 * Authorization header as every API call does (EventSource cannot). Reconnects with backoff when
 * the stream ends or the server cannot be reached; stops for good when the server refuses the
 * credential (401, 403): a new sign-in starts a new stream.
 */
import type { StreamMessage } from '../../../../shared/feedback/api.ts';
import { streamMessageSchema } from '../../../../shared/feedback/api.ts';
import { createEventStreamParser } from './eventStream.ts';

export const LIVE_STREAM_PATH = '/api/me/stream';

export interface LiveStreamOptions {
  /** '' for the same origin. */
  baseUrl?: string;
  getToken: () => string | null;
  onMessage: (message: StreamMessage) => void;
  /** The server refused the credential: the stream is not tried again. */
  onRefused?: (status: number) => void;
  fetch?: typeof globalThis.fetch;
  /** First wait before trying again, doubled on each failure up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/** Opens the stream and keeps it open; returns what closes it. */
export function connectLiveStream({
  baseUrl = '',
  getToken,
  onMessage,
  onRefused,
  fetch = globalThis.fetch.bind(globalThis),
  firstDelayMs = 1_000,
  maxDelayMs = 60_000,
}: LiveStreamOptions): () => void {
  const abort = new AbortController();
  let failures = 0;

  /** Resolves after the backoff (or the server's Retry-After), or at once when stopped. */
  const wait = (retryAfterSeconds: number | null) =>
    new Promise<void>((resolve) => {
      const backoff = Math.min(firstDelayMs * 2 ** failures, maxDelayMs);
      // Jitter, so that tabs a restart disconnected together do not come back together.
      const ms = Math.max(backoff * (0.5 + Math.random() / 2), (retryAfterSeconds ?? 0) * 1000);
      failures += 1;
      const timer = setTimeout(resolve, ms);
      abort.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });

  async function readOnce(): Promise<{ refused: number } | { retryAfterSeconds: number | null }> {
    const token = getToken();
    const response = await fetch(`${baseUrl}${LIVE_STREAM_PATH}`, {
      headers: token ? { authorization: `Bearer ${token}`, accept: 'text/event-stream' } : { accept: 'text/event-stream' },
      credentials: 'same-origin',
      cache: 'no-store',
      signal: abort.signal,
    });
    if (response.status === 401 || response.status === 403) return { refused: response.status };
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      const retryAfter = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
      return { retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : null };
    }
    failures = 0;
    const parser = createEventStreamParser((data) => {
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        return;
      }
      // A message this client does not know (a newer server) is skipped, not fatal.
      const parsed = streamMessageSchema.safeParse(json);
      if (parsed.success) onMessage(parsed.data);
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return { retryAfterSeconds: null };
      parser.push(value);
    }
  }

  void (async () => {
    while (!abort.signal.aborted) {
      let outcome: Awaited<ReturnType<typeof readOnce>> = { retryAfterSeconds: null };
      try {
        outcome = await readOnce();
      } catch {
        // Unreachable or cut off: try again after the backoff.
      }
      if (abort.signal.aborted) return;
      if ('refused' in outcome) return onRefused?.(outcome.refused);
      await wait(outcome.retryAfterSeconds);
    }
  })();

  return () => abort.abort();
}
