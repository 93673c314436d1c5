import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import * as Y from 'yjs';
import type { LibraryEntry, LibraryListResponse, PublishedPersona, PublishResponse, VersionMeta } from '../../shared/api.ts';
import { libraryQuerySchema, pdfFilename, pdfQuerySchema, publishRequestSchema, versionQuerySchema } from '../../shared/api.ts';
import { isPersonaId } from '../../shared/persona/schema.ts';
import type { PersonaSnapshot } from '../../shared/persona/types.ts';
import { OPERATOR_NAME } from '../../shared/persona/authors.ts';
import { boundRichTextDepth } from '../../shared/persona/richTextDepth.ts';
import { readPersonaSnapshot, snapshotSearchText } from '../../shared/persona/snapshot.ts';
import type { ActivityRecorder } from '../activity/recorder.ts';
import type { FeedbackBus } from '../feedback/bus.ts';
import { Attribution } from '../../shared/persona/authors.ts';
import { readTargets, type TargetView } from '../../shared/persona/targets.ts';
import { periodsOfTargets, publishedTargets, type Scorecards } from '../crm/scorecards.ts';
import type { RoomRegistry } from '../collab/registry.ts';
import type { Logger } from '../logger.ts';
import type { PdfMeta } from '../pdf/layoutModel.ts';
import { PdfUnavailableError, type PdfRenderer } from '../pdf/renderThread.ts';
import type { Locale } from '../../shared/locale.ts';
import type { Publisher } from '../../shared/api.ts';
import type { Principal } from '../auth/access.ts';
import { directoryOf } from '../auth/members.ts';
import type { Storage, VersionRecord } from '../storage/storage.ts';
import type { WriteQueue } from '../storage/writeQueue.ts';
import { actorOf } from './activity.ts';
import { requireRole, type RequestAuth } from './auth.ts';
import { ApiError, parseBody, parseQuery } from './errors.ts';

export interface LibraryRoutesOptions {
  auth: RequestAuth;
  queue: WriteQueue;
  storage: Storage;
  rooms: RoomRegistry;
  logger: Logger;
  pdf: PdfRenderer;
  activity: ActivityRecorder;
  feedback: FeedbackBus;
  scorecards: Scorecards;
}

