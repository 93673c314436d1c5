import type { MeResponse } from '../../../shared/api.ts';
import { meResponseSchema } from '../../../shared/api.ts';
import type { PresenceUser } from '../../../shared/presence.ts';
import { presenceUserOf } from '../../../shared/presence.ts';
import type { Participant } from './user.ts';

/**
 * Where this browser stands with the server: asking (`checking`), known (`ready`, with `me`),
 * no credential at all (`signed-out`), a credential the server refuses (`unauthorized`: expired,
 * revoked, or the member removed), or no answer and nothing remembered (`unreachable`).
 */
export type AccessState = 'checking' | 'ready' | 'signed-out' | 'unauthorized' | 'unreachable';

/** The last `GET /api/me` answer, so a reload while offline still knows who this browser is. */
export const ME_STORAGE_KEY = 'tandem.me';

export function rememberMe(storage: Pick<Storage, 'setItem'>, token: string | null, me: MeResponse): void {
  storage.setItem(ME_STORAGE_KEY, JSON.stringify({ token, me }));
}

/** The remembered answer, only when it was given for this same credential. */
export function recallMe(storage: Pick<Storage, 'getItem'>, token: string | null): MeResponse | null {
  try {
    const kept = JSON.parse(storage.getItem(ME_STORAGE_KEY) ?? 'null') as { token?: unknown; me?: unknown } | null;
    if (!kept || kept.token !== token) return null;
    const me = meResponseSchema.safeParse(kept.me);
    return me.success ? me.data : null;
  } catch {
    return null;
  }
}

/**
 * Who this browser is in the workshop: a member as the server names them (SPEC §4, §6), or, with
 * an operator token, the participant this browser stated (null until the join dialog is answered).
 */
export function identityOf(me: MeResponse | null, stated: Participant | null): PresenceUser | null {
  if (me?.member) return presenceUserOf(me.member);
  return me ? stated : null;
}
