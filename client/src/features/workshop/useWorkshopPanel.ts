import { useCallback, useState } from 'react';
import type { SectionKey } from '../../../../shared/persona/schema.ts';
import type { PanelTab } from './WorkshopPanel.tsx';

export interface WorkshopPanelState {
  tab: PanelTab;
  setTab: (tab: PanelTab) => void;
  boardSection: SectionKey | 'all';
  setBoardSection: (section: SectionKey | 'all') => void;
  threadSection: SectionKey | 'all';
  setThreadSection: (section: SectionKey | 'all') => void;
  /** Counts the requests to start a thread, so the composer takes focus on each. */
  composeRequest: number;
  /** Opens the evidence board on a section. */
  showEvidence: (section: SectionKey) => void;
  /** Opens the threads on a section, ready to start one. */
  showThreads: (section: SectionKey) => void;
}

/** The side panel's tab and filters, which the sections and dialogs can also change. */
export function useWorkshopPanel(): WorkshopPanelState {
  const [tab, setTab] = useState<PanelTab>('evidence');
  const [boardSection, setBoardSection] = useState<SectionKey | 'all'>('all');
  const [threadSection, setThreadSection] = useState<SectionKey | 'all'>('all');
  const [composeRequest, setComposeRequest] = useState(0);

  const showEvidence = useCallback((section: SectionKey) => {
    setBoardSection(section);
    setTab('evidence');
  }, []);
  const showThreads = useCallback((section: SectionKey) => {
    setThreadSection(section);
    setTab('threads');
    setComposeRequest((n) => n + 1);
  }, []);

  return { tab, setTab, boardSection, setBoardSection, threadSection, setThreadSection, composeRequest, showEvidence, showThreads };
}
