// Mentions are stored as tokens (shared/feedback/mentions.ts) and typed and read as `@Name`: the
// conversion both ways, by the member directory.
import { mentionToken, splitMentions } from '../../../../shared/feedback/mentions.ts';
import type { MentionTarget } from '../../../../shared/feedback/mentions.ts';

export const TEAM_HANDLES = { marketing: '@marketing', sales: '@sales' } as const;

export interface DirectoryMember {
  id: string;
  name: string;
  team: string;
  /** False for a member whose access is suspended: named, not offered. */
  active?: boolean;
}

/** Who the stored text can name: members (the active ones offered in the picker) and former ones (shown as such). */
export interface MentionDirectory {
  members: readonly DirectoryMember[];
  former: readonly DirectoryMember[];
}

export const EMPTY_DIRECTORY: MentionDirectory = { members: [], former: [] };

/** How a mention reads: the member's current name, or what is known of them. */
export type MentionLabel = { kind: 'member'; name: string } | { kind: 'former'; name: string } | { kind: 'unknown' } | { kind: 'team'; handle: string };

export function labelOf(target: MentionTarget, directory: MentionDirectory): MentionLabel {
  if (target.kind === 'team') return { kind: 'team', handle: TEAM_HANDLES[target.team] };
  const member = directory.members.find((m) => m.id === target.id);
  if (member) return { kind: 'member', name: member.name };
  const former = directory.former.find((m) => m.id === target.id);
  return former ? { kind: 'former', name: former.name } : { kind: 'unknown' };
}

/** The stored text as typed: each active member's token as `@Name`; others stay tokens, so nothing is lost. */
export function toTyped(stored: string, directory: MentionDirectory): string {
  return splitMentions(stored)
    .map((part) => {
      if (part.kind === 'text') return part.text;
      const label = labelOf(part.target, directory);
      if (label.kind === 'team') return label.handle;
      return label.kind === 'member' ? `@${label.name}` : mentionToken(part.target);
    })
    .join('');
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The typed text as stored: `@Name` of an active member and `@marketing` / `@sales` become tokens. */
export function toStored(typed: string, directory: MentionDirectory): string {
  const handles: { handle: string; token: string }[] = [
    { handle: TEAM_HANDLES.marketing, token: mentionToken({ kind: 'team', team: 'marketing' }) },
    { handle: TEAM_HANDLES.sales, token: mentionToken({ kind: 'team', team: 'sales' }) },
  ];
  const seen = new Set<string>();
  for (const member of directory.members) {
    // Two members of one name: the first in the directory is the one the name stands for.
    if (seen.has(member.name) || member.name.trim() === '') continue;
    seen.add(member.name);
    handles.push({ handle: `@${member.name}`, token: mentionToken({ kind: 'member', id: member.id }) });
  }
  if (!typed.includes('@')) return typed;
  // Longest first, so `@Ana López` is not read as `@Ana` followed by text.
  handles.sort((a, b) => b.handle.length - a.handle.length);
  const pattern = new RegExp(`(${handles.map((h) => escape(h.handle)).join('|')})(?![\\p{L}\\p{N}_])`, 'gu');
  const byHandle = new Map(handles.map((h) => [h.handle, h.token]));
  return typed.replace(pattern, (handle) => byHandle.get(handle) ?? handle);
}

/** The `@query` being typed just before the caret, if any: where its `@` is and what follows it. */
export function mentionQueryAt(typed: string, caret: number): { at: number; query: string } | null {
  const before = typed.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at === -1) return null;
  // An `@` that starts a word, followed by at most two words of a name.
  if (at > 0 && !/\s|[(]/.test(before.charAt(at - 1))) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /\n/.test(query) || /\s\S*\s\S*\s/.test(query) || /^\s/.test(query)) return null;
  return { at, query };
}
