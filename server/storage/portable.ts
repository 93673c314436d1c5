// A whole Tandem as a stream of plain records, the same for every backend: what `npm run backup`
// writes, `npm run restore` reads and `npm run copy-store` moves from one store to another.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CRM_SOURCES, TEAMS, TEMPLATE_NAMES } from '../../shared/api.ts';
import { INBOX_KINDS } from '../../shared/feedback/api.ts';
import { WEBHOOK_FORMATS } from '../../shared/feedback/webhooks.ts';
import { ROLES } from '../../shared/protocol.ts';

/**
 * The version of the records' shapes. A new concern adds a kind without changing it; a change to an
 * existing kind's fields raises it, and a reader refuses a version it does not know.
 */
export const PORTABLE_FORMAT = 1;

const iso = z.string().min(1);
const isoOrNull = iso.nullable();
/** Bytes travel as base64 (standard alphabet, padded), checked to decode back to the same text. */
const bytes = z.string().refine((text) => Buffer.from(text, 'base64').toString('base64') === text, 'not canonical base64');
const jsonObject = z.record(z.string(), z.json());

/**
 * Every kind, in the order a store exports them: each record only refers to records of kinds before
 * it (a token to its member, an update to its persona, a checkpoint to the one it builds on).
 */
const recordSchemas = {
  member: z.strictObject({
    id: z.string().min(1),
    name: z.string(),
    team: z.enum(TEAMS),
    role: z.enum(ROLES),
    email: z.string().nullable(),
    createdAt: iso,
    /** As stored: a removed member also reads inactive, whatever this says. */
    active: z.boolean(),
    removedAt: isoOrNull,
  }),
  token: z.strictObject({
    id: z.string().min(1),
    memberId: z.string().min(1),
    tokenKind: z.enum(['link', 'session']),
    createdAt: iso,
    expiresAt: isoOrNull,
    lastUsedAt: isoOrNull,
    revokedAt: isoOrNull,
  }),
  persona: z.strictObject({
    id: z.string().min(1),
    name: z.string(),
    role: z.string(),
    segment: z.string(),
    evidence: z.strictObject({ marketing: z.number().int().nonnegative(), sales: z.number().int().nonnegative() }),
    createdAt: iso,
    updatedAt: iso,
    archivedAt: isoOrNull,
    trashedAt: isoOrNull,
    template: z.enum(TEMPLATE_NAMES),
    templateCheckedAt: isoOrNull,
  }),
  /** One entry of a persona's update log as stored (a compacted state is an entry too), with its number. */
  update: z.strictObject({
    personaId: z.string().min(1),
    seq: z.number().int().positive(),
    data: bytes,
  }),
  version: z.strictObject({
    personaId: z.string().min(1),
    version: z.number().int().positive(),
    publishedAt: iso,
    /** As stored: a publisher, or the `{ name, side }` an old client stated. */
    publishedBy: z.json().nullable(),
    note: z.string(),
    name: z.string(),
    role: z.string(),
    segment: z.string(),
    avatar: z.string(),
    state: bytes,
    snapshot: z.string(),
    /** What the library searches: only each persona's latest version has it; null for the others. */
    searchText: z.string().nullable(),
  }),
  /** A checkpoint as stored: a V2 update, the whole state when `after` is null, else what changed since `after`. */
  checkpoint: z.strictObject({
    id: z.string().min(1),
    personaId: z.string().min(1),
    at: iso,
    checkpointKind: z.enum(['auto', 'publish', 'restore']),
    authors: z.array(z.string()),
    after: z.string().min(1).nullable(),
    update: bytes,
  }),
  /** An activity event, with when a gathered event started (later edits are gathered into it from there). */
  activity: z.strictObject({
    personaId: z.string().min(1),
    at: iso,
    startedAt: iso,
    memberId: z.string().nullable(),
    type: z.string().min(1),
    detail: jsonObject,
  }),
  crmImport: z.strictObject({
    id: z.string().min(1),
    at: iso,
    by: z.strictObject({ id: z.string(), name: z.string(), team: z.enum(TEAMS) }).nullable(),
    importKind: z.literal('deals'),
    rows: z.number().int().nonnegative(),
    sha256: z.string(),
    filename: z.string().nullable(),
    source: z.enum(CRM_SOURCES).nullable(),
    /** The file as it was posted. */
    file: bytes,
  }),
  /** One deal of an import; `n` is its place among the persona's deals in the file. */
  crmDeal: z.strictObject({
    importId: z.string().min(1),
    personaId: z.string(),
    n: z.number().int().nonnegative(),
    id: z.string(),
    name: z.string(),
    stage: z.string(),
    outcome: z.enum(['won', 'lost', 'open']),
    amount: z.number().nullable(),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
    lossReason: z.string(),
  }),
  crmFigures: z.strictObject({
    importId: z.string().min(1),
    personaId: z.string(),
    period: z.string(),
    actuals: jsonObject,
  }),
  personaMap: z.strictObject({ value: z.string(), personaId: z.string() }),
  notice: z.strictObject({
    id: z.string().min(1),
    memberId: z.string(),
    at: iso,
    personaId: z.string(),
    personaName: z.string(),
    noticeKind: z.literal('target-met'),
    detail: jsonObject,
    readAt: isoOrNull,
  }),
  /** An item of a member's inbox (issue 17), with when a gathered item started and the key it gathers by. */
  inboxItem: z.strictObject({
    id: z.string().min(1),
    memberId: z.string().min(1),
    inboxKind: z.enum(INBOX_KINDS),
    at: iso,
    startedAt: iso,
    actorId: z.string().nullable(),
    personaId: z.string().min(1),
    place: jsonObject,
    detail: jsonObject,
    gatherKey: z.string().nullable(),
    readAt: isoOrNull,
  }),
  notificationSettings: z.strictObject({ memberId: z.string().min(1), settings: jsonObject }),
  /** A mail waiting to be sent, in the queue's order (its number is the store's own). */
  queuedMail: z.strictObject({
    memberId: z.string().min(1),
    itemId: z.string().min(1),
    personaId: z.string().min(1),
    mode: z.enum(['immediate', 'daily']),
    item: z.string(),
    dueAt: iso,
    attempts: z.number().int().nonnegative(),
  }),
  /** A webhook, oldest first; its secret travels with it, so receivers keep checking signatures. */
  webhook: z.strictObject({
    id: z.string().min(1),
    url: z.string().min(1),
    events: z.array(z.string()),
    format: z.enum(WEBHOOK_FORMATS),
    secret: z.string(),
    createdAt: iso,
    createdBy: z.string().nullable(),
  }),
  /** One delivery of a hook, pending or finished, oldest first. */
  webhookDelivery: z.strictObject({
    id: z.string().min(1),
    hookId: z.string().min(1),
    event: z.string().min(1),
    personaId: z.string().nullable(),
    body: z.string(),
    createdAt: iso,
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int().nonnegative(),
    nextAt: isoOrNull,
    lastAttemptAt: isoOrNull,
    statusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
  }),
};

