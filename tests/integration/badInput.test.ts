import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CloseCodes, MessageType, SyncMessageType } from '../../shared/protocol.ts';
import { collabUrl, createClientPool, openRawSocket } from '../helpers/clients.ts';
import { createPersona } from '../helpers/http.ts';
import { appendParagraph, sectionText } from '../helpers/persona.ts';
import { removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';
import { readStoredDoc } from '../helpers/store.ts';

const MAX_MESSAGE_BYTES = 64 * 1024;
const pool = createClientPool();
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) });
});
afterEach(() => pool.destroyAll());
afterAll(async () => {
  await t.close();
  removeDataDir(t.dataDir);
});

const frame = (write: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
};

/** A real update from another document, so truncating it breaks a valid structure. */
const realUpdate = (): Uint8Array => {
  const doc = new Y.Doc();
  appendParagraph(doc, 'summary', 'an update that will be cut short, with enough text to cut');
  return Y.encodeStateAsUpdate(doc);
};

const syncFrame = (step: number, payload: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, step);
    encoding.writeVarUint8Array(e, payload);
  });

const badFrames: [string, Uint8Array | string, number][] = [
  ['random garbage', Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]), 1007],
  ['an unknown message type', frame((e) => encoding.writeVarUint(e, 99)), 1007],
  ['an unknown sync step', syncFrame(7, new Uint8Array([0, 0])), 1007],
  ['a frame cut inside its length prefix', syncFrame(SyncMessageType.update, realUpdate()).slice(0, 20), 1007],
  ['a well-framed but truncated update', syncFrame(SyncMessageType.update, realUpdate().slice(0, 25)), 1007],
  ['an empty message', new Uint8Array(0), 1007],
  ['a text frame', 'hello', 1007],
  ['a frame over MAX_MESSAGE_BYTES', new Uint8Array(MAX_MESSAGE_BYTES + 1), CloseCodes.MessageTooLarge.code],
];

describe('S4 bad frames close only their own connection', () => {
  const cases = badFrames.map(([name, data, code]) => ({ name, data, code }));

  it.each(cases)('[S4] $name is closed with the right code while others keep editing, and changes nothing', async ({ data, code }) => {
    // Each frame is sent into a persona of its own, so every case stands alone.
    const personaId = await createPersona(t);
    const a = pool.connect(t, personaId, t.editorToken);
    const b = pool.connect(t, personaId, t.salesToken);
    await Promise.all([a.synced(), b.synced()]);
    const attacker = openRawSocket(collabUrl(t, personaId, t.editorToken));
    await attacker.opened;
    attacker.ws.send(data, { binary: typeof data !== 'string' });
    expect((await attacker.closed).code).toBe(code);

    appendParagraph(a.doc, 'pains', 'edit after the attack');
    await vi.waitFor(() => expect(sectionText(b.doc, 'pains')).toBe('edit after the attack'));
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
    // What the others wrote is stored, and nothing of the bad frame (the cut update wrote a summary).
    await vi.waitFor(async () => expect(sectionText((await readStoredDoc(t.dataDir, personaId)).doc, 'pains')).toBe('edit after the attack'));
    expect(sectionText((await readStoredDoc(t.dataDir, personaId)).doc, 'summary')).toBe('');
    expect(sectionText(b.doc, 'summary')).toBe('');
  });
});
