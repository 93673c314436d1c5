import { onTestFinished } from 'vitest';
import * as Y from 'yjs';

const REMOTE = 'remote';

/**
 * Two docs kept in step the way the server relays updates: each update goes to the other doc with a
 * remote origin, so undo managers and origins behave as in two browsers. Destroyed when the test ends.
 */
export function connectedPair(): { local: Y.Doc; remote: Y.Doc } {
  const local = new Y.Doc();
  const remote = new Y.Doc();
  local.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) Y.applyUpdate(remote, update, REMOTE);
  });
  remote.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) Y.applyUpdate(local, update, REMOTE);
  });
  onTestFinished(() => {
    local.destroy();
    remote.destroy();
  });
  return { local, remote };
}
