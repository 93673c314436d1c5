import type { ReactNode } from 'react';
import type { Member, MeResponse, Team } from '../../../shared/api.ts';
import type { Role } from '../../../shared/protocol.ts';
import { SessionProvider } from '../../../client/src/session/context.tsx';
import type { SessionStore } from '../../../client/src/session/store.ts';
import { createSessionStore } from '../../../client/src/session/store.ts';

/** A member as `GET /api/me` would name them. */
export function memberOf(role: Role, overrides: Partial<Member> = {}): Member {
  const team: Team = role === 'editor' ? 'marketing' : 'other';
  return { id: `m-${role}`, name: `Test ${role}`, team, role, email: null, createdAt: '2026-01-01T00:00:00.000Z', active: true, ...overrides };
}

/** The server's answer for a member of `role`, or (with `operator`) for an operator token. */
export function meAs(role: Role, options: { operator?: boolean; member?: Partial<Member>; via?: MeResponse['via'] } = {}): MeResponse {
  return { member: options.operator ? null : memberOf(role, options.member), role, via: options.via ?? 'token' };
}

/**
 * A session store on the test's localStorage, in English unless a language is given. With `role`
 * (or `me`) the server's answer is already known; without, the store is still checking.
 */
export function makeSession(
  options: { languages?: readonly string[]; token?: string | null; role?: Role; me?: MeResponse } = {},
): SessionStore {
  const me = options.me ?? (options.role ? meAs(options.role) : undefined);
  return createSessionStore({
    storage: localStorage,
    languages: options.languages ?? ['en'],
    token: options.token ?? (me ? 'a-token' : null),
    ...(me ? { me } : {}),
  });
}

/** Wraps a tree in a SessionProvider; pass the store to drive it from the test. */
export function withSession(store: SessionStore = makeSession()) {
  return function Wrapper({ children }: { children: ReactNode }) {
    return <SessionProvider store={store}>{children}</SessionProvider>;
  };
}
