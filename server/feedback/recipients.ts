/**
 * Who an event concerns, and as what (issue 17). Pure: the members, who works on the persona and
 * the event in; one kind per member out (a mention outranks a reply in the same thread). Every id
 * comes from the server (the event's actor and the details the activity derives from attribution),
 * never from text a client wrote; a mention of an id that is no member delivers nothing.
 *
 * Only editors and admins who are members now receive items: viewers read the library only and
 * have no inbox, removed or inactive members none either, and nobody is told of what they did.
 *
 *   mention            the member, or every member of the team
 *   reply              the thread's author and those who replied before
 *   signoff-requested  the asked team
 *   evidence-added     the other team's members who work on the persona (any activity on it)
 *   signoff-stale      the members who had signed the section
 *   published          everyone who works on the persona
 *   target-met         the members who signed the target
 */
import { INBOX_KINDS, type InboxKind } from '../../shared/feedback/api.ts';
import type { MentionTarget } from '../../shared/feedback/mentions.ts';
import { roleAllows } from '../../shared/protocol.ts';
import type { MemberRecord } from '../storage/storage.ts';
import type { FeedbackEvent } from './bus.ts';

export interface Concerned {
  memberId: string;
  kind: InboxKind;
}

/** Who may have an inbox: an active editor or admin, not removed. */
export function hasInbox(member: Pick<MemberRecord, 'active' | 'removedAt' | 'role'>): boolean {
  return member.active && member.removedAt === null && roleAllows(member.role, 'editor');
}

/** Each member the event concerns, once, with the kind of item it is for them. */
export function recipientsOf(event: FeedbackEvent, members: readonly MemberRecord[], workers: ReadonlySet<string>): Concerned[] {
  const byId = new Map(members.filter((m) => hasInbox(m) && m.id !== event.actorId).map((m) => [m.id, m]));
  const concerned = new Map<string, InboxKind>();
  const add = (kind: InboxKind, ids: Iterable<string>) => {
    for (const id of ids) if (byId.has(id) && !concerned.has(id)) concerned.set(id, kind);
  };
  const teamOf = (team: string) => [...byId.values()].filter((m) => m.team === team).map((m) => m.id);
  const { detail } = event;
  switch (event.type) {
    case 'thread-started':
    case 'replied':
    case 'evidence-added':
      for (const target of mentionsOf(detail.mentions)) add('mention', target.kind === 'member' ? [target.id] : teamOf(target.team));
      if (event.type === 'replied') add('reply', [...strings(detail.threadAuthor), ...strings(detail.participants)]);
      if (event.type === 'evidence-added') {
        const side = detail.side;
        add('evidence-added', [...byId.values()].filter((m) => m.team !== side && m.team !== 'other' && workers.has(m.id)).map((m) => m.id));
      }
      break;
    case 'signoff-requested':
      if (detail.team === 'marketing' || detail.team === 'sales') add('signoff-requested', teamOf(detail.team));
      break;
    case 'signoff-stale':
      add('signoff-stale', strings(detail.signers));
      break;
    case 'published':
      add('published', workers);
      break;
    case 'target-met':
      add('target-met', strings(detail.signers));
      break;
    default:
      break;
  }
  return [...concerned].map(([memberId, kind]) => ({ memberId, kind }));
}

export function isInboxKind(value: unknown): value is InboxKind {
  return (INBOX_KINDS as readonly unknown[]).includes(value);
}

/** Mentions as the server parsed them; anything else in the field is ignored. */
function mentionsOf(value: unknown): MentionTarget[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown): MentionTarget[] => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { kind, id, team } = entry as Record<string, unknown>;
    if (kind === 'member' && typeof id === 'string') return [{ kind, id }];
    if (kind === 'team' && (team === 'marketing' || team === 'sales')) return [{ kind, team }];
    return [];
  });
}

/** A string or a list of strings, as ids. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
