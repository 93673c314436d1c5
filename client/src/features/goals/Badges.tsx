// How a target's state and result read everywhere (workshop, library, report): an icon and a word, never colour alone.
import { BadgeCheck, CircleCheck, CircleDashed, CircleMinus, CircleX } from 'lucide-react';
import { useT } from '../../i18n/index.ts';

/** Proposed and agreed read differently everywhere: a badge with an icon and a word, and the row's style. */
export function TargetStateBadge({ agreed }: { agreed: boolean }) {
  const t = useT();
  const Icon = agreed ? BadgeCheck : CircleDashed;
  return (
    <span className={`target-state target-state--${agreed ? 'agreed' : 'proposed'}`} title={t(agreed ? 'goals.state.agreed.hint' : 'goals.state.proposed.hint')}>
      <Icon aria-hidden size={14} />
      {t(agreed ? 'goals.state.agreed' : 'goals.state.proposed')}
    </span>
  );
}

/** Met, not met, or no deals behind the figure: an icon and a word, never colour alone. */
export function MetBadge({ met }: { met: boolean | null }) {
  const t = useT();
  if (met === null) {
    return (
      <span className="met met--none" data-met="none" title={t('goals.scorecard.noData.hint')}>
        <CircleMinus aria-hidden size={14} /> {t('goals.scorecard.noData')}
      </span>
    );
  }
  const Icon = met ? CircleCheck : CircleX;
  return (
    <span className={`met met--${met ? 'yes' : 'no'}`} data-met={met ? 'yes' : 'no'}>
      <Icon aria-hidden size={14} /> {t(met ? 'goals.scorecard.met' : 'goals.scorecard.notMet')}
    </span>
  );
}
