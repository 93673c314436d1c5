import { Eye, LoaderCircle } from 'lucide-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import type { AlignmentState } from '../../../../shared/persona/alignment.ts';
import type { SectionKey } from '../../../../shared/persona/schema.ts';
import type { PresenceUser } from '../../../../shared/presence.ts';
import { isPersonaId, SECTION_KEYS } from '../../../../shared/persona/schema.ts';
import { threadCountsBySection } from '../../../../shared/persona/threads.ts';
import { usePresence, useProfile, useRoomState } from '../../collab/hooks.ts';
import type { AccessProblem, PersonaRoom } from '../../collab/personaRoom.ts';
import { useAttribution } from '../../collab/useAttribution.ts';
import { useRoom } from '../../collab/useRoom.ts';
import { useT } from '../../i18n/index.ts';
import { useSession } from '../../session/context.tsx';
import { authoringParticipant } from '../../session/user.ts';
import { ReaderScreen, RefusedScreen, useRecheckAccess, WithAccess } from '../../session/SessionGate.tsx';
import { AccessScreen } from '../../ui/AccessScreen.tsx';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { PersonaAlignment } from '../evidence/Alignment.tsx';
import { PersonaHealthScreen, SavingFailsNotice } from '../health/HealthNotices.tsx';
import { ImportEvidenceDialog } from '../evidence/ImportEvidenceDialog.tsx';
import { LinkEvidenceDialog } from '../evidence/LinkEvidenceDialog.tsx';
import { useClaimLinking } from '../evidence/useClaimLinking.ts';
import { useAlignment, useEvidence, useLinkedIds } from '../evidence/useEvidence.ts';
import { LiveNotices } from '../feedback/LiveNotices.tsx';
import { useDeepLink } from './useDeepLink.ts';
import { useNotStarted } from '../guidance/guidance.ts';
import { usePersonaStatus } from '../lifecycle/usePersonaLifecycle.ts';
import { ArchiveButton, ArchivedBanner, MissingPersona } from '../lifecycle/WorkshopLifecycle.tsx';
import { useLatestVersion } from '../publishing/useLatestVersion.ts';
import { SignoffSummary } from '../signoff/SignoffStatus.tsx';
import { useSignoffs } from '../signoff/useSignoff.ts';
import { useThreads } from '../threads/useThreads.ts';
import { MentionDirectoryProvider } from '../mentions/MentionDirectory.tsx';
import { EditorToolbar } from './EditorToolbar.tsx';
import { JoinDialog } from './JoinDialog.tsx';
import { ProfileHeader } from './ProfileHeader.tsx';
import { SectionList } from './SectionList.tsx';
import { useSectionFocus } from './useSectionFocus.ts';
import { useWorkshopPanel } from './useWorkshopPanel.ts';
import { WorkshopHeader } from './WorkshopHeader.tsx';
import { WorkshopSide } from './WorkshopSide.tsx';

/** The route `/p/:id`: the live workshop for editors; readers are sent to the library, and no socket opens for them. */
export default function WorkshopRoute() {
  const { id = '' } = useParams();
  if (!isPersonaId(id)) return <AccessScreen reason="bad-id" />;
  return (
    <WithAccess>
      <WorkshopFor personaId={id} />
    </WithAccess>
  );
}

/** A member is who the server says; only an operator token's holder says who they are (SPEC §4). */
function WorkshopFor({ personaId }: { personaId: string }) {
  const token = useSession((s) => s.token);
  const me = useSession((s) => s.me);
  const identity = useSession((s) => s.identity);
  const setParticipant = useSession((s) => s.setParticipant);
  if (!me) return null;
  if (me.role === 'viewer') return <ReaderScreen personaId={personaId} />;
  if (!identity) {
    return (
      <>
        <AppHeader />
        <main className="workshop workshop--waiting" aria-hidden />
        <JoinDialog open onJoin={setParticipant} />
      </>
    );
  }
  return <Workshop key={personaId} personaId={personaId} token={token} memberId={me.member?.id ?? null} identity={identity} />;
}

