import type { Editor } from '@tiptap/react';
import { BookOpen, Eye, FileUp, LoaderCircle } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import type { AlignmentState } from '../../../../shared/persona/alignment.ts';
import type { SectionKey } from '../../../../shared/persona/schema.ts';
import { isPersonaId, SECTION_KEYS } from '../../../../shared/persona/schema.ts';
import { threadCountsBySection } from '../../../../shared/persona/threads.ts';
import { useAlignment, useEvidence, useLinkedIds } from '../evidence/useEvidence.ts';
import { useThreads } from '../threads/useThreads.ts';
import { announceSection, SECTION_FIELD, usePresence, useProfile, useRoomState } from '../../collab/hooks.ts';
import type { PersonaRoom } from '../../collab/personaRoom.ts';
import { useLatestVersion } from '../publishing/useLatestVersion.ts';
import { useSignoffs } from '../signoff/useSignoff.ts';
import { useRoom } from '../../collab/useRoom.ts';
import { AccessScreen } from '../../ui/AccessScreen.tsx';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';
import { PersonaAlignment } from '../evidence/Alignment.tsx';
import { EditorToolbar } from './EditorToolbar.tsx';
import { EvidenceBoard } from '../evidence/EvidenceBoard.tsx';
import { ImportEvidenceDialog } from '../evidence/ImportEvidenceDialog.tsx';
import { JoinDialog } from './JoinDialog.tsx';
import { PresenceList } from './PresenceList.tsx';
import { ProfileHeader } from './ProfileHeader.tsx';
import { SectionEditor } from './SectionEditor.tsx';
import { LinkEvidenceDialog } from '../evidence/LinkEvidenceDialog.tsx';
import { PdfDownloadButton, pdfFilename } from '../publishing/PdfDownloadButton.tsx';
import { PublishDialog } from '../publishing/PublishDialog.tsx';
import { ShareDialog } from './ShareDialog.tsx';
import { SignoffSummary } from '../signoff/SignoffStatus.tsx';
import { ThreadsPanel } from '../threads/ThreadsPanel.tsx';
import type { PanelTab } from './WorkshopPanel.tsx';
import { WorkshopPanel } from './WorkshopPanel.tsx';
import { useClaimLinking } from '../evidence/useClaimLinking.ts';
import { useT } from '../../i18n/index.ts';
import { useSession } from '../../session/context.tsx';
import type { Participant } from '../../session/user.ts';

