import type { InboxKind, InboxPlace } from './api.ts';

/**
 * The address of an item's exact place, as the client routes it and mails and webhooks link to it:
 * a published version opens in the library, anything else in the workshop at its section, thread
 * or evidence item.
 */
export function placePath(kind: InboxKind | 'published', place: InboxPlace): string {
  const id = encodeURIComponent(place.personaId);
  if (kind === 'published' && place.version !== undefined) return `/library/${id}?version=${place.version}`;
  const query = new URLSearchParams();
  if (place.section !== undefined) query.set('section', place.section);
  if (place.threadId !== undefined) query.set('thread', place.threadId);
  if (place.evidenceId !== undefined) query.set('evidence', place.evidenceId);
  const search = query.toString();
  return search ? `/p/${id}?${search}` : `/p/${id}`;
}
