import { CircleCheck, CircleDashed, Lightbulb, TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import type { AlignmentState, PersonaBalance, SectionAlignment } from '../../../../shared/persona/alignment.ts';
import type { EvidenceCounts } from '../../../../shared/persona/types.ts';
import { useT } from '../../i18n/index.ts';
import { SIDE_ICONS } from '../../ui/SideBadge.tsx';

const STATE_ICONS = { both: CircleCheck, needsSalesValidation: TriangleAlert, needsData: TriangleAlert, unbacked: CircleDashed } as const;

/** A section's alignment: its state in words and an icon, and how many items from each side back it. */
export function AlignmentChip({ alignment, onClick }: { alignment: SectionAlignment; onClick?: () => void }) {
  const t = useT();
  const Icon = STATE_ICONS[alignment.state];
  const counts = t('alignment.counts', { marketing: alignment.marketing, sales: alignment.sales });
  const content = (
    <>
      <Icon aria-hidden size={14} />
      <span className="alignment-chip__state">{t(`alignment.${alignment.state}`)}</span>
      <SideCounts counts={alignment} />
      <span className="visually-hidden">{counts}</span>
    </>
  );
  const props = {
    className: `alignment-chip alignment-chip--${alignment.state}`,
    'data-alignment': alignment.state,
    title: t(`alignment.detail.${alignment.state}`),
  };
  return onClick ? (
    <button type="button" {...props} onClick={onClick}>
      {content}
    </button>
  ) : (
    <span {...props}>{content}</span>
  );
}

/** Counts per side with the side's icon; the words are left to the caller's accessible label. */
function SideCounts({ counts }: { counts: EvidenceCounts }) {
  return (
    <span className="side-counts" aria-hidden>
      {(['marketing', 'sales'] as const).map((side) => {
        const Icon = SIDE_ICONS[side];
        return (
          <span key={side} className={`side-counts__item side-counts__item--${side}`}>
            <Icon size={12} />
            {counts[side]}
          </span>
        );
      })}
    </span>
  );
}

/** The share of marketing and sales evidence as one bar, said in words too. */
export function BalanceBar({ counts, compact = false }: { counts: EvidenceCounts; compact?: boolean }) {
  const t = useT();
  const total = counts.marketing + counts.sales;
  const label = total === 0 ? t('balance.none') : t('balance.label', { marketing: counts.marketing, sales: counts.sales });
  const share = total === 0 ? 0 : Math.round((counts.marketing / total) * 100);
  return (
    <div className={`balance${compact ? ' balance--compact' : ''}`} data-testid="balance" data-marketing={counts.marketing} data-sales={counts.sales}>
      <div className="balance__bar" role="img" aria-label={label} data-empty={total === 0 || undefined}>
        {total > 0 ? (
          <>
            <span className="balance__part balance__part--marketing" style={{ width: `${share}%` }} />
            <span className="balance__part balance__part--sales" style={{ width: `${100 - share}%` }} />
          </>
        ) : null}
      </div>
      {compact ? null : (
        <p className="balance__legend" aria-hidden>
          {(['marketing', 'sales'] as const).map((side) => {
            const Icon = SIDE_ICONS[side];
            return (
              <span key={side} className={`balance__legend-item balance__legend-item--${side}`}>
                <Icon size={14} /> {t(side === 'marketing' ? 'balance.marketing' : 'balance.sales', { count: counts[side] })}
              </span>
            );
          })}
        </p>
      )}
    </div>
  );
}

const SUMMARY_ORDER: readonly AlignmentState[] = ['both', 'needsSalesValidation', 'needsData', 'unbacked'];

/** How many list items say something no evidence backs; nothing when there are none. */
export function AssumptionCount({ count }: { count: number }) {
  const t = useT();
  if (count <= 0) return null;
  return (
    <span className="assumption-count" data-testid="assumption-count" title={t('claim.assumptionsHint')}>
      <Lightbulb aria-hidden size={14} /> {t('claim.assumptions', { count })}
    </span>
  );
}

/**
 * The persona at a glance: evidence balance, how many sections are in each state, the assumptions
 * left, and (given by the workshop) the sign-off summary.
 */
export function PersonaAlignment({
  balance,
  assumptions = 0,
  onShowState,
  signoff,
}: {
  balance: PersonaBalance;
  assumptions?: number;
  onShowState?: (state: AlignmentState) => void;
  signoff?: ReactNode;
}) {
  const t = useT();
  return (
    <section className="persona-alignment" aria-label={t('balance.title')} data-testid="persona-alignment">
      <div className="persona-alignment__head">
        <h2 className="persona-alignment__title">{t('balance.title')}</h2>
        <BalanceBar counts={balance} />
      </div>
      <ul className="persona-alignment__states">
        {SUMMARY_ORDER.map((state) => {
          const Icon = STATE_ICONS[state];
          const count = balance.sections[state];
          return (
            <li key={state}>
              <button
                type="button"
                className={`alignment-chip alignment-chip--${state}`}
                data-alignment={state}
                disabled={count === 0 || !onShowState}
                onClick={() => onShowState?.(state)}
                title={t(`alignment.detail.${state}`)}
              >
                <Icon aria-hidden size={14} />
                {t('balance.sections', { count, state: t(`alignment.${state}`) })}
              </button>
            </li>
          );
        })}
        {assumptions > 0 ? (
          <li>
            <AssumptionCount count={assumptions} />
          </li>
        ) : null}
      </ul>
      {signoff}
    </section>
  );
}
