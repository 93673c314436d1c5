// Feedback threads on sections: start, reply, resolve and reopen, on the `comments` root.
import * as Y from 'yjs';
import { z } from 'zod';
import type { Attribution } from './authors.ts';
import { PersonaShapeError, replyToYjs, sectionKeySchema, sideSchema, threadFromYjs, threadToYjs } from './converters.ts';
import { newItemId } from './evidence.ts';
import { getComments } from './schema.ts';
import type { AttributedMessage, CommentReply, CommentThread, SectionKey, ThreadAnchor } from './types.ts';

export const COMMENT_TEXT_MAX = 4000;

export const commentInputSchema = z.object({
  text: z.string().trim().min(1, 'text is empty').max(COMMENT_TEXT_MAX, `text is over ${COMMENT_TEXT_MAX} characters`),
  author: z.string().trim().min(1, 'author is empty'),
  side: sideSchema,
});
export type CommentInput = z.infer<typeof commentInputSchema>;

/**
 * Threads in the order they were started; one in a bad shape is skipped, not fatal. With an
 * `attribution`, every thread's and reply's author is the member who wrote it (SPEC §6).
 */
export function readThreads(doc: Y.Doc, attribution?: Attribution): { threads: CommentThread[]; skipped: number } {
  const threads: CommentThread[] = [];
  let skipped = 0;
  getComments(doc).forEach((map, i) => {
    try {
      const thread = threadFromYjs(map, `comments[${i}]`);
      threads.push(attribution ? attributeThread(thread, map, attribution) : thread);
    } catch (error) {
      if (!(error instanceof PersonaShapeError)) throw error;
      skipped += 1;
    }
  });
  return { threads, skipped };
}

function attributeThread(thread: CommentThread, map: Y.Map<unknown>, attribution: Attribution): CommentThread {
  const replyMaps = map.get('replies');
  const replies = thread.replies.map((reply, i) => {
    const replyMap: unknown = replyMaps instanceof Y.Array ? replyMaps.get(i) : undefined;
    return replyMap instanceof Y.Map ? attributeMessage(reply, replyMap, attribution) : reply;
  });
  return { ...attributeMessage(thread, map, attribution), replies };
}

/** A message with the author the server knows: their name and team, marked unverified when only stated. */
function attributeMessage<T extends CommentReply>(message: T, map: Y.Map<unknown>, attribution: Attribution): T & AttributedMessage {
  const author = attribution.authorOfType(map, { name: message.author, side: message.side });
  const side = author.team === 'other' ? message.side : author.team;
  return { ...message, author: author.name, side, team: author.team, authorId: author.id, verified: author.verified };
}

export function startThread(
  doc: Y.Doc,
  section: SectionKey,
  input: CommentInput,
  options: { origin?: unknown; now?: Date; anchor?: ThreadAnchor | undefined } = {},
): CommentThread {
  const fields = commentInputSchema.parse(input);
  const thread: CommentThread = {
    id: newItemId(),
    section: sectionKeySchema.parse(section),
    ...(options.anchor ? { anchor: options.anchor } : {}),
    ...fields,
    createdAt: (options.now ?? new Date()).toISOString(),
    resolved: false,
    replies: [],
  };
  const map = threadToYjs(thread);
  doc.transact(() => getComments(doc).push([map]), options.origin);
  return thread;
}

/** Adds a reply; false when the thread is gone (deleted by someone else meanwhile). */
export function replyToThread(doc: Y.Doc, threadId: string, input: CommentInput, options: { origin?: unknown; now?: Date } = {}): boolean {
  const fields = commentInputSchema.parse(input);
  const replies = findThreadMap(doc, threadId)?.get('replies');
  if (!(replies instanceof Y.Array)) return false;
  const reply = replyToYjs({ ...fields, createdAt: (options.now ?? new Date()).toISOString() });
  doc.transact(() => replies.push([reply]), options.origin);
  return true;
}

export function setThreadResolved(doc: Y.Doc, threadId: string, resolved: boolean, origin?: unknown): boolean {
  const map = findThreadMap(doc, threadId);
  if (!map) return false;
  if (map.get('resolved') !== resolved) doc.transact(() => map.set('resolved', resolved), origin);
  return true;
}

function findThreadMap(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
  for (const map of getComments(doc)) {
    if (map instanceof Y.Map && map.get('id') === id) return map;
  }
  return undefined;
}

export interface ThreadCounts {
  open: number;
  resolved: number;
}

export function threadCountsBySection(threads: readonly CommentThread[]): Map<SectionKey, ThreadCounts> {
  const counts = new Map<SectionKey, ThreadCounts>();
  for (const thread of threads) {
    const entry = counts.get(thread.section) ?? { open: 0, resolved: 0 };
    if (thread.resolved) entry.resolved += 1;
    else entry.open += 1;
    counts.set(thread.section, entry);
  }
  return counts;
}
