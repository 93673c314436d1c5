// Issue 17: mentions are typed as `@Name`, stored as tokens, and read with the member's current name.
import { describe, expect, it } from 'vitest';
import { parseMentions } from '../../../shared/feedback/mentions.ts';
import { labelOf, mentionQueryAt, toStored, toTyped } from '../../../client/src/features/mentions/mentionText.ts';
import type { MentionDirectory } from '../../../client/src/features/mentions/mentionText.ts';

const directory: MentionDirectory = {
  members: [
    { id: 'm-ana', name: 'Ana', team: 'marketing', active: true },
    { id: 'm-ana-lopez', name: 'Ana López', team: 'sales', active: true },
    { id: 'm-ben', name: 'Ben Sales', team: 'sales', active: false },
  ],
  former: [{ id: 'm-old', name: 'Olga', team: 'marketing' }],
};

describe('mention text', () => {
  it('stores @Name of a member and @marketing / @sales as tokens, longest name first', () => {
    const stored = toStored('Ask @Ana López and @Ana, cc @sales (not @salesforce)', directory);
    expect(stored).toBe('Ask @[m:m-ana-lopez] and @[m:m-ana], cc @[team:sales] (not @salesforce)');
    expect(parseMentions(stored)).toEqual([
      { kind: 'member', id: 'm-ana-lopez' },
      { kind: 'member', id: 'm-ana' },
      { kind: 'team', team: 'sales' },
    ]);
  });

  it('types back exactly what was typed, so the caret never jumps', () => {
    for (const typed of ['Ask @Ana López and @Ana,', '@marketing: see @Ben Sales', 'no mention at all', '@An']) {
      expect(toTyped(toStored(typed, directory), directory)).toBe(typed);
    }
  });

  it('keeps a token of a former or unknown member as a token while editing, and names them so when read', () => {
    const stored = 'Thanks @[m:m-old] and @[m:m-gone]';
    expect(toTyped(stored, directory)).toBe(stored);
    expect(labelOf({ kind: 'member', id: 'm-old' }, directory)).toEqual({ kind: 'former', name: 'Olga' });
    expect(labelOf({ kind: 'member', id: 'm-gone' }, directory)).toEqual({ kind: 'unknown' });
    expect(labelOf({ kind: 'member', id: 'm-ana' }, { members: [{ id: 'm-ana', name: 'Ana Renamed', team: 'marketing' }], former: [] })).toEqual({ kind: 'member', name: 'Ana Renamed' });
  });

  it('finds the @query being typed before the caret, and nothing inside a word or an email', () => {
    expect(mentionQueryAt('Hello @an', 9)).toEqual({ at: 6, query: 'an' });
    expect(mentionQueryAt('@', 1)).toEqual({ at: 0, query: '' });
    expect(mentionQueryAt('Hello @Ana Ló', 13)).toEqual({ at: 6, query: 'Ana Ló' });
    expect(mentionQueryAt('mail ana@example.com', 20)).toBeNull();
    expect(mentionQueryAt('Hello @an\nthere', 15)).toBeNull();
    expect(mentionQueryAt('no at sign', 10)).toBeNull();
  });
});
