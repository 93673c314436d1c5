import { ChartNoAxesColumn, Handshake } from 'lucide-react';
import type { Side } from '../../../shared/persona/types.ts';
import { useT } from '../i18n/index.ts';

export const SIDE_ICONS = { marketing: ChartNoAxesColumn, sales: Handshake } as const;

/** A side said with its colour, its icon and its name: never colour alone. */
export function SideBadge({ side, compact = false }: { side: Side; compact?: boolean }) {
  const t = useT();
  const Icon = SIDE_ICONS[side];
  const label = t(side === 'marketing' ? 'side.marketing' : 'side.sales');
  return (
    <span className={`side-badge side-badge--${side}`} title={compact ? label : undefined}>
      <Icon aria-hidden size={14} />
      {compact ? <span className="visually-hidden">{label}</span> : <span>{label}</span>}
    </span>
  );
}
