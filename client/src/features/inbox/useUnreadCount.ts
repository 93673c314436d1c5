import { useEffect, useState } from 'react';
import { useApi } from '../../api/context.tsx';
import { onStreamMessage } from '../feedback/streamMessages.ts';

/** Asked again this often (and when the window regains focus), in case the live stream is down. */
const POLL_MS = 60_000;

/**
 * The member's unread count: read from the inbox, then kept current by the live stream (`inbox` and
 * `unread` messages) as it happens. Null until first known, or when it cannot be read.
 */
export function useUnreadCount(): number | null {
  const api = useApi();
  const [unread, setUnread] = useState<number | null>(null);

  useEffect(() => {
    let controller = new AbortController();
    const ask = () => {
      controller.abort();
      controller = new AbortController();
      api.getInbox({ limit: 1 }, controller.signal).then(
        (inbox) => setUnread(inbox.unread),
        () => undefined, // the bell keeps its last count; the next poll or message corrects it
      );
    };
    ask();
    const timer = window.setInterval(ask, POLL_MS);
    window.addEventListener('focus', ask);
    const stop = onStreamMessage((message) => {
      if (message.type === 'inbox' || message.type === 'unread') setUnread(message.unread);
    });
    return () => {
      controller.abort();
      window.clearInterval(timer);
      window.removeEventListener('focus', ask);
      stop();
    };
  }, [api]);

  return unread;
}
