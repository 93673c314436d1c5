// What one peer transaction did, as the activity words it: a writer's doc sends its updates to a
// "server" doc whose roots nobody typed, as the room's are when a persona is loaded.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changesOf, EXCERPT_MAX, type ActivityChange } from '../../../server/activity/changes.ts';
import { addEvidence, deleteEvidence, updateEvidence } from '../../../shared/persona/evidence.ts';
import { getProfile, getSignoff, getTargets } from '../../../shared/persona/schema.ts';
import { signOffSection } from '../../../shared/persona/signoff.ts';
import { setThreadResolved, startThread } from '../../../shared/persona/threads.ts';
import { appendParagraph } from '../../helpers/persona.ts';

/** A writer and the server's doc, and what the server saw of each of the writer's transactions. */
function pair() {
  const writer = new Y.Doc();
  const server = new Y.Doc();
  const seen: ActivityChange[][] = [];
  server.on('afterTransaction', (tr: Y.Transaction) => seen.push(changesOf(server, tr)));
  writer.on('update', (update: Uint8Array) => Y.applyUpdate(server, update));
  return { writer, seen };
}

const ITEM = { kind: 'quote' as const, text: 'We need it by Q3', source: 'Call', section: 'goals' as const };
const BY = { author: 'Sam', side: 'sales' as const };

describe('changesOf', () => {
  it('words profile, section and target edits as edited, one per section', () => {
    const { writer, seen } = pair();
    writer.transact(() => {
      getProfile(writer).set('name', 'Ana');
      appendParagraph(writer, 'goals', 'One');
      appendParagraph(writer, 'goals', 'Two');
    });
    getTargets(writer).push([new Y.Map<unknown>([['metric', 'winRate']])]);
    expect(seen).toEqual([
      [
        { type: 'edited', detail: { section: 'profile' } },
        { type: 'edited', detail: { section: 'goals' } },
      ],
      [{ type: 'edited', detail: { section: 'targets' } }],
    ]);
  });

  it('words evidence added, changed and removed, the removed item read before it is collected', () => {
    const { writer, seen } = pair();
    const [item] = addEvidence(writer, [{ ...ITEM, text: 'x'.repeat(EXCERPT_MAX + 10) }], BY);
    const id = item?.id ?? '';
    updateEvidence(writer, id, { ...ITEM, text: 'We need it by Q3' });
    deleteEvidence(writer, new Set([id]));
    const detail = { id, evidenceId: id, side: 'sales', kind: 'quote', section: 'goals', mentions: [] };
    const long = `${'x'.repeat(EXCERPT_MAX - 1)}…`;
    expect(seen).toEqual([
      [{ type: 'evidence-added', detail: { ...detail, text: long, excerpt: long } }],
      [{ type: 'edited', detail: { section: 'evidence' } }],
      [{ type: 'evidence-removed', detail: { ...detail, text: 'We need it by Q3', excerpt: 'We need it by Q3' } }],
    ]);
  });

  it('words threads started and resolved, not reopened', () => {
    const { writer, seen } = pair();
    const thread = startThread(writer, 'pains', { text: 'True?', author: 'Ana', side: 'marketing' });
    setThreadResolved(writer, thread.id, true);
    setThreadResolved(writer, thread.id, false);
    const detail = { thread: thread.id, threadId: thread.id, section: 'pains' };
    expect(seen).toEqual([
      [{ type: 'thread-started', detail: { ...detail, excerpt: 'True?', mentions: [] } }],
      [{ type: 'resolved', detail }],
      [],
    ]);
  });

  it('words sign-offs: signed, signed again in place, withdrawn, whatever the key', () => {
    const { writer, seen } = pair();
    signOffSection(writer, 'goals', { by: 'Sam', side: 'sales' });
    writer.transact(() => getSignoff(writer).get('goals:sales')?.set('at', new Date().toISOString()));
    writer.transact(() => getSignoff(writer).delete('goals:sales'));
    writer.transact(() => getSignoff(writer).set('target:t1:marketing', new Y.Map()));
    const goals = { key: 'goals:sales', section: 'goals', side: 'sales' };
    expect(seen).toEqual([
      [{ type: 'signed-off', detail: goals }],
      [{ type: 'signed-off', detail: goals }],
      [{ type: 'sign-off-withdrawn', detail: goals }],
      [{ type: 'signed-off', detail: { key: 'target:t1:marketing', side: 'marketing' } }],
    ]);
  });

  it('ignores roots outside the persona\'s shape', () => {
    const { writer, seen } = pair();
    writer.getMap('elsewhere').set('a', 1);
    expect(seen).toEqual([[]]);
  });
});
