import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Attribution, getAuthorsMap } from '../../../shared/persona/authors.ts';
import { addEvidence, readEvidence } from '../../../shared/persona/evidence.ts';
import { evidenceCounts } from '../../../shared/persona/readPersona.ts';
import { writeFragmentFromJSON } from '../../../shared/persona/richText.ts';
import { getSection } from '../../../shared/persona/schema.ts';
import { readCountedSignoffs, readSignoffs, signOffSection } from '../../../shared/persona/signoff.ts';
import { readThreads, replyToThread, startThread } from '../../../shared/persona/threads.ts';
import type { RichTextDoc } from '../../../shared/persona/types.ts';
import { indexEntryOf } from '../../../server/persona/indexEntry.ts';
import { ADA, DIRECTORY, LEGACY_CLIENT, MARA, OPERATOR, recordEveryone, SAM, writeAs } from './authored.ts';

const FINDING = { kind: 'metric', text: 'Churn is 4%', source: 'CRM', section: 'pains' } as const;
const PAINS: RichTextDoc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Legal takes weeks' }] }] };

function authoredDoc(): Y.Doc {
  const doc = recordEveryone(new Y.Doc());
  writeAs(doc, LEGACY_CLIENT, () => writeFragmentFromJSON(getSection(doc, 'pains'), PAINS));
  return doc;
}

const attributionOf = (doc: Y.Doc) => Attribution.of(doc, DIRECTORY);

describe('[§6] evidence read with attribution', () => {
  it("[§6] gives an item its author's name and team, whatever side and name it states", () => {
    const doc = authoredDoc();
    writeAs(doc, MARA.clientId, () => addEvidence(doc, [FINDING], { author: 'Sam', side: 'sales' }));
    const [item] = readEvidence(doc, attributionOf(doc)).items;
    expect(item).toMatchObject({ author: 'Mara', side: 'marketing', authorId: MARA.id, verified: true });
    // Read without attribution, the stated text is all there is.
    expect(readEvidence(doc).items[0]).toMatchObject({ author: 'Sam', side: 'sales' });
  });

  it('[§6] leaves out items by members of team other, keeps the Operator’s stated side, marks legacy items unverified', () => {
    const doc = authoredDoc();
    writeAs(doc, ADA.clientId, () => addEvidence(doc, [{ ...FINDING, text: 'by Ada' }], { author: 'Ada', side: 'marketing' }));
    writeAs(doc, OPERATOR.clientId, () => addEvidence(doc, [{ ...FINDING, text: 'imported' }], { author: 'CRM import', side: 'sales' }));
    writeAs(doc, LEGACY_CLIENT, () => addEvidence(doc, [{ ...FINDING, text: 'old' }], { author: 'Old Ana', side: 'marketing' }));
    const { items, skipped } = readEvidence(doc, attributionOf(doc));
    expect(skipped).toBe(0);
    expect(items.map(({ text, author, side, verified }) => ({ text, author, side, verified }))).toEqual([
      { text: 'imported', author: 'CRM import', side: 'sales', verified: true },
      { text: 'old', author: 'Old Ana', side: 'marketing', verified: false },
    ]);
  });

  it('[§6] ignores an authors entry a participant wrote under their own client id', () => {
    const doc = authoredDoc();
    // Client 505 claims to be Sam in the authors root: not the server's record, so ignored.
    writeAs(doc, LEGACY_CLIENT, () => getAuthorsMap(doc).set(String(LEGACY_CLIENT), SAM.id));
    writeAs(doc, LEGACY_CLIENT, () => addEvidence(doc, [FINDING], { author: 'Sam', side: 'sales' }));
    expect(readEvidence(doc, attributionOf(doc)).items[0]).toMatchObject({ author: 'Sam', authorId: null, verified: false });
  });

  it("[§6] counts evidence by the author's team, for the balance and the persona list alike", () => {
    const doc = authoredDoc();
    writeAs(doc, MARA.clientId, () => addEvidence(doc, [FINDING, FINDING], { author: 'Mara', side: 'sales' }));
    writeAs(doc, SAM.clientId, () => addEvidence(doc, [FINDING], { author: 'Sam', side: 'sales' }));
    writeAs(doc, ADA.clientId, () => addEvidence(doc, [FINDING], { author: 'Ada', side: 'sales' }));
    expect(evidenceCounts(doc)).toEqual({ marketing: 0, sales: 4 });
    expect(evidenceCounts(doc, attributionOf(doc))).toEqual({ marketing: 2, sales: 1 });
    expect(indexEntryOf('p', doc, new Date(), DIRECTORY).evidence).toEqual({ marketing: 2, sales: 1 });
  });
});

