import { useEffect, useRef, useState } from 'react';
import type { Participant } from '../session/user.ts';
import { PersonaRoom, serverOriginOf } from './personaRoom.ts';

/** The open persona's room for as long as the component is mounted; a new one when the persona or token changes. */
export function useRoom(personaId: string, token: string, participant: Participant): PersonaRoom | null {
  const [room, setRoom] = useState<PersonaRoom | null>(null);
  // The room starts with whoever is joining; later changes go through setParticipant below.
  const participantRef = useRef(participant);
  useEffect(() => {
    const next = new PersonaRoom({
      personaId,
      token,
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
  }, [personaId, token]);
  useEffect(() => {
    participantRef.current = participant;
    room?.setParticipant(participant);
  }, [room, participant]);
  return room;
}
