import { useCallback, useState } from 'react';
import type { SectionKey } from '../../../../shared/persona/schema.ts';
import type { ThreadAnchor } from '../../../../shared/persona/types.ts';
import type { WordsToComment } from '../threads/ThreadComposer.tsx';
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
  /** Words selected to start a thread on, until it is started or dropped. */
  onWords: WordsToComment | null;
  /** Opens the threads ready to start one on words selected in a section. */
  commentOnWords: (section: SectionKey, anchor: ThreadAnchor) => void;
  clearWords: () => void;
  /** A thread to bring into view, with a count so that asking twice does it twice. */
  shownThread: { id: string; n: number } | null;
  showThread: (section: SectionKey, threadId: string) => void;
}

/** The side panel's tab and filters, which the sections and dialogs can also change. */
export function useWorkshopPanel(): WorkshopPanelState {
  const [tab, setTab] = useState<PanelTab>('evidence');
  const [boardSection, setBoardSection] = useState<SectionKey | 'all'>('all');
  const [threadSection, setThreadSection] = useState<SectionKey | 'all'>('all');
  const [composeRequest, setComposeRequest] = useState(0);
  const [onWords, setOnWords] = useState<WordsToComment | null>(null);
  const [shownThread, setShownThread] = useState<{ id: string; n: number } | null>(null);

  const showEvidence = useCallback((section: SectionKey) => {
    setBoardSection(section);
    setTab('evidence');
  }, []);
  const showThreads = useCallback((section: SectionKey) => {
    setThreadSection(section);
    setTab('threads');
    setComposeRequest((n) => n + 1);
  }, []);

  const commentOnWords = useCallback((section: SectionKey, anchor: ThreadAnchor) => {
    setOnWords({ section, anchor });
    setThreadSection(section);
    setTab('threads');
    setComposeRequest((n) => n + 1);
  }, []);
  const clearWords = useCallback(() => setOnWords(null), []);
  const showThread = useCallback((section: SectionKey, id: string) => {
    setThreadSection(section);
    setTab('threads');
    setShownThread((current) => ({ id, n: (current?.n ?? 0) + 1 }));
  }, []);

  return {
    tab,
    setTab,
    boardSection,
    setBoardSection,
    threadSection,
    setThreadSection,
    composeRequest,
    showEvidence,
    showThreads,
    onWords,
    commentOnWords,
    clearWords,
    shownThread,
    showThread,
  };
}
