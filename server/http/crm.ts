// CRM imports (SPEC §8): a deals CSV previewed (dry run) or imported, the list of imports, the persona map.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CrmImport, CrmImportListResponse, ImportPreview, PersonaMapResponse } from '../../shared/api.ts';
import type { Deal } from '../../shared/scorecard/deals.ts';
import { CRM_IMPORT_MAX_BYTES, crmImportQuerySchema, personaMapRequestSchema } from '../../shared/api.ts';
import type { Principal } from '../auth/access.ts';
import { directoryOf } from '../auth/members.ts';
import type { RoomRegistry } from '../collab/registry.ts';
import { looksBinary, readDeals, type DealsRead } from '../crm/readDeals.ts';
import { personaTargetsOf, type Scorecards } from '../crm/scorecards.ts';
import type { Logger } from '../logger.ts';
import { matchKey } from '../storage/sqliteCrm.ts';
import type { CrmImportRecord, NoticeRecord, Storage } from '../storage/storage.ts';
import type { FeedbackBus, FeedbackEvent } from '../feedback/bus.ts';
import type { WriteQueue } from '../storage/writeQueue.ts';
import { requireRole, type RequestAuth } from './auth.ts';
import { ApiError, parseBody, parseQuery } from './errors.ts';

export interface CrmRoutesOptions {
  auth: RequestAuth;
  queue: WriteQueue;
  storage: Storage;
  rooms: RoomRegistry;
  logger: Logger;
  scorecards: Scorecards;
  /** Told of each met target (issue 17: the signers' inboxes). */
  feedback?: FeedbackBus;
}

/** What browsers and CRMs call a CSV file (Windows browsers send Excel's type for a .csv). */
const CSV_TYPES = new Set(['text/csv', 'application/csv', 'text/comma-separated-values', 'application/vnd.ms-excel']);

