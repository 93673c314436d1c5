import { Archive, ArchiveRestore, LoaderCircle, SearchX } from 'lucide-react';
import { Link } from 'react-router';
import { useT } from '../../i18n/index.ts';
import { CreatePersonaDialog } from '../personas/CreatePersonaDialog.tsx';
import { useLifecycleAction } from './usePersonaLifecycle.ts';

/** The workshop header's Archive: the persona leaves the list and becomes read-only (SPEC §7). */
export function ArchiveButton({ personaId, onDone }: { personaId: string; onDone: () => void }) {
  const t = useT();
  const action = useLifecycleAction();
  return (
    <span className="workshop-actions__item" title={action.error ?? t('lifecycle.archive.hint')}>
      <button
        type="button"
        className="button button--ghost button--small"
        data-testid="archive-persona"
        disabled={action.busy}
        onClick={() => void action.run(personaId, 'archive').then((done) => done && onDone())}
      >
        {action.busy ? <LoaderCircle aria-hidden size={16} className="spin" /> : <Archive aria-hidden size={16} />}
        <span>{t('lifecycle.archive')}</span>
      </button>
    </span>
  );
}

/** Said above an archived persona's read-only workshop, with the way back. */
export function ArchivedBanner({ personaId, onDone }: { personaId: string; onDone: () => void }) {
  const t = useT();
  const action = useLifecycleAction();
  return (
    <div className="notice notice--info archived-banner" role="status" data-testid="archived-banner">
      <Archive aria-hidden size={16} />
      <span>{action.error ?? t('lifecycle.banner.archived')}</span>
      <button
        type="button"
        className="button button--small"
        data-testid="unarchive-persona"
        disabled={action.busy}
        onClick={() => void action.run(personaId, 'unarchive').then((done) => done && onDone())}
      >
        {action.busy ? <LoaderCircle aria-hidden size={14} className="spin" /> : <ArchiveRestore aria-hidden size={14} />}
        {t('lifecycle.unarchive')}
      </button>
    </div>
  );
}

/** A link to a persona that does not exist (S1: 4404): nothing was created; offer to make one. */
export function MissingPersona() {
  const t = useT();
  return (
    <main className="access" data-testid="access-screen" data-reason="not-found">
      <div className="access__card">
        <SearchX aria-hidden size={40} className="access__icon" />
        <h1>{t('lifecycle.missing.title')}</h1>
        <p>{t('lifecycle.missing.body')}</p>
        <div className="access__actions">
          <CreatePersonaDialog label="lifecycle.missing.create" />
          <Link className="button button--ghost" to="/">
            {t('lifecycle.missing.list')}
          </Link>
        </div>
      </div>
    </main>
  );
}
