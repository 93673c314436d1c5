// Pairs of converters between the Yjs document and the domain types; a bad shape throws PersonaShapeError.
// The *FromYjs functions take `unknown`: whatever a Y.Array or Y.Map holds came from some client, unchecked.
import * as Y from 'yjs';
import type { z } from 'zod';
import { PROFILE_FIELDS } from './schema.ts';
import { commentReplySchema, commentThreadSchema, evidenceItemSchema, profileSchema, signOffSchema } from './shapes.ts';
import type { CommentReply, CommentThread, EvidenceItem, Profile, SignOff } from './types.ts';

/** The document (or a value bound for it) does not have the shape SPEC §2 defines. */
export class PersonaShapeError extends Error {
  override name = 'PersonaShapeError';
  /** Path and what was wrong, e.g. `evidence[3].side: expected "marketing" | "sales", got "legal"`. */
  readonly reason: string;

  constructor(reason: string) {
    super(`Persona document has a bad shape: ${reason}`);
    this.reason = reason;
  }
}

export {
  commentReplySchema,
  commentThreadSchema,
  evidenceItemSchema,
  evidenceKindSchema,
  isoDateTimeSchema,
  itemIdSchema,
  profileSchema,
  sectionKeySchema,
  sideSchema,
  signOffSchema,
} from './shapes.ts';

const threadFieldsSchema = commentThreadSchema.omit({ replies: true });

export function profileFromYjs(map: unknown, path = 'profile'): Profile {
  const entries = readMap(map, path);
  const fields = Object.fromEntries(PROFILE_FIELDS.map((key) => [key, entries[key] ?? '']));
  return parseShape(profileSchema, fields, path);
}

export function evidenceFromYjs(map: unknown, path = 'evidence'): EvidenceItem {
  return parseShape(evidenceItemSchema, readMap(map, path), path);
}

export function evidenceToYjs(item: EvidenceItem): Y.Map<unknown> {
  return new Y.Map<unknown>(Object.entries(parseShape(evidenceItemSchema, item, 'evidence')));
}

export function threadFromYjs(map: unknown, path = 'comments'): CommentThread {
  const { replies, ...fields } = readMap(map, path);
  if (!(replies instanceof Y.Array)) {
    throw new PersonaShapeError(`${path}.replies: expected a Y.Array, got ${describeValue(replies)}`);
  }
  const thread = parseShape(threadFieldsSchema, fields, path);
  const parsedReplies = replies
    .toArray()
    .map((reply: unknown, i) => replyFromYjs(reply, `${path}.replies[${i}]`));
  return { ...thread, replies: parsedReplies };
}

export function threadToYjs(thread: CommentThread): Y.Map<unknown> {
  const { replies, ...fields } = parseShape(commentThreadSchema, thread, 'comments');
  const yReplies = Y.Array.from(replies.map((reply) => new Y.Map<unknown>(Object.entries(reply))));
  return new Y.Map<unknown>([...Object.entries(fields), ['replies', yReplies]]);
}

export function replyFromYjs(map: unknown, path = 'reply'): CommentReply {
  return parseShape(commentReplySchema, readMap(map, path), path);
}

export function replyToYjs(reply: CommentReply): Y.Map<unknown> {
  return new Y.Map<unknown>(Object.entries(parseShape(commentReplySchema, reply, 'reply')));
}

export function signoffFromYjs(map: unknown, path = 'signoff'): SignOff {
  return parseShape(signOffSchema, readMap(map, path), path);
}

export function signoffToYjs(signoff: SignOff): Y.Map<unknown> {
  return new Y.Map<unknown>(Object.entries(parseShape(signOffSchema, signoff, 'signoff')));
}

/** Describes a value for an error reason without dumping persona text into logs. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Y.AbstractType) return `a ${value.constructor.name}`;
  return `a ${typeof value}`;
}

function readMap(map: unknown, path: string): Record<string, unknown> {
  if (!(map instanceof Y.Map)) {
    throw new PersonaShapeError(`${path}: expected a Y.Map, got ${describeValue(map)}`);
  }
  return Object.fromEntries(map.entries());
}

function parseShape<T>(schema: z.ZodType<T>, value: unknown, path: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue === undefined) throw new PersonaShapeError(`${path}: ${result.error.message}`);
  const actual = describeValue(valueAt(value, issue.path));
  throw new PersonaShapeError(`${joinPath(path, issue.path)}: ${expectation(issue)}, got ${actual}`);
}

function expectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}`;
    case 'invalid_format':
      if (issue.format === 'datetime') return 'expected an ISO 8601 date-time';
      if (issue.pattern !== undefined) return `expected a string matching ${issue.pattern}`;
      return `expected ${issue.format}`;
    default:
      return issue.message;
  }
}

function joinPath(base: string, keys: readonly PropertyKey[]): string {
  return keys.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`),
    base,
  );
}

function valueAt(root: unknown, keys: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of keys) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
