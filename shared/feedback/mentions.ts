/**
 * Mentions in the text of a comment, a reply or an evidence note. They are stored by member id (or
 * team) inside the text itself, so that they travel with it through the Yjs document, and shown with
 * the member's current name:
 *
 *   `@[m:<memberId>]`   one member          `@[team:marketing]` / `@[team:sales]`   a whole team
 *
 * A token whose member no longer exists stays in the text and reads as a former member.
 */
import type { Team } from '../api.ts';

export type MentionTarget = { kind: 'member'; id: string } | { kind: 'team'; team: Exclude<Team, 'other'> };

/** Member ids as the server makes them: the same alphabet as persona ids. */
const TOKEN = /@\[(m:[A-Za-z0-9_-]{1,64}|team:(?:marketing|sales))\]/g;

/** The token that stores a mention in text. */
export function mentionToken(target: MentionTarget): string {
  return target.kind === 'member' ? `@[m:${target.id}]` : `@[team:${target.team}]`;
}

/** Every distinct mention in a text, in the order they first appear. */
export function parseMentions(text: string): MentionTarget[] {
  const seen = new Set<string>();
  const found: MentionTarget[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const body = match[1] ?? '';
    if (seen.has(body)) continue;
    seen.add(body);
    found.push(body.startsWith('m:') ? { kind: 'member', id: body.slice(2) } : { kind: 'team', team: body.slice(5) as 'marketing' | 'sales' });
  }
  return found;
}

/** A piece of text as shown: plain runs and mentions, in order. */
export type MentionPart = { kind: 'text'; text: string } | { kind: 'mention'; target: MentionTarget };

/** Splits a text into plain runs and mentions, for rendering names in place of the tokens. */
export function splitMentions(text: string): MentionPart[] {
  const parts: MentionPart[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const at = match.index;
    if (at > last) parts.push({ kind: 'text', text: text.slice(last, at) });
    const body = match[1] ?? '';
    parts.push({
      kind: 'mention',
      target: body.startsWith('m:') ? { kind: 'member', id: body.slice(2) } : { kind: 'team', team: body.slice(5) as 'marketing' | 'sales' },
    });
    last = at + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