function Workshop({ personaId, token, memberId, identity }: { personaId: string; token: string | null; memberId: string | null; identity: PresenceUser }) {
  const room = useRoom(personaId, token, memberId, identity);
  if (!room) return null;
  return <WorkshopView room={room} personaId={personaId} identity={identity} operator={memberId === null} />;
}

/** The socket was closed for good: say why, and ask the server again when the reason may be this member's. */
function ClosedWorkshop({ problem, personaId }: { problem: AccessProblem; personaId: string }) {
  const recheck = useRecheckAccess();
  const settled = problem !== 'unauthorized' && problem !== 'forbidden';
  useEffect(() => {
    if (!settled) recheck();
  }, [settled, recheck]);
  if (problem === 'forbidden') return <ReaderScreen personaId={personaId} reason="downgraded" />;
  if (problem === 'foreign-client') return <RefusedScreen />;
  if (problem === 'too-large' || problem === 'unreadable') return <PersonaHealthScreen reason={problem} />;
  if (problem === 'not-found') return <MissingPersona />;
  return <AccessScreen reason={problem} />;
}

/** The live workshop: reads the document and the room, and wires the header, the sections, the side panel and the dialogs. */
function WorkshopView({ room, personaId, identity, operator }: { room: PersonaRoom; personaId: string; identity: PresenceUser; operator: boolean }) {
  const t = useT();
  const participant = useMemo(() => authoringParticipant(identity), [identity]);
  const viewer = useSession((s) => s.role === 'viewer');
  const setParticipant = useSession((s) => s.setParticipant);
  const state = useRoomState(room);
  // SPEC §7: an archived persona opens read-only; the server ignores what would be written anyway.
  const lifecycle = usePersonaStatus(personaId, state.lifecycleChanges);
  const archived = lifecycle.status?.archived === true;
  const template = lifecycle.status?.template ?? 'blank';
  const readOnly = viewer || archived;
  const notStarted = useNotStarted(room.doc);
  const people = usePresence(room.awareness);
  const profile = useProfile(room.doc);
  const focus = useSectionFocus(room.awareness);
  const { activeSection, activeEditor, goToSection } = focus;
  const panel = useWorkshopPanel();
  useDeepLink(panel);
  const [editingParticipant, setEditingParticipant] = useState(false);
  const attribution = useAttribution(room.doc);
  const evidence = useEvidence(room.doc, attribution);
  const linked = useLinkedIds(room.doc);
  const alignment = useAlignment(evidence.items, linked);
  const threads = useThreads(room.doc, attribution);
  const threadCounts = useMemo(() => threadCountsBySection(threads), [threads]);
  const openThreads = threads.filter((thread) => !thread.resolved).length;
  const signoffs = useSignoffs(room.doc, attribution);
  const [latest, setLatest] = useLatestVersion(personaId);
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<number | null>(null);
  const linking = useClaimLinking();
  const [assumptions, setAssumptions] = useState<Partial<Record<SectionKey, number>>>({});
  const onAssumptionsChange = useCallback(
    (section: SectionKey, count: number) => setAssumptions((current) => (current[section] === count ? current : { ...current, [section]: count })),
    [],
  );

  const showStale = useCallback(() => {
    const section = SECTION_KEYS.find((key) => signoffs[key].status === 'stale');
    if (section) goToSection(section);
  }, [signoffs, goToSection]);
  const showState = useCallback(
    (state: AlignmentState) => {
      const section = SECTION_KEYS.find((key) => alignment.bySection[key].state === state);
      if (section) goToSection(section);
    },
    [alignment, goToSection],
  );

  useEffect(() => {
    document.title = profile.name ? `${profile.name} · Tandem` : 'Tandem';
    return () => {
      document.title = 'Tandem';
    };
  }, [profile.name]);

  if (state.problem) return <ClosedWorkshop problem={state.problem} personaId={personaId} />;

  const loading = !state.synced && !state.restoredLocally;
  const requestLinkOnActive = activeSection && activeEditor ? () => linking.request(activeSection, activeEditor) : null;

  return (
    <MentionDirectoryProvider enabled={!viewer}>
      <WorkshopHeader
        personaId={personaId}
        personaName={profile.name}
        status={state.status}
        readOnly={readOnly}
        participant={participant}
        signoffs={signoffs}
        alignment={alignment.bySection}
        openThreads={openThreads}
        notStarted={notStarted}
        lifecycle={<ArchiveButton personaId={personaId} onDone={lifecycle.refresh} />}
        latest={latest}
        onPublished={setLatest}
        {...(operator ? { onEditParticipant: () => setEditingParticipant(true) } : {})}
      />
      <div className="workshop" data-synced={state.synced} data-read-only={readOnly}>
        <main className="workshop__main">
          {archived ? (
            <ArchivedBanner personaId={personaId} onDone={lifecycle.refresh} />
          ) : readOnly ? (
            <p className="notice notice--info" data-testid="read-only-notice">
              <Eye aria-hidden size={16} /> {t('workshop.readOnly')}
            </p>
          ) : null}
          <SavingFailsNotice awareness={room.awareness} />
          {loading ? (
            <p className="notice" role="status">
              <LoaderCircle aria-hidden size={16} className="spin" /> {t('workshop.loading')}
            </p>
          ) : null}
          <ProfileHeader doc={room.doc} readOnly={readOnly} template={template} />
          <PersonaAlignment
            balance={alignment.balance}
            assumptions={Object.values(assumptions).reduce((sum, n) => sum + n, 0)}
            onShowState={showState}
            signoff={<SignoffSummary signoffs={signoffs} onShowStale={showStale} />}
          />
          {readOnly ? null : (
            <div className="workshop__toolbar">
              <EditorToolbar
                editor={activeEditor}
                sectionLabel={activeSection ? t(`section.${activeSection}`) : null}
                onLinkEvidence={requestLinkOnActive}
              />
              {linking.needsSelection ? (
                <p className="notice notice--info toolbar-hint" role="status">
                  {t('link.needsSelection')}
                </p>
              ) : null}
            </div>
          )}
          <SectionList
            doc={room.doc}
            provider={room.provider}
            participant={participant}
            readOnly={readOnly}
            onEditor={focus.onEditor}
            onFocusSection={focus.onFocusSection}
            onBlurSection={focus.onBlurSection}
            evidence={evidence}
            alignment={alignment.bySection}
            threadCounts={threadCounts}
            signoffs={signoffs}
            onShowEvidence={panel.showEvidence}
            onShowThreads={panel.showThreads}
            onRequestLink={linking.request}
            onAssumptionsChange={onAssumptionsChange}
            template={template}
            notStarted={notStarted}
            threads={threads}
            onRequestComment={panel.commentOnWords}
            onShowThread={panel.showThread}
          />
        </main>
        <WorkshopSide
          personaId={personaId}
          doc={room.doc}
          attribution={attribution}
          participant={participant}
          readOnly={readOnly}
          people={people}
          panel={panel}
          evidence={evidence}
          linked={linked}
          alignment={alignment.bySection}
          threads={threads}
          threadCounts={threadCounts}
          openThreads={openThreads}
          assumptions={assumptions}
          signoffs={signoffs}
          activeSection={activeSection}
          onGoToSection={goToSection}
          imported={imported}
          onImport={() => setImporting(true)}
        />
      </div>
      <LinkEvidenceDialog
        target={linking.target}
        evidence={evidence}
        onApply={linking.apply}
        onClose={linking.close}
        onOpenBoard={() => {
          linking.close();
          panel.showEvidence(linking.target?.section ?? 'summary');
        }}
      />
      {readOnly ? null : (
        <ImportEvidenceDialog
          doc={room.doc}
          participant={participant}
          open={importing}
          onOpenChange={(open) => {
            setImporting(open);
            if (open) setImported(null);
          }}
          onImported={setImported}
        />
      )}
      <LiveNotices personaId={personaId} />
      {operator && editingParticipant ? (
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
    </MentionDirectoryProvider>
  );
}
