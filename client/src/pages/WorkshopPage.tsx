import type { Editor } from '@tiptap/react';
import { Eye, LoaderCircle } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import type { SectionKey } from '../../../shared/persona/schema.ts';
import { isPersonaId, SECTION_KEYS } from '../../../shared/persona/schema.ts';
import { announceSection, SECTION_FIELD, usePresence, useProfile, useRoomState } from '../collab/hooks.ts';
import { PersonaRoom, serverOriginOf } from '../collab/personaRoom.ts';
import { AccessScreen } from '../components/AccessScreen.tsx';
import { AppHeader } from '../components/AppHeader.tsx';
import { ConnectionIndicator } from '../components/ConnectionIndicator.tsx';
import { EditorToolbar } from '../components/EditorToolbar.tsx';
import { JoinDialog } from '../components/JoinDialog.tsx';
import { PresenceList } from '../components/PresenceList.tsx';
import { ProfileHeader } from '../components/ProfileHeader.tsx';
import { SectionEditor } from '../components/SectionEditor.tsx';
import { ShareDialog } from '../components/ShareDialog.tsx';
import { useT } from '../i18n/index.ts';
import { useSession } from '../session/context.tsx';
import type { Participant } from '../session/user.ts';

/** The route `/p/:id`: ask who you are, then open the live workshop. */
export default function WorkshopRoute() {
  const { id = '' } = useParams();
  const token = useSession((s) => s.token);
  const participant = useSession((s) => s.participant);
  const setParticipant = useSession((s) => s.setParticipant);

  if (!isPersonaId(id)) return <AccessScreen reason="bad-id" />;
  if (!token) return <AccessScreen reason="no-token" />;
  if (!participant) {
    return (
      <>
        <AppHeader />
        <main className="workshop workshop--waiting" aria-hidden />
        <JoinDialog open onJoin={setParticipant} />
      </>
    );
  }
  return <Workshop key={id} personaId={id} token={token} participant={participant} />;
}

function useRoom(personaId: string, token: string, participant: Participant): PersonaRoom | null {
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

function Workshop({ personaId, token, participant }: { personaId: string; token: string; participant: Participant }) {
  const room = useRoom(personaId, token, participant);
  if (!room) return null;
  return <WorkshopView room={room} personaId={personaId} participant={participant} />;
}

function WorkshopView({ room, personaId, participant }: { room: PersonaRoom; personaId: string; participant: Participant }) {
  const t = useT();
  const readOnly = useSession((s) => s.role === 'viewer');
  const setParticipant = useSession((s) => s.setParticipant);
  const state = useRoomState(room);
  const people = usePresence(room.awareness);
  const profile = useProfile(room.doc);
  const editors = useRef(new Map<SectionKey, Editor>());
  const [activeSection, setActiveSection] = useState<SectionKey | null>(null);
  const [editingParticipant, setEditingParticipant] = useState(false);

  const onEditor = useCallback((section: SectionKey, editor: Editor | null) => {
    if (editor) editors.current.set(section, editor);
    else editors.current.delete(section);
  }, []);
  const onFocusSection = useCallback(
    (section: SectionKey) => {
      setActiveSection(section);
      announceSection(room.awareness, section);
    },
    [room],
  );
  const onBlurSection = useCallback(
    (section: SectionKey) => {
      if (room.awareness.getLocalState()?.[SECTION_FIELD] === section) announceSection(room.awareness, null);
    },
    [room],
  );
  const goToSection = useCallback((section: SectionKey) => {
    const editor = editors.current.get(section);
    if (editor?.isEditable) editor.commands.focus('end', { scrollIntoView: true });
    else document.getElementById(`section-${section}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, []);

  useEffect(() => {
    document.title = profile.name ? `${profile.name} · Tandem` : 'Tandem';
    return () => {
      document.title = 'Tandem';
    };
  }, [profile.name]);

  if (state.problem) return <AccessScreen reason={state.problem} />;

  const loading = !state.synced && !state.restoredLocally;
  const activeEditor = activeSection ? (editors.current.get(activeSection) ?? null) : null;

  return (
    <>
      <AppHeader onEditParticipant={() => setEditingParticipant(true)}>
        <span className="app-header__title">{profile.name || t('home.untitled')}</span>
        <ConnectionIndicator status={state.status} />
      </AppHeader>
      <div className="workshop" data-synced={state.synced} data-read-only={readOnly}>
        <main className="workshop__main">
          {readOnly ? (
            <p className="notice notice--info" data-testid="read-only-notice">
              <Eye aria-hidden size={16} /> {t('workshop.readOnly')}
            </p>
          ) : null}
          {loading ? (
            <p className="notice" role="status">
              <LoaderCircle aria-hidden size={16} className="spin" /> {t('workshop.loading')}
            </p>
          ) : null}
          <ProfileHeader doc={room.doc} readOnly={readOnly} />
          {readOnly ? null : (
            <div className="workshop__toolbar">
              <EditorToolbar editor={activeEditor} sectionLabel={activeSection ? t(`section.${activeSection}`) : null} />
            </div>
          )}
          <div className="sections">
            {SECTION_KEYS.map((section) => (
              <SectionEditor
                key={section}
                doc={room.doc}
                provider={room.provider}
                section={section}
                participant={participant}
                readOnly={readOnly}
                onEditor={onEditor}
                onFocusSection={onFocusSection}
                onBlurSection={onBlurSection}
              />
            ))}
          </div>
        </main>
        <aside className="workshop__side" aria-label={t('workshop.sidebar')}>
          <PresenceList people={people} onGoToSection={goToSection} />
          {readOnly ? null : <ShareDialog personaId={personaId} />}
          <nav className="section-nav" aria-label={t('workshop.sections')}>
            <h2 className="section-nav__title">{t('workshop.sections')}</h2>
            <ol>
              {SECTION_KEYS.map((section) => (
                <li key={section}>
                  <button
                    type="button"
                    className="section-nav__link"
                    aria-current={activeSection === section ? 'true' : undefined}
                    onClick={() => goToSection(section)}
                  >
                    {t(`section.${section}`)}
                  </button>
                </li>
              ))}
            </ol>
          </nav>
        </aside>
      </div>
      {editingParticipant ? (
        <JoinDialog
          open
          current={participant}
          onJoin={(next) => {
            setParticipant(next);
            setEditingParticipant(false);
          }}
          onCancel={() => setEditingParticipant(false)}
        />
      ) : null}
    </>
  );
}
