/**
 * The workshop's live notices, gathered: what others do arrives one event at a time, and shows as
 * one brief line per kind, section and side within a few seconds ("3 sales anecdotes added to
 * Pains"). Pure, so that the gathering is tested without a browser.
 */
import type { MemberRef } from '../../../../shared/api.ts';
import type { InboxPlace, LiveNotice, LiveNoticeKind } from '../../../../shared/feedback/api.ts';

/** Notices of one group this close together show as one line. */
export const GATHER_MS = 5_000;
/** How long a line stays after its last notice (paused while the pointer or focus is on the notices). */
export const SHOW_MS = 12_000;
/** At most this many lines; the oldest goes first. */
export const MAX_SHOWN = 4;

export interface NoticeGroup {
  /** Unique among the groups shown (the React key). */
  id: number;
  key: string;
  kind: LiveNoticeKind;
  personaId: string;
  /** Who did it, each once, latest last; the Operator (null) is not listed. */
  actors: MemberRef[];
  /** How many things happened (a notice may carry a gathered `count`). */
  count: number;
  /** Where the line leads: the one item, or the section when there are several. */
  place: InboxPlace;
  detail: Record<string, unknown>;
  updatedAt: number;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** What makes two notices one line: the same kind, on the same section by the same side (and the same kind of evidence). */
export function groupKey({ kind, personaId, detail }: LiveNotice): string {
  return [personaId, kind, text(detail['section']), text(detail['side']), kind === 'evidence-added' ? text(detail['evidenceKind']) : ''].join('\u0000');
}

const countOf = (notice: LiveNotice): number => {
  const count = notice.detail['count'];
  return typeof count === 'number' && Number.isInteger(count) && count > 0 ? count : 1;
};

let nextId = 1;

/** The groups with this notice added: into its group when that one is recent, else as a new line. */
export function gather(groups: readonly NoticeGroup[], notice: LiveNotice, now: number): NoticeGroup[] {
  const key = groupKey(notice);
  const open = groups.find((group) => group.key === key && now - group.updatedAt <= GATHER_MS);
  if (open) {
    const actors = notice.actor ? [...open.actors.filter((a) => a.id !== notice.actor?.id), notice.actor] : open.actors;
    const section = open.place.section;
    const merged: NoticeGroup = {
      ...open,
      actors,
      count: open.count + countOf(notice),
      // Several items: lead to where they are, not to one of them. A newer version replaces the older.
      place: notice.kind === 'published' ? notice.place : { personaId: notice.personaId, ...(section ? { section } : {}) },
      detail: { ...open.detail, ...notice.detail },
      updatedAt: now,
    };
    return [...groups.filter((group) => group !== open), merged];
  }
  const group: NoticeGroup = {
    id: nextId++,
    key,
    kind: notice.kind,
    personaId: notice.personaId,
    actors: notice.actor ? [notice.actor] : [],
    count: countOf(notice),
    place: notice.place,
    detail: notice.detail,
    updatedAt: now,
  };
  return [...groups, group].slice(-MAX_SHOWN);
}

/** The groups still worth showing at `now`. */
export function expire(groups: readonly NoticeGroup[], now: number): NoticeGroup[] {
  const kept = groups.filter((group) => now - group.updatedAt < SHOW_MS);
  return kept.length === groups.length ? (groups as NoticeGroup[]) : kept;
}

/** When the next group expires (ms from `now`), or null when there is none. */
export function nextExpiry(groups: readonly NoticeGroup[], now: number): number | null {
  if (groups.length === 0) return null;
  return Math.max(0, Math.min(...groups.map((group) => group.updatedAt + SHOW_MS - now)));
}

/**
 * The address of a place in the app: a published version in the library, anything else in the
 * workshop, `/p/<id>?section=&thread=&evidence=` (the workshop opens it there).
 */
export function placeHref(place: InboxPlace): string {
  if (place.version !== undefined) return `/library/${encodeURIComponent(place.personaId)}?version=${place.version}`;
  const query = new URLSearchParams();
  if (place.section) query.set('section', place.section);
  if (place.threadId) query.set('thread', place.threadId);
  if (place.evidenceId) query.set('evidence', place.evidenceId);
  const search = query.toString();
  return `/p/${encodeURIComponent(place.personaId)}${search ? `?${search}` : ''}`;
}