/** Publishing (editors), the read-only library (everyone with a link) and PDF exports of both. */
export function registerLibraryRoutes(app: FastifyInstance, { auth, queue, storage, rooms, logger, pdf: renderer, activity, feedback, scorecards }: LibraryRoutesOptions): void {
  const { library } = storage;
  // A published version never changes, so its PDF (per language) is rendered once and kept.
  const versionPdfs = new LruCache<string, Buffer>(VERSION_PDF_CACHE_ENTRIES);

  // The persona's name for a draft PDF's file name, by render key: a joined request reads no document.
  const draftNames = new LruCache<string, string>(VERSION_PDF_CACHE_ENTRIES);

  /** The draft's state as its editors see it now; 404 when the persona does not exist. */
  async function draftState(id: string): Promise<Uint8Array> {
    const state = await rooms.currentState(id);
    if (state === null) throw new ApiError('not_found', `There is no persona ${id}`);
    return state;
  }

  /** The draft as its editors see it now (state and tolerant reading); 404 when the persona does not exist. */
  async function draftOf(id: string, known?: Uint8Array): Promise<{ state: Uint8Array; snapshot: PersonaSnapshot }> {
    const state = known ?? (await draftState(id));
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, state);
      const directory = await directoryOf(storage.people);
      const { snapshot, unreadable } = readPersonaSnapshot(doc, directory);
      if (unreadable.length > 0) logger.warn({ personaId: id, unreadable }, 'sections with a bad shape read as empty');
      return { state, snapshot: await withScorecards(id, snapshot, readTargets(doc, Attribution.of(doc, directory))) };
    } finally {
      doc.destroy();
    }
  }

  /** A render, or 503 with Retry-After when the renderer is busy or this PDF just failed. */
  async function renderPdf(key: string, snapshot: Parameters<PdfRenderer['render']>[1], meta: PdfMeta, lang: Locale): Promise<Buffer> {
    try {
      return await renderer.render(key, snapshot, meta, lang);
    } catch (error) {
      if (!(error instanceof PdfUnavailableError)) throw error;
      const message = `The PDF cannot be made right now (${error.message}); try again in ${error.retryAfterSeconds} s`;
      throw new ApiError('unavailable', message, { retryAfterSeconds: error.retryAfterSeconds });
    }
  }

  /** SPEC §8: the targets as they stand and each of their periods' scorecard from the latest import. */
  async function withScorecards(id: string, snapshot: PersonaSnapshot, targets: TargetView[]): Promise<PersonaSnapshot> {
    const cards = await Promise.all(
      periodsOfTargets(targets).map(async (period) => {
        const { periods: _periods, ...card } = await scorecards.scorecardWithTrend(id, period, targets);
        return card;
      }),
    );
    return { ...snapshot, targets: publishedTargets(targets), scorecards: cards };
  }

  async function versionOf(id: string, version: number | undefined) {
    const record = await library.getVersion(id, version ?? null);
    if (record === null) {
      throw new ApiError(
        'not_found',
        version === undefined ? `Persona ${id} has not been published` : `Persona ${id} has no version ${version}`,
      );
    }
    return { record, snapshot: attributedAsStored(JSON.parse(record.snapshot) as PersonaSnapshot) };
  }

  app.post<{ Params: { id: string } }>('/api/personas/:id/publish', async (request, reply) => {
    const principal = await requireRole(auth, request, 'editor');
    const id = personaIdParam(request.params.id);
    const { note = '', publishedBy: stated } = parseBody(publishRequestSchema, request.body);
    const publishedBy = publisherOf(principal, stated);
    // SPEC §7: an archived persona is read-only; publishing it would change the library.
    if ((await storage.index.status(id))?.archivedAt) throw new ApiError('conflict', `Persona ${id} is archived: unarchive it before publishing`);
    // SPEC §7: the draft is kept as a checkpoint before each publish.
    if ((await rooms.withRoom(id, (room) => room.checkpoint('publish'))) === null) throw new ApiError('not_found', `There is no persona ${id}`);
    const { state, snapshot } = await draftOf(id);
    const { name, role, segment, avatar } = snapshot.profile;
    const version = await queue.run(() =>
      library.publish({
        personaId: id,
        publishedAt: new Date().toISOString(),
        publishedBy,
        note,
        name,
        role,
        segment,
        avatar,
        state,
        snapshot: JSON.stringify(snapshot),
        searchText: snapshotSearchText(snapshot),
      }),
    );
    logger.info({ personaId: id, version }, 'persona published');
    await activity.record({ personaId: id, at: new Date().toISOString(), memberId: actorOf(principal), type: 'published', detail: { version } });
    feedback.emit({ type: 'published', personaId: id, at: new Date().toISOString(), actorId: actorOf(principal), detail: { version } });
    const body: PublishResponse = { version };
    return reply.status(201).send(body);
  });

  app.get('/api/library', async (request): Promise<LibraryListResponse> => {
    await requireRole(auth, request, 'viewer');
    const { q, segment } = parseQuery(libraryQuerySchema, request.query);
    const text = q?.trim();
    const [rows, segments] = await Promise.all([
      library.searchLibrary({ ...(text ? { q: text } : {}), ...(segment ? { segment } : {}) }),
      library.librarySegments(),
    ]);
    return { personas: rows.map(toLibraryEntry), segments };
  });

  app.get<{ Params: { id: string } }>('/api/library/:id', async (request): Promise<PublishedPersona> => {
    await requireRole(auth, request, 'viewer');
    const id = personaIdParam(request.params.id);
    const { version } = parseQuery(versionQuerySchema, request.query);
    const { record, snapshot } = await versionOf(id, version);
    const versions = await library.listVersions(id);
    // The trend is kept for the PDF's chart; the library JSON gives each period's scorecard as §8 does.
    const { targets = [], scorecards: cards = [] } = snapshot;
    const frozen = cards.map(({ trend: _trend, ...card }) => card);
    return { id, ...toVersionMeta(record), ...snapshot, targets, scorecards: frozen, versions: versions.map(toVersionMeta) };
  });

  app.get<{ Params: { id: string } }>('/api/library/:id/export.pdf', async (request, reply) => {
    await requireRole(auth, request, 'viewer');
    const id = personaIdParam(request.params.id);
    const { version, lang = 'en' } = parseQuery(pdfQuerySchema, request.query);
    const { record, snapshot } = await versionOf(id, version);
    const key = `${id}\u0000${record.version}\u0000${lang}`;
    let pdf = versionPdfs.get(key);
    if (!pdf) {
      const meta: PdfMeta = { kind: 'version', ...toVersionMeta(record) };
      pdf = await renderPdf(`version\u0000${key}`, snapshot, meta, lang);
      versionPdfs.set(key, pdf);
    }
    return sendPdf(reply, pdf, pdfFilename(record.name, `v${record.version}`));
  });

  app.get<{ Params: { id: string } }>('/api/personas/:id/export.pdf', async (request, reply) => {
    await requireRole(auth, request, 'editor');
    const id = personaIdParam(request.params.id);
    const { version, lang = 'en' } = parseQuery(pdfQuerySchema, request.query);
    if (version !== undefined) throw new ApiError('bad_request', 'A draft has no version; published versions are under /api/library');
    const state = await draftState(id);
    // The same draft state in the same language is one render, however many ask for it at once; the
    // key is known before the document is read, so a draft that just failed is refused without reading it.
    const key = `draft\u0000${id}\u0000${createHash('sha256').update(state).digest('base64')}\u0000${lang}`;
    const read = async () => {
      logger.debug({ personaId: id }, 'draft read for its PDF');
      const { snapshot } = await draftOf(id, state);
      draftNames.set(key, snapshot.profile.name);
      return snapshot;
    };
    const pdf = await renderPdf(key, read, { kind: 'draft', exportedAt: new Date().toISOString() }, lang);
    return sendPdf(reply, pdf, pdfFilename(draftNames.get(key) ?? '', 'draft'));
  });
}

