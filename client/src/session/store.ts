import { create } from 'zustand';
import type { MeResponse } from '../../../shared/api.ts';
import type { PresenceUser } from '../../../shared/presence.ts';
import type { Role } from '../../../shared/protocol.ts';
import type { Locale } from '../i18n/locale.ts';
import { detectLocale, LOCALE_STORAGE_KEY } from '../i18n/locale.ts';
import type { AccessState } from './identity.ts';
import { identityOf, ME_STORAGE_KEY, recallMe, rememberMe } from './identity.ts';
import { TOKEN_STORAGE_KEY } from './token.ts';
import type { Participant } from './user.ts';
import { loadParticipant, saveParticipant } from './user.ts';

/** Local session state only: who this browser is and how it talks. Never a copy of a persona. */
export interface SessionState {
  token: string | null;
  access: AccessState;
  /** The server's answer to `GET /api/me` (SPEC §6); null until it is known. */
  me: MeResponse | null;
  /** The role in force, from the server (never read from the token). */
  role: Role | null;
  /** What an operator token's holder said about themself (SPEC §4 `tandem.user`); members never type this. */
  participant: Participant | null;
  /** Who this browser is in presence: the member's own name, team and colour, or the operator's participant. */
  identity: PresenceUser | null;
  locale: Locale;
  setParticipant: (participant: Participant) => void;
  setLocale: (locale: Locale) => void;
  /** Records the server's answer about this browser's credential. */
  settle: (outcome: { me: MeResponse } | { refused: true } | { unreachable: true }) => void;
  /** Forgets the token and who this browser was: the access screen follows. */
  forgetToken: () => void;
}

export interface SessionEnvironment {
  storage: Storage;
  languages: readonly string[];
  token: string | null;
  /** Already known (tests); otherwise `checkAccess` asks the server. */
  me?: MeResponse;
}

export function createSessionStore({ storage, languages, token, me }: SessionEnvironment) {
  const participant = loadParticipant(storage);
  return create<SessionState>()((set, get) => ({
    token,
    access: me ? 'ready' : 'checking',
    me: me ?? null,
    role: me?.role ?? null,
    participant,
    identity: identityOf(me ?? null, participant),
    locale: detectLocale(storage.getItem(LOCALE_STORAGE_KEY), languages),
    setParticipant: (next) => {
      saveParticipant(storage, next);
      set({ participant: next, identity: identityOf(get().me, next) });
    },
    setLocale: (locale) => {
      storage.setItem(LOCALE_STORAGE_KEY, locale);
      set({ locale });
    },
    settle: (outcome) => {
      const { token: current, participant: stated } = get();
      if ('me' in outcome) {
        rememberMe(storage, current, outcome.me);
        set({ access: 'ready', me: outcome.me, role: outcome.me.role, identity: identityOf(outcome.me, stated) });
      } else if ('refused' in outcome) {
        storage.removeItem(ME_STORAGE_KEY);
        set({ access: current ? 'unauthorized' : 'signed-out', me: null, role: null, identity: null });
      } else {
        // Offline: the last answer for this credential keeps the app (and its offline copy) usable.
        const kept = recallMe(storage, current);
        if (kept) set({ access: 'ready', me: kept, role: kept.role, identity: identityOf(kept, stated) });
        else if (get().access !== 'ready') set({ access: 'unreachable' });
      }
    },
    forgetToken: () => {
      storage.removeItem(TOKEN_STORAGE_KEY);
      storage.removeItem(ME_STORAGE_KEY);
      set({ token: null, access: 'signed-out', me: null, role: null, identity: null });
    },
  }));
}

export type SessionStore = ReturnType<typeof createSessionStore>;
