// What one transaction on a persona's document did, in SPEC §7's words. Read from the types the
// transaction changed (known however the server's document typed its roots), after the observers
// ran and before deleted content is collected.
import * as Y from 'yjs';
import type { ActivityType } from '../../shared/api.ts';
import { parseMentions } from '../../shared/feedback/mentions.ts';
import { OPERATOR_AUTHOR, readAuthorKeys, writerOfType } from '../../shared/persona/authors.ts';
import { isSectionKey, ROOT } from '../../shared/persona/schema.ts';

export interface ActivityChange {
  type: ActivityType;
  detail: Record<string, unknown>;
}

/** How much of an evidence item's text the activity keeps. */
export const EXCERPT_MAX = 120;

type AnyType = Y.AbstractType<unknown>;

/** The changes a transaction made; one that changed nothing answers []. */
export function changesOf(doc: Y.Doc, transaction: Y.Transaction): ActivityChange[] {
  const authors = new AuthorKeys(doc);
  const rootNames = new Map<AnyType, string>();
  for (const [name, type] of doc.share) rootNames.set(type as AnyType, name);
  const changes: ActivityChange[] = [];
  const edited = new Set<string>();
  const signoffs = new Map<string, ActivityType>();
  for (const [changedType, keys] of transaction.changed) {
    const type = changedType as AnyType;
    const path = pathOf(type);
    const name = rootNames.get(path[0] ?? type);
    if (name === ROOT.evidence) {
      if (path.length === 1) changes.push(...evidenceChanges(type, transaction));
      else edited.add('evidence');
    } else if (name === ROOT.comments) {
      changes.push(...threadChanges(path, keys, transaction, authors));
    } else if (name === ROOT.signoff) {
      signoffChanges(path, keys, signoffs);
    } else if (name === ROOT.profile || name === ROOT.targets) {
      edited.add(name);
    } else if (name?.startsWith('section:') && isSectionKey(name.slice('section:'.length))) {
      edited.add(name.slice('section:'.length));
    }
  }
  for (const [key, type] of signoffs) changes.push({ type, detail: signoffDetail(key) });
  // Removing evidence also unlinks its claims from the sections: that is not an edit of theirs.
  const removedEvidence = changes.some((change) => change.type === 'evidence-removed');
  for (const section of edited) {
    if (removedEvidence && isSectionKey(section)) continue;
    changes.push({ type: 'edited', detail: { section } });
  }
  return changes;
}

/** The types from the root down to `type`. */
function pathOf(type: AnyType): AnyType[] {
  const path = [type];
  for (let parent = type.parent; parent !== null; parent = parent.parent) path.unshift(parent as AnyType);
  return path;
}

/** Items the transaction added to, and deleted from, an array type. */
function arrayDelta(type: AnyType, transaction: Y.Transaction): { added: Set<Y.Item>; deleted: Set<Y.Item> } {
  return new Y.YEvent(type, transaction).changes;
}

function evidenceChanges(evidence: AnyType, transaction: Y.Transaction): ActivityChange[] {
  const { added, deleted } = arrayDelta(evidence, transaction);
  const changes: ActivityChange[] = [];
  for (const item of added) {
    const map = mapOf(item);
    if (map) changes.push({ type: 'evidence-added', detail: evidenceDetail(map) });
  }
  for (const item of deleted) {
    const map = mapOf(item);
    if (map) changes.push({ type: 'evidence-removed', detail: evidenceDetail(map) });
  }
  return changes;
}

function evidenceDetail(map: AnyType): Record<string, unknown> {
  const text = stringField(map, 'text');
  const section = stringField(map, 'section');
  const id = stringField(map, 'id');
  return {
    id,
    evidenceId: id,
    side: stringField(map, 'side'),
    kind: stringField(map, 'kind'),
    text: excerptOf(text),
    excerpt: excerptOf(text),
    // Read by the server from the whole text, never from a list a client stored.
    mentions: parseMentions(text),
    // The section it supports, so that the activity can lead there.
    ...(isSectionKey(section) ? { section } : {}),
  };
}

/**
 * A text cut to EXCERPT_MAX characters, never through a mention token (a cut token would read as
 * text); mentions stay tokens, for whoever shows the excerpt to put the current names in.
 */
export function excerptOf(text: string): string {
  if (text.length <= EXCERPT_MAX) return text;
  let cut = EXCERPT_MAX - 1;
  const open = text.lastIndexOf('@[', cut);
  if (open !== -1 && text.indexOf(']', open) >= cut) cut = open;
  return `${text.slice(0, cut)}…`;
}

