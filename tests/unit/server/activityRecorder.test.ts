import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { ActivityRecorder } from '../../../server/activity/recorder.ts';
import type { PeerIdentity } from '../../../server/collab/peer.ts';
import type { Activity, RecordedActivity } from '../../../server/storage/storage.ts';
import { getProfile } from '../../../shared/persona/schema.ts';
import { quietLogger } from '../../helpers/server.ts';

describe('the activity recorder', () => {
  afterEach(() => vi.useRealTimers());

  it('writes a busy second in pieces, so no single write holds the event loop for long', async () => {
    // At the capacity scenario's 1,500 editors a second's events were one ~25 ms synchronous transaction.
    // The pieces are written an event-loop turn apart (setImmediate): only the flush timer is faked.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const writes: number[] = [];
    const activity = { recordAll: async (events: readonly RecordedActivity[]) => void writes.push(events.length) } as unknown as Activity;
    const recorder = new ActivityRecorder({ activity, logger: quietLogger(), flushAfterMs: 1_000 });
    const doc = new Y.Doc();
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      const member = String(transaction.origin);
      const identity = { access: { role: 'editor' }, member: { id: member }, author: member } as unknown as PeerIdentity;
      recorder.peerChanged('p1', identity, doc, transaction);
    });
    for (let i = 0; i < 450; i++) doc.transact(() => getProfile(doc).set('name', `n${i}`), `m${i}`);
    await vi.advanceTimersByTimeAsync(1_000);
    await recorder.flush();
    expect(writes).toEqual([200, 200, 50]);
  });
});
