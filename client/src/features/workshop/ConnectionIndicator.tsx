import { CloudOff, LoaderCircle, Wifi } from 'lucide-react';
import type { ConnectionStatus } from '../../collab/personaRoom.ts';
import { useT } from '../../i18n/index.ts';

const ICONS = { connected: Wifi, connecting: LoaderCircle, offline: CloudOff } as const;

/** Says whether edits are reaching the others, and reassures that nothing is lost when they are not. */
export function ConnectionIndicator({ status }: { status: ConnectionStatus }) {
  const t = useT();
  const Icon = ICONS[status];
  const label = t(`connection.${status}`);
  const detail = t(`connection.${status}.detail`);
  return (
    <div
      className={`connection connection--${status}`}
      data-testid="connection"
      data-status={status}
      role="status"
      aria-live="polite"
      title={detail}
    >
      <Icon aria-hidden size={16} className={status === 'connecting' ? 'spin' : undefined} />
      <span className="connection__label">{label}</span>
      <span className="visually-hidden">{detail}</span>
    </div>
  );
}
