import { FileUp } from 'lucide-react';
import type * as Y from 'yjs';
import type { SectionAlignment } from '../../../../shared/persona/alignment.ts';
import type { SectionKey } from '../../../../shared/persona/schema.ts';
import type { CommentThread } from '../../../../shared/persona/types.ts';
import type { PresentParticipant } from '../../collab/hooks.ts';
import { useT } from '../../i18n/index.ts';
import type { Participant } from '../../session/user.ts';
import type { Attribution } from '../../../../shared/persona/authors.ts';
import { ActivityPanel } from '../activity/ActivityPanel.tsx';
import { EvidenceBoard } from '../evidence/EvidenceBoard.tsx';
import { HistoryPanel } from '../history/HistoryPanel.tsx';
import type { EvidenceSnapshot, LinkedIds } from '../evidence/useEvidence.ts';
import type { Signoffs } from '../signoff/useSignoff.ts';
import { ThreadsPanel } from '../threads/ThreadsPanel.tsx';
import { GoalsPanel } from '../goals/GoalsPanel.tsx';
import { PresenceList } from './PresenceList.tsx';
import type { WorkshopPanelState } from './useWorkshopPanel.ts';
import { WorkshopPanel } from './WorkshopPanel.tsx';

interface WorkshopSideProps {
  personaId: string;
  doc: Y.Doc;
  attribution: Attribution;
  participant: Participant;
  readOnly: boolean;
  people: readonly PresentParticipant[];
  panel: WorkshopPanelState;
  evidence: EvidenceSnapshot;
  linked: LinkedIds;
  alignment: Readonly<Record<SectionKey, SectionAlignment>>;
  threads: readonly CommentThread[];
  threadCounts: ReadonlyMap<SectionKey, { open: number }>;
  openThreads: number;
  assumptions: Partial<Record<SectionKey, number>>;
  signoffs: Signoffs;
  activeSection: SectionKey | null;
  onGoToSection: (section: SectionKey) => void;
  /** How many items the last import added, to say so beside the board; null when there is nothing to say. */
  imported: number | null;
  onImport: () => void;
}

/** The workshop's side: who is here, then the sections, evidence and threads tabs. */
export function WorkshopSide({ personaId, doc, attribution, participant, readOnly, people, panel, evidence, linked, alignment, threads, threadCounts, openThreads, assumptions, signoffs, activeSection, onGoToSection, imported, onImport }: WorkshopSideProps) {
  const t = useT();
  return (
    <aside className="workshop__side" aria-label={t('workshop.sidebar')}>
      <PresenceList people={people} onGoToSection={onGoToSection} />
      <WorkshopPanel
        tab={panel.tab}
        onTabChange={panel.setTab}
        evidenceCount={evidence.items.length}
        openThreads={openThreads}
        alignment={alignment}
        threadCounts={threadCounts}
        assumptions={assumptions}
        signoffs={signoffs}
        activeSection={activeSection}
        onGoToSection={onGoToSection}
        board={
          <EvidenceBoard
            doc={doc}
            participant={participant}
            readOnly={readOnly}
            evidence={evidence}
            linked={linked}
            sectionFilter={panel.boardSection}
            onSectionFilterChange={panel.setBoardSection}
            onGoToSection={onGoToSection}
            actions={
              readOnly || participant.sideless ? null : (
                <>
                  <button type="button" className="button button--small" onClick={onImport}>
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
            doc={doc}
            participant={participant}
            readOnly={readOnly}
            threads={threads}
            section={panel.threadSection}
            onSectionChange={panel.setThreadSection}
            composeRequest={panel.composeRequest}
            onGoToSection={onGoToSection}
            onWords={panel.onWords}
            onWordsDone={panel.clearWords}
            shownThread={panel.shownThread}
          />
        }
        history={<HistoryPanel personaId={personaId} doc={doc} attribution={attribution} readOnly={readOnly} />}
        activity={<ActivityPanel personaId={personaId} doc={doc} onGoToSection={onGoToSection} />}
        goals={<GoalsPanel doc={doc} personaId={personaId} attribution={attribution} participant={participant} readOnly={readOnly} evidence={evidence.items} />}
      />
    </aside>
  );
}
