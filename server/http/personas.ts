import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import * as Y from 'yjs';
import type { PersonaListResponse } from '../../shared/api.ts';
import { CHANGE_TYPES, createPersonaRequestSchema, personaListQuerySchema } from '../../shared/api.ts';
import type { ActivityRecorder } from '../activity/recorder.ts';
import { directoryOf } from '../auth/members.ts';
import { personaTargetsOf, type Scorecards } from '../crm/scorecards.ts';
import type { RoomRegistry } from '../collab/registry.ts';
import { indexEntryOf } from '../persona/indexEntry.ts';
import { buildPersonaState } from '../persona/templates.ts';
import { eraseDateOf } from '../persona/trashSweep.ts';
import type { CrmImportRecord, Storage } from '../storage/storage.ts';
import type { WriteQueue } from '../storage/writeQueue.ts';
import { actorOf, memberRefOf } from './activity.ts';
import { requireRole, type RequestAuth } from './auth.ts';
import { ApiError, parseBody, parseQuery } from './errors.ts';

export interface PersonaRoutesOptions {
  auth: RequestAuth;
  queue: WriteQueue;
  storage: Storage;
  rooms: RoomRegistry;
  /** Days a persona stays in the trash before it is erased. */
  trashRetentionDays: number;
  activity: ActivityRecorder;
  scorecards: Scorecards;
}

/** 12 URL-safe characters: unguessable, and valid as a persona id. */
const newPersonaId = () => randomBytes(9).toString('base64url');

export function registerPersonaRoutes(app: FastifyInstance, { auth, queue, storage, rooms, activity, scorecards, trashRetentionDays }: PersonaRoutesOptions): void {
  app.get('/api/personas', async (request): Promise<PersonaListResponse> => {
    const { archived = false, trashed = false, limit, cursor } = parseQuery(personaListQuerySchema, request.query);
    // SPEC §7: the trash is the admins' (they alone trash and untrash).
    await requireRole(auth, request, trashed ? 'admin' : 'editor');
    const view = trashed ? 'trash' : archived ? 'archived' : 'drafts';
    const after = cursor === undefined ? null : readCursor(cursor);
    await activity.flush();
    // One row more than the page says whether another page follows.
    const [found, directory, latest] = await Promise.all([
      storage.index.listIndex(view, { limit: limit + 1, after }),
      directoryOf(storage.people),
      storage.crm.latestImport(),
    ]);
    const rows = found.slice(0, limit);
    const last = rows.at(-1);
    const nextCursor = found.length > limit && last ? writeCursor(last) : null;
    const targetsMet = await targetsMetOf(latest);
    const lastChanges = await storage.activity.lastChanged(rows.map((row) => row.id), CHANGE_TYPES);
    const personas = rows.map((row) => {
      // A persona being edited right now is read from its document; the stored row lags by a second.
      const { name, role, segment, evidence, updatedAt } = rooms.liveIndexEntry(row.id, directory) ?? row;
      return {
        id: row.id,
        name,
        role,
        segment,
        updatedAt,
        evidence,
        publishedVersion: row.publishedVersion,
        publishedAt: row.publishedAt,
        archived: row.archivedAt !== null,
        trashedAt: row.trashedAt,
        eraseAt: row.trashedAt === null ? null : eraseDateOf(row.trashedAt, trashRetentionDays),
        lastChangedBy: memberRefOf(lastChanges.get(row.id)?.memberId ?? null, directory),
        targetsMet: targetsMet.get(row.id) ?? 0,
      };
    });
    // Most recently changed first; ISO strings of one format sort as their times do.
    personas.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
    return { personas, nextCursor };

    /** SPEC §8's mark in the list: only personas with deals in the latest import can have met a target. */
    async function targetsMetOf(record: CrmImportRecord | null): Promise<Map<string, number>> {
      const met = new Map<string, number>();
      if (record === null) return met;
      const now = new Date();
      for (const personaId of (await storage.crm.dealCounts(record.id)).keys()) {
        const state = await rooms.currentState(personaId);
        if (state === null) continue;
        met.set(personaId, await scorecards.targetsMet(personaId, personaTargetsOf(state, directory).targets, record, now));
      }
      return met;
    }
  });

  app.post('/api/personas', async (request, reply) => {
    const principal = await requireRole(auth, request, 'editor');
    const { name, template = 'blank', language = 'en' } = parseBody(createPersonaRequestSchema, request.body);
    const now = new Date();
    // S3: the template is written here, once, never by a client.
    const state = buildPersonaState({ template, language, now, ...(name ? { name } : {}) });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    for (;;) {
      const id = newPersonaId();
      const entry = indexEntryOf(id, doc, now);
      if (await queue.run(() => storage.createPersona(entry, state, template))) {
        doc.destroy();
        await activity.record({ personaId: id, at: now.toISOString(), memberId: actorOf(principal), type: 'created', detail: { template } });
        return reply.status(201).send({ id });
      }
    }
  });
}

/** The cursor is opaque to clients: the last row's place in the list's order (stored updatedAt, id). */
function writeCursor(row: { id: string; updatedAt: string }): string {
  return Buffer.from(JSON.stringify([row.updatedAt, row.id])).toString('base64url');
}

function readCursor(cursor: string): { updatedAt: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { updatedAt: value[0], id: value[1] };
    }
  } catch {
    // answered below
  }
  throw new ApiError('bad_request', 'cursor is not one this server gave out; start again without it');
}
