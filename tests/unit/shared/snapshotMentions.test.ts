// Issue 17: a published version, the library and the PDF show mentions in evidence notes by name,
// frozen as they were read, never as tokens.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addEvidence } from '../../../shared/persona/evidence.ts';
import { mentionsAsNames, readPersonaSnapshot } from '../../../shared/persona/snapshot.ts';

const directory = new Map([['m-ana', { name: 'Ana', team: 'marketing' as const }]]);

describe('mentions in a snapshot', () => {
  it('writes member and team tokens as names, and an unknown member as such', () => {
    expect(mentionsAsNames('Ask @[m:m-ana], @[team:sales] and @[m:m-x]', directory)).toBe('Ask @Ana, @sales and @Unknown member');
    expect(mentionsAsNames('plain @ text', directory)).toBe('plain @ text');
  });

  it('freezes evidence notes with names', () => {
    const doc = new Y.Doc();
    addEvidence(doc, [{ kind: 'anecdote', text: 'Heard it, @[m:m-ana]', source: 'Call', section: 'pains' }], { author: 'Sam', side: 'sales' });
    expect(readPersonaSnapshot(doc, directory).snapshot.evidence.map((item) => item.text)).toEqual(['Heard it, @Ana']);
  });
});