export type PortableKind = keyof typeof recordSchemas;
export const PORTABLE_KINDS = Object.keys(recordSchemas) as PortableKind[];

/**
 * One record of a whole Tandem: plain JSON, bytes in base64, tagged with its kind (so a field that is a
 * kind of its own, as a token's, is named for what it is: tokenKind, checkpointKind…).
 */
export type PortableRecord = {
  [K in PortableKind]: { kind: K } & z.infer<(typeof recordSchemas)[K]>;
}[PortableKind];

export type PortableRecordOf<K extends PortableKind> = Extract<PortableRecord, { kind: K }>;

export type PortableCounts = Record<PortableKind, number>;

export const zeroCounts = (): PortableCounts =>
  Object.fromEntries(PORTABLE_KINDS.map((kind) => [kind, 0])) as PortableCounts;

/** A record that is not one of PORTABLE_KINDS in its shape. */
export class PortableRecordError extends Error {
  override readonly name = 'PortableRecordError';
}

const isKind = (kind: unknown): kind is PortableKind => typeof kind === 'string' && Object.hasOwn(recordSchemas, kind);

/**
 * A record read from outside (an archive): checked against its kind's shape. An unknown kind is an
 * error, never dropped: it is data this version of Tandem would lose.
 */
export function parsePortableRecord(value: unknown): PortableRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PortableRecordError('a record is not a JSON object');
  const { kind, ...fields } = value as Record<string, unknown>;
  if (!isKind(kind)) {
    throw new PortableRecordError(
      `a record is of kind ${JSON.stringify(kind)}, which this version of Tandem does not know: restore it with the version that wrote it, or a newer one`,
    );
  }
  const parsed = recordSchemas[kind].safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PortableRecordError(`a ${kind} record is malformed: ${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}`);
  }
  return { kind, ...parsed.data } as PortableRecord;
}

export const toBase64 = (data: Uint8Array): string => Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
export const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

/** JSON with every object's keys sorted: equal records give equal text whichever backend stored them. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** A running SHA-256 and count per kind over records in order: two equal streams give equal digests. */
export function recordDigest() {
  const hashes = new Map<PortableKind, ReturnType<typeof createHash>>();
  const counts = zeroCounts();
  return {
    add(record: PortableRecord): void {
      let hash = hashes.get(record.kind);
      if (!hash) hashes.set(record.kind, (hash = createHash('sha256')));
      hash.update(canonicalJson(record)).update('\n');
      counts[record.kind] += 1;
    },
    counts,
    /** The digests so far (a copy of each running hash, so records may still be added). */
    digests(): Record<PortableKind, string> {
      const empty = createHash('sha256').digest('hex');
      return Object.fromEntries(PORTABLE_KINDS.map((kind) => [kind, hashes.get(kind)?.copy().digest('hex') ?? empty])) as Record<PortableKind, string>;
    },
  };
}
