/**
 * What arrives on the member's live stream (`GET /api/me/stream`), passed on to whoever listens: the
 * header's inbox bell (`inbox`, `unread`) and the workshop's live notices (`notice`). The connection
 * that reads the stream calls `receiveStreamMessage`; listeners never need to know about it.
 */
import type { StreamMessage } from '../../../../shared/feedback/api.ts';

type Listener = (message: StreamMessage) => void;

const listeners = new Set<Listener>();

/** Listens to every message of the stream; returns what stops listening. */
export function onStreamMessage(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Hands one message to every listener (a listener that throws does not stop the others). */
export function receiveStreamMessage(message: StreamMessage): void {
  for (const listener of [...listeners]) {
    try {
      listener(message);
    } catch {
      // A broken listener is its own bug; the others still hear the stream.
    }
  }
}
