import type { FastifyInstance } from 'fastify';
import type { ActivityResponse, MemberRef } from '../../shared/api.ts';
import { activityQuerySchema } from '../../shared/api.ts';
import { UNKNOWN_MEMBER_NAME, type Directory } from '../../shared/persona/authors.ts';
import { isPersonaId } from '../../shared/persona/schema.ts';
import type { ActivityRecorder } from '../activity/recorder.ts';
import type { Principal } from '../auth/access.ts';
import { directoryOf } from '../auth/members.ts';
import type { RoomRegistry } from '../collab/registry.ts';
import type { Storage } from '../storage/storage.ts';
import { requireRole, type RequestAuth } from './auth.ts';
import { ApiError, parseQuery } from './errors.ts';

export interface ActivityRoutesOptions {
  auth: RequestAuth;
  storage: Storage;
  rooms: RoomRegistry;
  activity: ActivityRecorder;
}

const DEFAULT_PAGE = 100;

/** SPEC §7: who did what to a persona, newest first, each member named as the directory knows them now. */
export function registerActivityRoutes(app: FastifyInstance, { auth, storage, rooms, activity }: ActivityRoutesOptions): void {
  app.get<{ Params: { id: string } }>('/api/personas/:id/activity', async (request): Promise<ActivityResponse> => {
    await requireRole(auth, request, 'editor');
    const { id } = request.params;
    if (!isPersonaId(id)) throw new ApiError('bad_request', 'A persona id is 1 to 64 letters, digits, "-" or "_"');
    const { limit = DEFAULT_PAGE, before } = parseQuery(activityQuerySchema, request.query);
    if (!(await rooms.exists(id))) throw new ApiError('not_found', `There is no persona ${id}`);
    // What peers did in the last second is still waiting to be written: the list includes it.
    await activity.flush();
    const [events, directory] = await Promise.all([
      storage.activity.list(id, { limit, ...(before ? { before } : {}) }),
      directoryOf(storage.people),
    ]);
    return {
      events: events.map(({ at, memberId, type, detail }) => ({ at, member: memberRefOf(memberId, directory), type, detail })),
    };
  });
}

/** A member as the directory names them now (removed members too); null for the Operator. */
export function memberRefOf(memberId: string | null, directory: Directory): MemberRef | null {
  if (memberId === null) return null;
  const member = directory.get(memberId);
  return { id: memberId, name: member?.name ?? UNKNOWN_MEMBER_NAME, team: member?.team ?? 'other' };
}

/** Who an HTTP request acts as, for the activity: the member, or null for the Operator. */
export function actorOf(principal: Principal): string | null {
  return principal.kind === 'member' ? principal.member.id : null;
}
