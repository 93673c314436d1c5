import { useEffect, useRef, useState } from 'react';
import type { PresenceUser } from '../../../shared/presence.ts';
import { PersonaRoom, serverOriginOf } from './personaRoom.ts';

/** The open persona's room for as long as the component is mounted; a new one when the persona, token or member changes. */
export function useRoom(personaId: string, token: string | null, memberId: string | null, participant: PresenceUser): PersonaRoom | null {
  const [room, setRoom] = useState<PersonaRoom | null>(null);
  // The room starts with whoever is joining; later changes go through setParticipant below.
  const participantRef = useRef(participant);
  useEffect(() => {
    const next = new PersonaRoom({
      personaId,
      token,
      memberId,
      participant: participantRef.current,
      serverOrigin: serverOriginOf(window.location),
      keepLocalCopy: typeof indexedDB !== 'undefined',
      network: window,
    });
    setRoom(next);
    return () => {
      next.destroy();
      setRoom(null);
    };
  }, [personaId, token, memberId]);
  useEffect(() => {
    participantRef.current = participant;
    room?.setParticipant(participant);
  }, [room, participant]);
  return room;
}
