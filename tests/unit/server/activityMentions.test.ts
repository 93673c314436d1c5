// Issue 17: what the server writes into thread-started / replied / evidence-added details for the
// inbox — mentions parsed from the whole text, and authors from its own records (SPEC §6), never
// from what a client stored.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changesOf, EXCERPT_MAX, type ActivityChange } from '../../../server/activity/changes.ts';
import { Authorship } from '../../../server/collab/authorship.ts';
import { mentionToken } from '../../../shared/feedback/mentions.ts';
import { anchorBetween } from '../../../shared/persona/anchors.ts';
import { addEvidence } from '../../../shared/persona/evidence.ts';
import { getComments, getSection } from '../../../shared/persona/schema.ts';
import { replyToThread, startThread } from '../../../shared/persona/threads.ts';
import { appendParagraph } from '../../helpers/persona.ts';

/** The server's doc with its authorship records, and writers that each send as one member. */
function room() {
  const server = new Y.Doc();
  const authorship = new Authorship(server);
  const seen: ActivityChange[] = [];
  server.on('afterTransaction', (tr: Y.Transaction) => seen.push(...changesOf(server, tr)));
  const writer = (memberId: string, clientId: number): Y.Doc => {
    const doc = new Y.Doc();
    doc.clientID = clientId;
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'from-server') return;
      const verdict = authorship.check(Y.decodeUpdate(update), memberId);
      if (verdict.kind !== 'accept') throw new Error(verdict.reason);
      authorship.claim(verdict.claims, memberId, null);
      Y.applyUpdate(server, update);
    });
    return doc;
  };
  const sync = (...docs: Y.Doc[]) => {
    for (const doc of docs) Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)), 'from-server');
  };
  return { server, seen, writer, sync };
}

const ana = { id: 'mem-ana', client: 1001 };
const luis = { id: 'mem-luis', client: 2002 };
const sam = { id: 'mem-sam', client: 3003 };

describe('[issue 17] activity details for feedback', () => {
  it('parses mentions from the whole text of a thread, however long, and keeps the excerpt short', () => {
    const { seen, writer } = room();
    const anaDoc = writer(ana.id, ana.client);
    const text = `${'Look at this. '.repeat(12)}${mentionToken({ kind: 'member', id: luis.id })} and ${mentionToken({ kind: 'team', team: 'sales' })}`;
    expect(text.length).toBeGreaterThan(EXCERPT_MAX);
    const thread = startThread(anaDoc, 'pains', { text, author: 'Ana', side: 'marketing' });
    const started = seen.find((change) => change.type === 'thread-started');
    expect(started?.detail).toMatchObject({
      thread: thread.id,
      threadId: thread.id,
      section: 'pains',
      mentions: [
        { kind: 'member', id: luis.id },
        { kind: 'team', team: 'sales' },
      ],
    });
    const excerpt = String(started?.detail['excerpt']);
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX);
    expect(excerpt).not.toMatch(/@\[[^\]]*$/);
  });

  it('names the thread author and earlier repliers from the server records, not from the names a client stored', () => {
    const { seen, writer, sync } = room();
    const anaDoc = writer(ana.id, ana.client);
    const luisDoc = writer(luis.id, luis.client);
    const samDoc = writer(sam.id, sam.client);
    // Ana claims in the text to be Luis; the server knows better.
    const thread = startThread(anaDoc, 'goals', { text: 'Who asked for this?', author: 'Luis', side: 'sales' });
    // A list of mentions stored by a client is not what the server reads.
    getComments(anaDoc).get(0).set('mentions', [{ kind: 'member', id: sam.id }]);
    sync(luisDoc, samDoc);
    replyToThread(luisDoc, thread.id, { text: `Me, ask ${mentionToken({ kind: 'member', id: sam.id })}`, author: 'Ana', side: 'marketing' });
    sync(samDoc);
    replyToThread(samDoc, thread.id, { text: 'Confirmed.', author: 'Sam', side: 'sales' });
    sync(anaDoc);
    replyToThread(anaDoc, thread.id, { text: 'Thanks both.', author: 'Ana', side: 'marketing' });

    const started = seen.find((change) => change.type === 'thread-started');
    expect(started?.detail['mentions']).toEqual([]);
    const replies = seen.filter((change) => change.type === 'replied').map((change) => change.detail);
    expect(replies).toEqual([
      { thread: thread.id, threadId: thread.id, section: 'goals', excerpt: `Me, ask @[m:${sam.id}]`, mentions: [{ kind: 'member', id: sam.id }], threadAuthor: ana.id, participants: [] },
      { thread: thread.id, threadId: thread.id, section: 'goals', excerpt: 'Confirmed.', mentions: [], threadAuthor: ana.id, participants: [luis.id] },
      { thread: thread.id, threadId: thread.id, section: 'goals', excerpt: 'Thanks both.', mentions: [], threadAuthor: ana.id, participants: [luis.id, sam.id] },
    ]);
  });

  it('gives no thread author for a thread written before members (no server record)', () => {
    const { server, seen, writer, sync } = room();
    const old = startThread(server, 'goals', { text: 'Old thread', author: 'Somebody', side: 'sales' });
    const luisDoc = writer(luis.id, luis.client);
    sync(luisDoc);
    replyToThread(luisDoc, old.id, { text: 'Still true.', author: 'Luis', side: 'sales' });
    expect(seen.find((change) => change.type === 'replied')?.detail).toMatchObject({ threadAuthor: null, participants: [] });
  });

  it('says which words an anchored thread is on', () => {
    const { server, seen, writer, sync } = room();
    appendParagraph(server, 'pains', 'a cheap plan');
    const anaDoc = writer(ana.id, ana.client);
    sync(anaDoc);
    const text = (getSection(anaDoc, 'pains').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    startThread(anaDoc, 'pains', { text: 'Cheap?', author: 'Ana', side: 'marketing' }, { anchor: anchorBetween({ type: text, index: 2 }, { type: text, index: 7 }, 'cheap') });
    expect(seen.find((change) => change.type === 'thread-started')?.detail).toMatchObject({ section: 'pains', quote: 'cheap', excerpt: 'Cheap?' });
  });

  it('parses mentions from an evidence note and names the item', () => {
    const { seen, writer } = room();
    const samDoc = writer(sam.id, sam.client);
    const [item] = addEvidence(samDoc, [{ kind: 'anecdote', text: `Heard at a demo, ${mentionToken({ kind: 'team', team: 'marketing' })}`, source: 'Demo', section: 'pains' }], { author: 'Sam', side: 'sales' });
    expect(seen.find((change) => change.type === 'evidence-added')?.detail).toMatchObject({
      evidenceId: item?.id,
      section: 'pains',
      mentions: [{ kind: 'team', team: 'marketing' }],
    });
  });
});
