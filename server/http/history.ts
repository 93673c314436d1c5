import type { FastifyInstance } from 'fastify';
import * as Y from 'yjs';
import type { Checkpoint, CheckpointContent, HistoryAuthor, HistoryResponse, RestoreResponse } from '../../shared/api.ts';
import { restoreRequestSchema } from '../../shared/api.ts';
import { OPERATOR_AUTHOR, OPERATOR_NAME, UNKNOWN_MEMBER_NAME, type Directory } from '../../shared/persona/authors.ts';
import { isPersonaId } from '../../shared/persona/schema.ts';
import { readPersonaSnapshot } from '../../shared/persona/snapshot.ts';
import { directoryOf } from '../auth/members.ts';
import type { ActivityRecorder } from '../activity/recorder.ts';
import type { RoomRegistry } from '../collab/registry.ts';
import type { Logger } from '../logger.ts';
import { checkpointState } from '../history/checkpointState.ts';
import type { CheckpointRecord, Storage } from '../storage/storage.ts';
import { actorOf } from './activity.ts';
import { requireRole, type RequestAuth } from './auth.ts';
import { ApiError, parseBody } from './errors.ts';

export interface HistoryRoutesOptions {
  auth: RequestAuth;
  storage: Storage;
  rooms: RoomRegistry;
  logger: Logger;
  activity: ActivityRecorder;
}

/** A persona's checkpoints, one of them read as the library reads a version, and restoring one (SPEC §7). */
export function registerHistoryRoutes(app: FastifyInstance, { auth, storage, rooms, logger, activity }: HistoryRoutesOptions): void {
  const { history, library } = storage;

  async function existingPersona(idParam: string): Promise<string> {
    if (!isPersonaId(idParam) || !(await rooms.exists(idParam))) throw new ApiError('not_found', `There is no persona ${idParam}`);
    return idParam;
  }

  app.get<{ Params: { id: string } }>('/api/personas/:id/history', async (request): Promise<HistoryResponse> => {
    await requireRole(auth, request, 'editor');
    const id = await existingPersona(request.params.id);
    const [records, directory] = await Promise.all([history.list(id), directoryOf(storage.people)]);
    return { checkpoints: records.map((record) => toCheckpoint(record, directory)) };
  });

  app.get<{ Params: { id: string; checkpointId: string } }>('/api/personas/:id/history/:checkpointId', async (request): Promise<CheckpointContent> => {
    await requireRole(auth, request, 'editor');
    const id = await existingPersona(request.params.id);
    const { checkpointId } = request.params;
    const [state, records, directory] = await Promise.all([checkpointState(history, id, checkpointId), history.list(id), directoryOf(storage.people)]);
    const record = records.find((r) => r.id === checkpointId);
    if (state === null || !record) throw new ApiError('not_found', `Persona ${id} has no checkpoint ${checkpointId}`);
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, state);
      const { snapshot, unreadable } = readPersonaSnapshot(doc, directory);
      if (unreadable.length > 0) logger.warn({ personaId: id, checkpointId, unreadable }, 'sections with a bad shape read as empty');
      return { id, ...snapshot, checkpoint: toCheckpoint(record, directory) };
    } finally {
      doc.destroy();
    }
  });

  app.post<{ Params: { id: string } }>('/api/personas/:id/restore', async (request): Promise<RestoreResponse> => {
    const principal = await requireRole(auth, request, 'editor');
    const body = parseBody(restoreRequestSchema, request.body);
    const id = await existingPersona(request.params.id);
    // SPEC §7: an archived persona is read-only, its draft included.
    if ((await storage.index.status(id))?.archivedAt) throw new ApiError('conflict', `Persona ${id} is archived: unarchive it before restoring`);
    // The source is read first: a restore from nothing changes nothing, not even the history.
    const source = 'checkpoint' in body ? await checkpointState(history, id, body.checkpoint) : await library.getVersionState(id, body.version);
    if (source === null) {
      throw new ApiError('not_found', 'checkpoint' in body ? `Persona ${id} has no checkpoint ${body.checkpoint}` : `Persona ${id} has no version ${body.version}`);
    }
    const author = principal.kind === 'member' ? principal.member.id : OPERATOR_AUTHOR;
    const restored = await rooms.withRoom(id, (room) => room.restore(source, author));
    if (restored === null) throw new ApiError('not_found', `There is no persona ${id}`);
    const from = 'checkpoint' in body ? { checkpoint: body.checkpoint } : { version: body.version };
    await activity.record({ personaId: id, at: new Date().toISOString(), memberId: actorOf(principal), type: 'restored', detail: { ...from, undo: restored.result } });
    logger.info({ personaId: id, from: body, undo: restored.result }, 'draft restored');
    return { checkpoint: restored.result };
  });
}

function toCheckpoint(record: CheckpointRecord, directory: Directory): Checkpoint {
  return { id: record.id, at: record.at, kind: record.kind, authors: record.authors.map((key) => authorOf(key, directory)) };
}

function authorOf(key: string, directory: Directory): HistoryAuthor {
  if (key === OPERATOR_AUTHOR) return { id: null, name: OPERATOR_NAME, team: 'other' };
  const member = directory.get(key);
  return { id: key, name: member?.name ?? UNKNOWN_MEMBER_NAME, team: member?.team ?? 'other' };
}