/** Member ids of writers, from the authors root the server alone writes (SPEC §6); read once, when needed. */
class AuthorKeys {
  readonly #doc: Y.Doc;
  #keys: Map<number, string> | null = null;

  constructor(doc: Y.Doc) {
    this.#doc = doc;
  }

  /** The member who created `type`; null for the Operator or a writer the server never recorded. */
  memberOf(type: AnyType): string | null {
    const client = writerOfType(type);
    this.#keys ??= readAuthorKeys(this.#doc);
    const key = client === null ? undefined : this.#keys.get(client);
    return key === undefined || key === OPERATOR_AUTHOR ? null : key;
  }
}

/** comments → thread map → replies → reply map: a thread started, resolved, or replied to. */
function threadChanges(path: AnyType[], keys: Set<string | null>, transaction: Y.Transaction, authors: AuthorKeys): ActivityChange[] {
  const [comments, thread, replies] = path;
  if (comments && path.length === 1) {
    return [...arrayDelta(comments, transaction).added].flatMap((item) => {
      const map = mapOf(item);
      return map ? [{ type: 'thread-started' as const, detail: { ...threadDetail(map), ...messageDetail(map) } }] : [];
    });
  }
  // Reopening is not one of the activity's types; resolving is.
  if (thread && path.length === 2 && keys.has('resolved') && fieldOf(thread, 'resolved') === true) {
    return [{ type: 'resolved', detail: threadDetail(thread) }];
  }
  if (thread && replies && path.length === 3) {
    const { added } = arrayDelta(replies, transaction);
    const threadAuthor = authors.memberOf(thread);
    const participants = new Set<string>();
    const changes: ActivityChange[] = [];
    // In order, so each reply's participants are the authors of the replies before it.
    for (let item = replies._start; item !== null; item = item.right) {
      const reply = mapOf(item);
      if (!reply) continue;
      if (added.has(item)) {
        changes.push({ type: 'replied', detail: { ...threadDetail(thread), ...messageDetail(reply), threadAuthor, participants: [...participants] } });
      }
      const author = authors.memberOf(reply);
      if (author !== null) participants.add(author);
    }
    return changes;
  }
  return [];
}

function threadDetail(thread: AnyType): Record<string, unknown> {
  const id = stringField(thread, 'id');
  const anchor = fieldOf(thread, 'anchor');
  const quote = anchor !== null && typeof anchor === 'object' && 'quote' in anchor && typeof anchor.quote === 'string' ? anchor.quote : null;
  return { thread: id, threadId: id, section: stringField(thread, 'section'), ...(quote === null ? {} : { quote: excerptOf(quote) }) };
}

/** A thread's or reply's words: an excerpt, and who they mention, parsed from the whole text. */
function messageDetail(message: AnyType): Record<string, unknown> {
  const text = stringField(message, 'text');
  return { excerpt: excerptOf(text), mentions: parseMentions(text) };
}

/** signoff → one sign-off map: set or replaced is signed, deleted is withdrawn; a field rewritten signs again. */
function signoffChanges(path: AnyType[], keys: Set<string | null>, signoffs: Map<string, ActivityType>): void {
  const [root, signoff] = path;
  if (root && path.length === 1) {
    for (const key of keys) {
      if (key === null) continue;
      const entry = root._map.get(key);
      signoffs.set(key, entry === undefined || entry.deleted ? 'sign-off-withdrawn' : 'signed-off');
    }
  } else if (signoff && path.length === 2) {
    const key = signoff._item?.parentSub;
    if (key && !signoffs.has(key)) signoffs.set(key, 'signed-off');
  }
}

/** `goals:sales` → section and side; other keys (`target:<id>:<side>`) keep their side. */
function signoffDetail(key: string): Record<string, unknown> {
  const match = /^(.+):(marketing|sales)$/.exec(key);
  if (!match) return { key };
  const [, scope = '', side] = match;
  return isSectionKey(scope) ? { key, section: scope, side } : { key, side };
}

/** The map type an array item holds, deleted or not. */
function mapOf(item: Y.Item): AnyType | null {
  return item.content instanceof Y.ContentType && item.content.type instanceof Y.Map ? (item.content.type as AnyType) : null;
}

/**
 * A map's field, read from its item even when the map was deleted in this transaction (a deleted
 * map's fields are marked deleted with it but keep their content until the transaction ends).
 */
function fieldOf(map: AnyType, key: string): unknown {
  return map._map.get(key)?.content.getContent().at(-1);
}

function stringField(map: AnyType, key: string): string {
  const value = fieldOf(map, key);
  return typeof value === 'string' ? value : '';
}
