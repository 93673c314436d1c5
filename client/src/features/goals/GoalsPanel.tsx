import { FileUp } from 'lucide-react';
import { useState } from 'react';
import type * as Y from 'yjs';
import type { Attribution } from '../../../../shared/persona/authors.ts';
import type { EvidenceItem } from '../../../../shared/persona/types.ts';
import { useT } from '../../i18n/index.ts';
import type { Participant } from '../../session/user.ts';
import { CrmImportDialog } from './CrmImportDialog.tsx';
import { ImportsList } from './ImportsList.tsx';
import { ScorecardView } from './ScorecardView.tsx';
import { TargetList } from './TargetList.tsx';
import { useTargets } from './useTargets.ts';

export interface GoalsPanelProps {
  doc: Y.Doc;
  personaId: string;
  attribution: Attribution;
  participant: Participant;
  readOnly: boolean;
  evidence: readonly EvidenceItem[];
}

/** The workshop's Goals & results tab: targets with two keys, CRM imports, and the scorecard. */
export function GoalsPanel({ doc, personaId, attribution, participant, readOnly, evidence }: GoalsPanelProps) {
  const t = useT();
  const targets = useTargets(doc, attribution);
  const [importing, setImporting] = useState(false);
  const [imports, setImports] = useState(0);
  return (
    <div className="goals" data-testid="goals-panel">
      <div className="goals__head">
        <div>
          <h2 className="goals__title">{t('goals.title')}</h2>
          <p className="goals__muted">{t('goals.intro')}</p>
        </div>
        {readOnly ? null : (
          <button type="button" className="button button--small" onClick={() => setImporting(true)} data-testid="crm-import-open">
            <FileUp aria-hidden size={14} /> {t('crm.import')}
          </button>
        )}
      </div>
      <TargetList doc={doc} targets={targets} participant={participant} readOnly={readOnly} />
      <ScorecardView doc={doc} personaId={personaId} participant={participant} readOnly={readOnly} targets={targets} evidence={evidence} imports={imports} />
      {readOnly ? null : <ImportsList refresh={imports} />}
      {readOnly ? null : <CrmImportDialog open={importing} onOpenChange={setImporting} onImported={() => setImports((n) => n + 1)} />}
    </div>
  );
}
