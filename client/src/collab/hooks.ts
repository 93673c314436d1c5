import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { ProfileField, SectionKey } from '../../../shared/persona/schema.ts';
import { getProfile, isSectionKey, PROFILE_FIELDS } from '../../../shared/persona/schema.ts';
import type { PresenceUser } from '../../../shared/presence.ts';
import { parsePresenceUser } from '../session/user.ts';
import type { PersonaRoom, RoomState } from './personaRoom.ts';

export function useRoomState(room: PersonaRoom): RoomState {
  return useSyncExternalStore(room.subscribe, room.getState);
}

export type ProfileValues = Readonly<Record<ProfileField, string>>;

/** Transaction origin of this browser's profile edits, so its undo manager tracks only them. */
export const PROFILE_ORIGIN = Symbol('tandem.profile');

function readProfile(map: Y.Map<string>): ProfileValues {
  const values = {} as Record<ProfileField, string>;
  for (const field of PROFILE_FIELDS) {
    const value = map.get(field);
    values[field] = typeof value === 'string' ? value : '';
  }
  return values;
}

/** The persona's profile map as a plain object that changes identity only when the map changes. */
export function useProfile(doc: Y.Doc): ProfileValues {
  const map = getProfile(doc);
  const store = useMemo(() => {
    let snapshot = readProfile(map);
    return {
      subscribe(listener: () => void) {
        const observer = () => {
          snapshot = readProfile(map);
          listener();
        };
        map.observe(observer);
        return () => map.unobserve(observer);
      },
      get: () => snapshot,
    };
  }, [map]);
  return useSyncExternalStore(store.subscribe, store.get);
}

/** Writes one profile field as this browser's edit (undoable by this browser only). */
export function setProfileField(doc: Y.Doc, field: ProfileField, value: string): void {
  const map = getProfile(doc);
  if (map.get(field) === value) return;
  doc.transact(() => map.set(field, value), PROFILE_ORIGIN);
}

export interface PresentParticipant extends PresenceUser {
  clientId: number;
  isSelf: boolean;
  /** The section this person is typing in, if any. */
  section: SectionKey | null;
}

/** The awareness field that says which section a participant is typing in. */
export const SECTION_FIELD = 'section';

/** Tells the others which section this browser is typing in (null: none). */
export function announceSection(awareness: Awareness, section: SectionKey | null): void {
  awareness.setLocalStateField(SECTION_FIELD, section);
}

function readPresence(awareness: Awareness): PresentParticipant[] {
  const people: PresentParticipant[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    const participant = parsePresenceUser((state as { user?: unknown }).user);
    const section = (state as { [SECTION_FIELD]?: unknown })[SECTION_FIELD];
    if (participant) {
      people.push({ ...participant, clientId, isSelf: clientId === awareness.clientID, section: isSectionKey(section) ? section : null });
    }
  }
  // Yourself first, then everyone else by name, so the list does not jump around.
  return people.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name) || a.clientId - b.clientId);
}

/** Everyone in the workshop right now, from the awareness states, validated. */
export function usePresence(awareness: Awareness): PresentParticipant[] {
  const store = useMemo(() => {
    let snapshot = readPresence(awareness);
    return {
      subscribe(listener: () => void) {
        const onChange = () => {
          snapshot = readPresence(awareness);
          listener();
        };
        awareness.on('change', onChange);
        return () => awareness.off('change', onChange);
      },
      get: () => snapshot,
    };
  }, [awareness]);
  return useSyncExternalStore(store.subscribe, store.get);
}
