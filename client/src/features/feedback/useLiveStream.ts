import { useEffect } from 'react';
import { useSession } from '../../session/context.tsx';
import { connectLiveStream } from './liveStream.ts';
import { receiveStreamMessage } from './streamMessages.ts';

/** One live stream per signed-in member, for the whole app (the bell, the workshop's notices). */
export function useLiveStream(): void {
  const memberId = useSession((s) => s.me?.member?.id ?? null);
  const token = useSession((s) => s.token);
  useEffect(() => {
    if (memberId === null) return;
    return connectLiveStream({ getToken: () => token, onMessage: receiveStreamMessage });
  }, [memberId, token]);
}
