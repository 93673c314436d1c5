import type { InboxKind, InboxPlace } from '../../../../shared/feedback/api.ts';

/**
 * The exact place an item leads to: a published version in the library, or the workshop with the
 * section, thread or evidence item to show (`/p/<id>?section=&thread=&evidence=`).
 */
export function placeHref(kind: InboxKind, place: InboxPlace): string {
  const id = encodeURIComponent(place.personaId);
  if (kind === 'published' && place.version !== undefined) return `/library/${id}?version=${place.version}`;
  const params = new URLSearchParams();
  if (place.section) params.set('section', place.section);
  if (place.threadId) params.set('thread', place.threadId);
  if (place.evidenceId) params.set('evidence', place.evidenceId);
  return params.size > 0 ? `/p/${id}?${params.toString()}` : `/p/${id}`;
}
