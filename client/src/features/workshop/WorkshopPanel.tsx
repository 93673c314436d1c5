import { Activity, Goal, History, ListChecks, MessagesSquare, NotebookPen } from 'lucide-react';
import { Tabs } from 'radix-ui';
import type { ReactNode } from 'react';
import type { SectionAlignment } from '../../../../shared/persona/alignment.ts';
import { SECTION_KEYS } from '../../../../shared/persona/schema.ts';
import type { SectionKey } from '../../../../shared/persona/types.ts';
import type { Signoffs } from '../signoff/useSignoff.ts';
import { useT } from '../../i18n/index.ts';
import { AlignmentChip, AssumptionCount } from '../evidence/Alignment.tsx';
import { SignoffStatusChip } from '../signoff/SignoffStatus.tsx';
import { ThreadCountBadge } from '../threads/ThreadsPanel.tsx';

export const PANEL_TABS = ['sections', 'evidence', 'threads', 'goals', 'history', 'activity'] as const;
export type PanelTab = (typeof PANEL_TABS)[number];

export interface WorkshopPanelProps {
  tab: PanelTab;
  onTabChange: (tab: PanelTab) => void;
  evidenceCount: number;
  openThreads: number;
  alignment: Readonly<Record<SectionKey, SectionAlignment>>;
  threadCounts: ReadonlyMap<SectionKey, { open: number }>;
  assumptions: Partial<Record<SectionKey, number>>;
  signoffs: Signoffs;
  activeSection: SectionKey | null;
  onGoToSection: (section: SectionKey) => void;
  board: ReactNode;
  threads: ReactNode;
  history: ReactNode;
  activity?: ReactNode;
  goals?: ReactNode;
}

function isPanelTab(value: string): value is PanelTab {
  return (PANEL_TABS as readonly string[]).includes(value);
}

/** The workshop's side panel: sections at a glance, the evidence board and the threads, as tabs. */
export function WorkshopPanel(props: WorkshopPanelProps) {
  const t = useT();
  return (
    <Tabs.Root className="panel" value={props.tab} onValueChange={(value) => isPanelTab(value) && props.onTabChange(value)}>
      <Tabs.List className="panel__tabs" aria-label={t('panel.label')}>
        <Tabs.Trigger className="panel__tab" value="sections">
          <ListChecks aria-hidden size={16} /> {t('panel.overview')}
        </Tabs.Trigger>
        <Tabs.Trigger className="panel__tab" value="evidence" data-testid="tab-evidence">
          <NotebookPen aria-hidden size={16} /> {t('panel.evidence')}
          <span className="panel__count">{props.evidenceCount}</span>
        </Tabs.Trigger>
        <Tabs.Trigger className="panel__tab" value="threads" data-testid="tab-threads">
          <MessagesSquare aria-hidden size={16} /> {t('panel.threads')}
          {props.openThreads > 0 ? <span className="panel__count panel__count--alert">{props.openThreads}</span> : null}
        </Tabs.Trigger>
        <Tabs.Trigger className="panel__tab" value="goals" data-testid="tab-goals" title={t('goals.title')}>
          <Goal aria-hidden size={16} /> {t('goals.tab')}
        </Tabs.Trigger>
        <Tabs.Trigger className="panel__tab" value="history" data-testid="tab-history">
          <History aria-hidden size={16} /> {t('panel.history')}
        </Tabs.Trigger>
        <Tabs.Trigger className="panel__tab" value="activity" data-testid="tab-activity">
          <Activity aria-hidden size={16} /> {t('panel.activity')}
        </Tabs.Trigger>
      </Tabs.List>
      <Tabs.Content className="panel__content" value="sections">
        <nav className="section-nav" aria-label={t('workshop.sections')}>
          <ol>
            {SECTION_KEYS.map((section) => {
              const open = props.threadCounts.get(section)?.open ?? 0;
              return (
                <li key={section} className="section-nav__item" data-nav-section={section} data-signoff={props.signoffs[section].status}>
                  <button
                    type="button"
                    className="section-nav__link"
                    aria-current={props.activeSection === section ? 'true' : undefined}
                    onClick={() => props.onGoToSection(section)}
                  >
                    {t(`section.${section}`)}
                  </button>
                  <span className="section-nav__status">
                    <AlignmentChip alignment={props.alignment[section]} />
                    <SignoffStatusChip signoff={props.signoffs[section]} />
                    <AssumptionCount count={props.assumptions[section] ?? 0} />
                    <ThreadCountBadge open={open} />
                  </span>
                </li>
              );
            })}
          </ol>
        </nav>
      </Tabs.Content>
      <Tabs.Content className="panel__content" value="evidence">
        {props.board}
      </Tabs.Content>
      <Tabs.Content className="panel__content" value="threads">
        {props.threads}
      </Tabs.Content>
      <Tabs.Content className="panel__content" value="goals">
        {props.goals}
      </Tabs.Content>
      <Tabs.Content className="panel__content" value="history">
        {props.history}
      </Tabs.Content>
      <Tabs.Content className="panel__content" value="activity">
        {props.activity}
      </Tabs.Content>
    </Tabs.Root>
  );
}
