// A persona's life (SPEC §7): archive and unarchive (editors), trash and untrash (admins); the
// erase after the retention is the trash sweep's (server/persona/trashSweep.ts).
import type { FastifyInstance } from 'fastify';
import type { LifecycleResponse, PersonaStatusResponse } from '../../shared/api.ts';
import type { ActivityRecorder } from '../activity/recorder.ts';
import type { RoomRegistry } from '../collab/registry.ts';
import { eraseDateOf } from '../persona/trashSweep.ts';
import type { PersonaStatus, Storage } from '../storage/storage.ts';
import type { WriteQueue } from '../storage/writeQueue.ts';
import { actorOf } from './activity.ts';
import { requireRole, type RequestAuth } from './auth.ts';
import { ApiError } from './errors.ts';
import { personaIdParam } from './library.ts';

export interface LifecycleRoutesOptions {
  auth: RequestAuth;
  queue: WriteQueue;
  storage: Storage;
  rooms: RoomRegistry;
  activity: ActivityRecorder;
  trashRetentionDays: number;
}

type Params = { Params: { id: string } };

export function registerLifecycleRoutes(app: FastifyInstance, { auth, queue, storage, rooms, activity, trashRetentionDays }: LifecycleRoutesOptions): void {
  const { index } = storage;

  /** The persona's status; 404 when it does not exist, or is in the trash unless `trashed` is allowed. */
  async function statusOf(id: string, { trashed = false } = {}): Promise<PersonaStatus> {
    const status = await index.status(id);
    if (status === null || (status.trashedAt !== null && !trashed)) throw new ApiError('not_found', `There is no persona ${id}`);
    return status;
  }

  async function answer(id: string): Promise<LifecycleResponse> {
    const { archivedAt, trashedAt } = await statusOf(id, { trashed: true });
    return { id, archived: archivedAt !== null, trashedAt, eraseAt: trashedAt === null ? null : eraseDateOf(trashedAt, trashRetentionDays) };
  }

  app.get<Params>('/api/personas/:id/status', async (request): Promise<PersonaStatusResponse> => {
    await requireRole(auth, request, 'editor');
    const id = personaIdParam(request.params.id);
    const { archivedAt, template } = await statusOf(id);
    return { id, archived: archivedAt !== null, archivedAt, template };
  });

  app.post<Params>('/api/personas/:id/archive', async (request) => {
    const principal = await requireRole(auth, request, 'editor');
    const id = personaIdParam(request.params.id);
    const status = await statusOf(id);
    if (status.archivedAt !== null) throw new ApiError('conflict', `Persona ${id} is already archived (since ${status.archivedAt})`);
    if (await queue.run(() => index.archive(id, new Date().toISOString()))) {
      rooms.setArchived(id, true);
      await activity.record({ personaId: id, at: new Date().toISOString(), memberId: actorOf(principal), type: 'archived', detail: {} });
    }
    return answer(id);
  });

  app.post<Params>('/api/personas/:id/unarchive', async (request) => {
    const principal = await requireRole(auth, request, 'editor');
    const id = personaIdParam(request.params.id);
    const status = await statusOf(id);
    if (status.archivedAt === null) throw new ApiError('conflict', `Persona ${id} is not archived`);
    if (await queue.run(() => index.unarchive(id))) {
      rooms.setArchived(id, false);
      await activity.record({ personaId: id, at: new Date().toISOString(), memberId: actorOf(principal), type: 'unarchived', detail: {} });
    }
    return answer(id);
  });

  app.delete<Params>('/api/personas/:id', async (request) => {
    const principal = await requireRole(auth, request, 'admin');
    const id = personaIdParam(request.params.id);
    const status = await statusOf(id, { trashed: true });
    if (status.trashedAt !== null) throw new ApiError('conflict', `Persona ${id} is already in the trash (since ${status.trashedAt})`);
    if (await queue.run(() => index.trash(id, new Date().toISOString()))) {
      // Its sockets close with 4404 and its room is written out now; new ones get 4404 (S1).
      await rooms.evict(id);
      await activity.record({ personaId: id, at: new Date().toISOString(), memberId: actorOf(principal), type: 'trashed', detail: {} });
    }
    return answer(id);
  });

  app.post<Params>('/api/personas/:id/untrash', async (request) => {
    const principal = await requireRole(auth, request, 'admin');
    const id = personaIdParam(request.params.id);
    const status = await statusOf(id, { trashed: true });
    if (status.trashedAt === null) throw new ApiError('conflict', `Persona ${id} is not in the trash`);
    if (await queue.run(() => index.untrash(id))) {
      await activity.record({ personaId: id, at: new Date().toISOString(), memberId: actorOf(principal), type: 'untrashed', detail: {} });
    }
    return answer(id);
  });
}