/** The route `/p/:id`: ask who you are, then open the live workshop. Viewers read the library instead. */
export default function WorkshopRoute() {
  const { id = '' } = useParams();
  const token = useSession((s) => s.token);
  const role = useSession((s) => s.role);
  const participant = useSession((s) => s.participant);
  const setParticipant = useSession((s) => s.setParticipant);

  if (!isPersonaId(id)) return <AccessScreen reason="bad-id" />;
  if (!token) return <AccessScreen reason="no-token" />;
  if (role === 'viewer') return <Navigate to={`/library/${id}`} replace />;
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
  const evidence = useEvidence(room.doc);
  const linked = useLinkedIds(room.doc);
  const alignment = useAlignment(evidence.items, linked);
  const threads = useThreads(room.doc);
  const threadCounts = useMemo(() => threadCountsBySection(threads), [threads]);
  const openThreads = threads.filter((thread) => !thread.resolved).length;
  const signoffs = useSignoffs(room.doc);
  const [latest, setLatest] = useLatestVersion(personaId);
  const [tab, setTab] = useState<PanelTab>('evidence');
  const [boardSection, setBoardSection] = useState<SectionKey | 'all'>('all');
  const [threadSection, setThreadSection] = useState<SectionKey | 'all'>('all');
  const [composeRequest, setComposeRequest] = useState(0);
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<number | null>(null);
  const linking = useClaimLinking();
  const [assumptions, setAssumptions] = useState<Partial<Record<SectionKey, number>>>({});
  const onAssumptionsChange = useCallback(
    (section: SectionKey, count: number) => setAssumptions((current) => (current[section] === count ? current : { ...current, [section]: count })),
    [],
  );

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

  const showEvidence = useCallback((section: SectionKey) => {
    setBoardSection(section);
    setTab('evidence');
  }, []);
  const showThreads = useCallback((section: SectionKey) => {
    setThreadSection(section);
    setTab('threads');
    setComposeRequest((n) => n + 1);
  }, []);
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

  if (state.problem) return <AccessScreen reason={state.problem} />;

  const loading = !state.synced && !state.restoredLocally;
  const activeEditor = activeSection ? (editors.current.get(activeSection) ?? null) : null;
  const requestLinkOnActive = activeSection && activeEditor ? () => linking.request(activeSection, activeEditor) : null;

  return (
    <>
      <AppHeader onEditParticipant={() => setEditingParticipant(true)}>
        <span className="app-header__title">{profile.name || t('home.untitled')}</span>
        <ConnectionIndicator status={state.status} />
        {readOnly ? null : (
          <div className="workshop-actions">
            {/* The titles name the buttons where narrow screens leave them only their icon. */}
            <span className="workshop-actions__item" title={t('pdf.download')}>
              <PdfDownloadButton path={`/api/personas/${personaId}/export.pdf`} filename={pdfFilename(profile.name, 'draft')} />
            </span>
            <span className="workshop-actions__item" title={t('share.button')}>
              <ShareDialog personaId={personaId} />
            </span>
            {latest ? (
              <Link
                className="button button--ghost button--small workshop-actions__library"
                to={`/library/${encodeURIComponent(personaId)}`}
                title={t('publish.latest.title', { version: latest.version })}
                aria-label={t('publish.latest.title', { version: latest.version })}
                data-testid="workshop-library-link"
              >
                <BookOpen aria-hidden size={16} />
                <span>{t('publish.latest.link', { version: latest.version })}</span>
              </Link>
            ) : null}
            <PublishDialog
              personaId={personaId}
              participant={participant}
              signoffs={signoffs}
              alignment={alignment.bySection}
              openThreads={openThreads}
              latestVersion={latest?.version ?? null}
              onPublished={setLatest}
            />
          </div>
        )}
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
                evidence={evidence}
                alignment={alignment.bySection[section]}
                openThreads={threadCounts.get(section)?.open ?? 0}
                signoff={signoffs[section]}
                onShowEvidence={showEvidence}
                onShowThreads={showThreads}
                onRequestLink={linking.request}
                onAssumptionsChange={onAssumptionsChange}
              />
            ))}
          </div>
        </main>
        <aside className="workshop__side" aria-label={t('workshop.sidebar')}>
          <PresenceList people={people} onGoToSection={goToSection} />
          <WorkshopPanel
            tab={tab}
            onTabChange={setTab}
            evidenceCount={evidence.items.length}
            openThreads={openThreads}
            alignment={alignment.bySection}
            threadCounts={threadCounts}
            assumptions={assumptions}
            signoffs={signoffs}
            activeSection={activeSection}
            onGoToSection={goToSection}
            board={
              <EvidenceBoard
                doc={room.doc}
                participant={participant}
                readOnly={readOnly}
                evidence={evidence}
                linked={linked}
                sectionFilter={boardSection}
                onSectionFilterChange={setBoardSection}
                onGoToSection={goToSection}
                actions={
                  readOnly ? null : (
                    <>
                      <button type="button" className="button button--small" onClick={() => setImporting(true)}>
                        <FileUp aria-hidden size={14} /> {t('import.trigger')}
                      </button>
                      <span className="import-done" role="status">
                        {imported === null ? '' : t(imported === 1 ? 'import.imported.one' : 'import.imported.other', { count: imported })}
                      </span>
                    </>
                  )
                }
              />
            }
            threads={
              <ThreadsPanel
                doc={room.doc}
                participant={participant}
                readOnly={readOnly}
                threads={threads}
                section={threadSection}
                onSectionChange={setThreadSection}
                composeRequest={composeRequest}
                onGoToSection={goToSection}
              />
            }
          />
        </aside>
      </div>
      <LinkEvidenceDialog
        target={linking.target}
        evidence={evidence}
        onApply={linking.apply}
        onClose={linking.close}
        onOpenBoard={() => {
          linking.close();
          showEvidence(linking.target?.section ?? 'summary');
        }}
      />
      {readOnly ? null : <ImportEvidenceDialog
          doc={room.doc}
          participant={participant}
          open={importing}
          onOpenChange={(open) => {
            setImporting(open);
            if (open) setImported(null);
          }}
          onImported={setImported}
        />}
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