export async function registerCrmRoutes(app: FastifyInstance, { auth, queue, storage, rooms, logger, scorecards, feedback }: CrmRoutesOptions): Promise<void> {
  const { crm } = storage;

  /** Every persona's id by its name and by the persona map, compared without case or accents; ambiguous names match none. */
  async function personaResolver(): Promise<(value: string) => string | null> {
    const [rows, directory, map] = await Promise.all([storage.index.listIndex(), directoryOf(storage.people), crm.personaMap()]);
    const ids = new Set(rows.map((row) => row.id));
    const byName = new Map<string, string | null>();
    for (const row of rows) {
      const key = matchKey(rooms.liveIndexEntry(row.id, directory)?.name ?? row.name);
      if (key !== '') byName.set(key, byName.has(key) ? null : row.id);
    }
    const byMap = new Map(map.filter((entry) => ids.has(entry.personaId)).map((entry) => [matchKey(entry.value), entry.personaId]));
    return (value) => {
      const key = matchKey(value);
      return byMap.get(key) ?? byName.get(key) ?? null;
    };
  }

  await app.register(async (scope) => {
    scope.addContentTypeParser([...CSV_TYPES], { parseAs: 'buffer', bodyLimit: CRM_IMPORT_MAX_BYTES }, (_request, body, done) => done(null, body));
    scope.post(
      '/api/crm/imports',
      {
        bodyLimit: CRM_IMPORT_MAX_BYTES,
        // Who may post, what and how much is known before the body is read.
        onRequest: async (request: FastifyRequest) => {
          await requireRole(auth, request, 'editor');
          const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
          if (!CSV_TYPES.has(type)) throw new ApiError('unsupported_media_type', 'Send the CSV file as it was exported, with Content-Type: text/csv');
          if (Number(request.headers['content-length'] ?? 0) > CRM_IMPORT_MAX_BYTES) throw new ApiError('too_large', 'The file is over 10 MiB');
        },
      },
      async (request, reply) => {
        const principal = await requireRole(auth, request, 'editor');
        const query = parseQuery(crmImportQuerySchema, request.query);
        const file = request.body;
        if (!(file instanceof Buffer) || file.byteLength === 0) throw new ApiError('bad_request', 'The file is empty');
        if (looksBinary(file)) throw new ApiError('unsupported_media_type', 'This is not a CSV file (a spreadsheet? Save it as CSV first)');
        const personaOf = await personaResolver();
        if (query.dryRun) {
          const { rows, ready, errors, unmapped, headers, detected } = await readDeals(file, { mapping: query.columns, dates: query.dates, personaOf, keepDeals: false });
          const preview: ImportPreview = { rows, ready, errors, unmapped, headers, detected };
          return preview;
        }
        // A real import stages its deals in batches as the file is read; only `commit` makes any of it kept.
        const stage = crm.stageImport();
        const personaIds = new Set<string>();
        const onDeals = async (deals: Deal[]) => {
          for (const deal of deals) personaIds.add(deal.personaId);
          await queue.run(() => stage.add(deals));
        };
        let read: DealsRead;
        try {
          read = await readDeals(file, { mapping: query.columns, dates: query.dates, personaOf, keepDeals: true, onDeals });
          if (read.unusable) throw new ApiError('bad_request', unusableMessage(read.errors));
          if (read.ready === 0) throw new ApiError('bad_request', 'No row is ready to import: fix the rows with problems or map the persona values first');
        } catch (error) {
          await queue.run(() => stage.discard());
          throw error;
        }
        const record: CrmImportRecord = {
          id: randomBytes(9).toString('base64url'),
          at: new Date().toISOString(),
          by: memberRefOf(principal),
          kind: query.kind,
          rows: read.ready,
          sha256: createHash('sha256').update(file).digest('hex'),
          filename: query.filename ?? null,
          source: read.detected,
        };
        await queue.run(() => stage.commit(record, file));
        logger.info({ importId: record.id, rows: record.rows, skipped: read.rows - read.ready }, 'CRM import kept');
        await tellWhoAgreed(record, personaIds);
        return reply.status(201).send({ import: toCrmImport(record) });
      },
    );
  });

  /** Notices of the agreed targets the new import meets; a persona that cannot be read is logged and skipped. */
  async function tellWhoAgreed(record: CrmImportRecord, personaIds: ReadonlySet<string>): Promise<void> {
    const directory = await directoryOf(storage.people);
    for (const personaId of personaIds) {
      try {
        const state = await rooms.currentState(personaId);
        if (state === null) continue;
        const notices = await scorecards.noticesFor(record, personaId, personaTargetsOf(state, directory));
        if (notices.length > 0) await queue.run(() => crm.addNotices(notices));
        for (const event of targetMetEvents(record, personaId, notices)) feedback?.emit(event);
      } catch (err) {
        logger.error({ err, personaId, importId: record.id }, 'notices of met targets could not be made');
      }
    }
  }

  app.get('/api/crm/imports', async (request): Promise<CrmImportListResponse> => {
    await requireRole(auth, request, 'editor');
    return { imports: (await crm.listImports()).map(toCrmImport) };
  });

  app.get('/api/crm/persona-map', async (request): Promise<PersonaMapResponse> => {
    await requireRole(auth, request, 'editor');
    return { map: await mapResponse() };
  });

  app.put('/api/crm/persona-map', async (request): Promise<PersonaMapResponse> => {
    await requireRole(auth, request, 'editor');
    const changes = parseBody(personaMapRequestSchema, request.body);
    const ids = new Set((await storage.index.listIndex()).map((row) => row.id));
    const unknown = Object.values(changes).filter((id): id is string => id !== null && !ids.has(id));
    if (unknown.length > 0) throw new ApiError('bad_request', `There is no persona ${unknown.join(', ')}`);
    await queue.run(() => crm.updatePersonaMap(changes));
    return { map: await mapResponse() };
  });

  async function mapResponse(): Promise<Record<string, string>> {
    return Object.fromEntries((await crm.personaMap()).map((entry) => [entry.value, entry.personaId]));
  }
}

function memberRefOf(principal: Principal): CrmImportRecord['by'] {
  if (principal.kind !== 'member') return null;
  const { id, name, team } = principal.member;
  return { id, name, team };
}

function toCrmImport({ id, at, by, rows, sha256, filename }: CrmImportRecord): CrmImport {
  return { id, at, by, rows, sha256, filename };
}

function unusableMessage(errors: readonly { row: number; message: string }[]): string {
  const error = errors.find((e) => e.row === 1) ?? errors.at(-1);
  return error ? `Row ${error.row}: ${error.message}` : 'The file cannot be read';
}

/**
 * One event per met target, naming its signers (server-side sign-offs of the target). Its key is
 * made of the notices' ids, which name the target as agreed: the same target met again tells nobody twice.
 */
function targetMetEvents(record: CrmImportRecord, personaId: string, notices: readonly NoticeRecord[]): FeedbackEvent[] {
  const byTarget = new Map<string, NoticeRecord[]>();
  for (const notice of notices) {
    const targetId = String(notice.detail.targetId);
    byTarget.set(targetId, [...(byTarget.get(targetId) ?? []), notice]);
  }
  return [...byTarget.values()].map((group) => ({
    type: 'target-met',
    personaId,
    at: record.at,
    actorId: null,
    detail: { ...group[0]?.detail, signers: group.map((notice) => notice.memberId), dedupeKey: group.map((notice) => notice.id).sort().join(':') },
  }));
}