describe('[§6] threads read with attribution', () => {
  it('[§6] names each thread and reply by the member who wrote it', () => {
    const doc = authoredDoc();
    const thread = writeAs(doc, SAM.clientId, () => startThread(doc, 'pains', { text: 'Is this true?', author: 'Sam', side: 'sales' }));
    writeAs(doc, MARA.clientId, () => replyToThread(doc, thread.id, { text: 'Yes, says Sam', author: 'Sam', side: 'sales' }));
    writeAs(doc, ADA.clientId, () => replyToThread(doc, thread.id, { text: 'Admin here', author: 'CEO', side: 'sales' }));
    writeAs(doc, LEGACY_CLIENT, () => replyToThread(doc, thread.id, { text: 'Long ago', author: 'Old Ben', side: 'sales' }));
    const [read] = readThreads(doc, attributionOf(doc)).threads;
    expect(read).toMatchObject({ author: 'Sam', side: 'sales', team: 'sales', authorId: SAM.id, verified: true });
    expect(read?.replies.map(({ author, team, verified }) => ({ author, team, verified }))).toEqual([
      { author: 'Mara', team: 'marketing', verified: true },
      { author: 'Ada', team: 'other', verified: true },
      { author: 'Old Ben', team: 'sales', verified: false },
    ]);
    expect(read?.replies[0]?.side).toBe('marketing');
  });
});

describe('[§6] sign-offs read with attribution', () => {
  it('[§6] counts a sign-off only when its writer is on that side, named as the member', () => {
    const doc = authoredDoc();
    writeAs(doc, SAM.clientId, () => signOffSection(doc, 'pains', { by: 'CEO Jane Doe', side: 'sales' }));
    writeAs(doc, SAM.clientId, () => signOffSection(doc, 'goals', { by: 'Sam', side: 'marketing' }));
    const signoffs = readSignoffs(doc, attributionOf(doc));
    expect(signoffs.pains.sales).toMatchObject({ state: 'current', by: 'Sam' });
    expect(signoffs.goals.marketing).toEqual({ state: 'missing' });
    expect(signoffs.goals.status).toBe('unsigned');
    // Unattributed, the forged one would have counted.
    expect(readSignoffs(doc).goals.marketing.state).toBe('current');
  });

  it("[§6] asks a side to sign again for a sign-off from before members; the Operator's counts for neither side", () => {
    const doc = authoredDoc();
    writeAs(doc, LEGACY_CLIENT, () => signOffSection(doc, 'pains', { by: 'Old Ana', side: 'marketing' }));
    writeAs(doc, OPERATOR.clientId, () => signOffSection(doc, 'pains', { by: 'Operator', side: 'sales' }));
    const { pains } = readSignoffs(doc, attributionOf(doc));
    expect(pains).toEqual({ marketing: { state: 'missing', signAgain: true }, sales: { state: 'missing' }, status: 'unsigned' });
    expect([...readCountedSignoffs(doc, attributionOf(doc)).signAgain]).toEqual(['pains:marketing']);
  });

  it('[§6] does not count a genuine sign-off someone of the other team overwrote a field of', () => {
    const doc = authoredDoc();
    writeAs(doc, MARA.clientId, () => signOffSection(doc, 'pains', { by: 'Mara', side: 'marketing' }));
    const map = doc.getMap<Y.Map<unknown>>('signoff').get('pains:marketing');
    writeAs(doc, SAM.clientId, () => map?.set('by', 'Sam'));
    expect(readSignoffs(doc, attributionOf(doc)).pains.marketing).toEqual({ state: 'missing' });
  });
});
