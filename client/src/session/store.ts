import { create } from 'zustand';
import type { Role } from '../../../shared/protocol.ts';
import type { Locale } from '../i18n/locale.ts';
import { detectLocale, LOCALE_STORAGE_KEY } from '../i18n/locale.ts';
import { claimedRole, TOKEN_STORAGE_KEY } from './token.ts';
import type { Participant } from './user.ts';
import { loadParticipant, saveParticipant } from './user.ts';

/** Local session state only: who this browser is and how it talks. Never a copy of a persona. */
export interface SessionState {
  token: string | null;
  role: Role | null;
  participant: Participant | null;
  locale: Locale;
  setParticipant: (participant: Participant) => void;
  setLocale: (locale: Locale) => void;
  forgetToken: () => void;
}

export interface SessionEnvironment {
  storage: Storage;
  languages: readonly string[];
  token: string | null;
}

export function createSessionStore({ storage, languages, token }: SessionEnvironment) {
  return create<SessionState>()((set) => ({
    token,
    role: claimedRole(token),
    participant: loadParticipant(storage),
    locale: detectLocale(storage.getItem(LOCALE_STORAGE_KEY), languages),
    setParticipant: (participant) => {
      saveParticipant(storage, participant);
      set({ participant });
    },
    setLocale: (locale) => {
      storage.setItem(LOCALE_STORAGE_KEY, locale);
      set({ locale });
    },
    forgetToken: () => {
      storage.removeItem(TOKEN_STORAGE_KEY);
      set({ token: null, role: null });
    },
  }));
}

export type SessionStore = ReturnType<typeof createSessionStore>;
