import { AlertTriangle, ArrowLeft, HardDrive } from 'lucide-react';
import { useSyncExternalStore } from 'react';
import { Link } from 'react-router';
import type { Awareness } from 'y-protocols/awareness';
import { SERVER_PRESENCE_FIELD, type ServerPresence } from '../../../../shared/presence.ts';
import { useT } from '../../i18n/index.ts';

/** Whether the server says, through its own presence state, that saving this persona fails now. */
function savingFails(awareness: Awareness): boolean {
  for (const state of awareness.getStates().values()) {
    const server = (state as Record<string, unknown>)[SERVER_PRESENCE_FIELD] as ServerPresence | undefined;
    if (server?.saving === 'failing') return true;
  }
  return false;
}

export function useSavingFails(awareness: Awareness): boolean {
  return useSyncExternalStore(
    (onChange) => {
      awareness.on('change', onChange);
      return () => awareness.off('change', onChange);
    },
    () => savingFails(awareness),
  );
}

/** Shown while the server cannot save this persona: nothing is lost, and the page should stay open. */
export function SavingFailsNotice({ awareness }: { awareness: Awareness }) {
  const t = useT();
  if (!useSavingFails(awareness)) return null;
  return (
    <p className="notice notice--error" role="status" data-testid="saving-failing">
      <AlertTriangle aria-hidden size={16} /> {t('health.savingFailing')}
    </p>
  );
}

/**
 * The workshop is closed for a reason about the persona, not the person: past its size cap (4413),
 * or its stored state cannot be read (4503).
 */
export function PersonaHealthScreen({ reason }: { reason: 'too-large' | 'unreadable' }) {
  const t = useT();
  const key = reason === 'too-large' ? 'tooLarge' : 'unreadable';
  return (
    <main className="access" data-testid="access-screen" data-reason={reason}>
      <div className="access__card">
        <HardDrive aria-hidden size={40} className="access__icon" />
        <h1>{t(`health.${key}.title`)}</h1>
        <p>{t(`health.${key}.body`)}</p>
        <div className="access__actions">
          <Link className="button button--primary" to="/">
            <ArrowLeft aria-hidden size={16} /> {t('health.tooLarge.back')}
          </Link>
        </div>
      </div>
    </main>
  );
}