/** How many rendered version PDFs are kept (a full persona's is about 100 kB). */
const VERSION_PDF_CACHE_ENTRIES = 64;

/** The most recently used entries, up to a count. */
class LruCache<K, V> {
  readonly #entries = new Map<K, V>();
  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.capacity) break;
      this.#entries.delete(oldest);
    }
  }
}

/**
 * A version published before members stored its authors as text and its sign-offs unchecked: its
 * evidence reads as unverified and its sign-offs count for neither side (SPEC §6, issue 12).
 */
function attributedAsStored(snapshot: PersonaSnapshot): PersonaSnapshot {
  const evidence = snapshot.evidence.map((item) => (item.verified === undefined ? { ...item, authorId: null, verified: false } : item));
  const signoff = Object.fromEntries(Object.entries(snapshot.signoff).filter(([, value]) => value.memberId !== undefined));
  // A version published before rich text was bounded may nest deeper than any reader recurses.
  const sections = Object.fromEntries(
    Object.entries(snapshot.sections).map(([key, content]) => [key, boundRichTextDepth(content)]),
  ) as PersonaSnapshot['sections'];
  return { ...snapshot, sections, evidence, signoff };
}

export function personaIdParam(id: string): string {
  if (!isPersonaId(id)) throw new ApiError('bad_request', 'A persona id is 1 to 64 letters, digits, "-" or "_"');
  return id;
}

function toVersionMeta(record: VersionRecord): VersionMeta {
  return { version: record.version, publishedAt: record.publishedAt, note: record.note, publishedBy: record.publishedBy };
}

function toLibraryEntry(record: VersionRecord): LibraryEntry {
  const { personaId, name, role, segment, avatar } = record;
  return { id: personaId, name, role, segment, avatar, ...toVersionMeta(record) };
}

function sendPdf(reply: FastifyReply, pdf: Buffer, filename: string) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'private, no-store')
    .send(pdf);
}

/**
 * The member who called publish (SPEC §3): a `publishedBy` in the body is ignored, except from the
 * Operator, whose stated author is kept (SPEC §6).
 */
function publisherOf(principal: Principal, stated: { name: string; side: 'marketing' | 'sales' } | undefined): Publisher {
  if (principal.kind === 'member') {
    const { id, name, team } = principal.member;
    return { id, name, team, verified: true };
  }
  return stated && stated.name.trim()
    ? { id: null, name: stated.name.trim(), team: stated.side, verified: true }
    : { id: null, name: OPERATOR_NAME, team: 'other', verified: true };
}
