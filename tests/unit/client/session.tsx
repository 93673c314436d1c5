import type { ReactNode } from 'react';
import { SessionProvider } from '../../../client/src/session/context.tsx';
import type { SessionStore } from '../../../client/src/session/store.ts';
import { createSessionStore } from '../../../client/src/session/store.ts';

/** A session store on the test's localStorage, in English unless a language is given. */
export function makeSession(options: { languages?: readonly string[]; token?: string | null } = {}): SessionStore {
  return createSessionStore({ storage: localStorage, languages: options.languages ?? ['en'], token: options.token ?? null });
}

/** Wraps a tree in a SessionProvider; pass the store to drive it from the test. */
export function withSession(store: SessionStore = makeSession()) {
  return function Wrapper({ children }: { children: ReactNode }) {
    return <SessionProvider store={store}>{children}</SessionProvider>;
  };
}
