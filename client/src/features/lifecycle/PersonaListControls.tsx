import { Archive, ArchiveRestore, EllipsisVertical, LoaderCircle, RotateCcw, Trash2 } from 'lucide-react';
import { AlertDialog, DropdownMenu, ToggleGroup } from 'radix-ui';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { PersonaSummary } from '../../../../shared/api.ts';
import { TRASH_RETENTION_DAYS } from '../../../../shared/api.ts';
import type { LifecycleAction, PersonaListView } from '../../api/http.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { useLifecycleAction } from './usePersonaLifecycle.ts';

const VIEWS: readonly { view: PersonaListView; label: MessageKey; admin: boolean }[] = [
  { view: 'drafts', label: 'lifecycle.view.drafts', admin: false },
  { view: 'archived', label: 'lifecycle.view.archived', admin: false },
  { view: 'trash', label: 'lifecycle.view.trash', admin: true },
];

/** Drafts, the archived personas, and (for admins) the trash. */
export function PersonaViews({ view, admin, onChange }: { view: PersonaListView; admin: boolean; onChange: (view: PersonaListView) => void }) {
  const t = useT();
  return (
    <ToggleGroup.Root
      type="single"
      className="persona-views"
      aria-label={t('lifecycle.view.label')}
      value={view}
      onValueChange={(value) => {
        const next = VIEWS.find((item) => item.view === value);
        if (next) onChange(next.view);
      }}
      data-testid="persona-views"
    >
      {VIEWS.filter((item) => admin || !item.admin).map((item) => (
        <ToggleGroup.Item key={item.view} value={item.view} className="button button--ghost button--small persona-views__item" data-view={item.view}>
          {item.view === 'archived' ? <Archive aria-hidden size={14} /> : item.view === 'trash' ? <Trash2 aria-hidden size={14} /> : null}
          {t(item.label)}
        </ToggleGroup.Item>
      ))}
    </ToggleGroup.Root>
  );
}

/** What an empty archive or trash says. */
export function EmptyView({ view }: { view: 'archived' | 'trash' }) {
  const t = useT();
  return (
    <div className="empty" data-testid={`persona-list-empty-${view}`}>
      {view === 'archived' ? <Archive aria-hidden size={32} /> : <Trash2 aria-hidden size={32} />}
      <p>{view === 'archived' ? t('lifecycle.empty.archived') : t('lifecycle.empty.trash', { days: TRASH_RETENTION_DAYS })}</p>
    </div>
  );
}

/**
 * A persona's card in the list: a link to its workshop, except in the trash, where the workshop
 * would only say the persona does not exist; there it can be restored, not opened.
 */
export function PersonaCardFrame({ persona, view, children }: { persona: PersonaSummary; view: PersonaListView; children: ReactNode }) {
  if (view === 'trash') {
    return (
      <div className="persona-card persona-card--trashed" data-persona-id={persona.id} data-testid="trashed-card">
        {children}
      </div>
    );
  }
  return (
    <Link className="persona-card" to={`/p/${encodeURIComponent(persona.id)}`} data-persona-id={persona.id}>
      {children}
    </Link>
  );
}

interface PersonaActionsProps {
  persona: PersonaSummary;
  view: PersonaListView;
  admin: boolean;
  /** Told the action's outcome in words, once the server has done it. */
  onChanged: (message: string) => void;
}

const DONE: Record<LifecycleAction, MessageKey> = {
  archive: 'lifecycle.done.archived',
  unarchive: 'lifecycle.done.unarchived',
  trash: 'lifecycle.done.trashed',
  untrash: 'lifecycle.done.untrashed',
};

/** A persona's lifecycle in the list: Archive / Unarchive and Move to trash in a menu; in the trash, Restore and the erase date. */
export function PersonaActions({ persona, view, admin, onChanged }: PersonaActionsProps) {
  const t = useT();
  const locale = useLocale();
  const action = useLifecycleAction();
  const [confirming, setConfirming] = useState(false);
  const name = persona.name || t('home.untitled');
  const run = async (what: LifecycleAction) => {
    if (await action.run(persona.id, what)) {
      setConfirming(false);
      onChanged(t(DONE[what], { name }));
    }
  };

  if (view === 'trash') {
    const eraseDate = persona.eraseAt ? new Date(persona.eraseAt).toLocaleDateString(locale, { dateStyle: 'long' }) : '';
    return (
      <div className="persona-entry__lifecycle" data-testid="trash-entry">
        {persona.eraseAt ? <time dateTime={persona.eraseAt}>{t('lifecycle.erasedOn', { date: eraseDate })}</time> : null}
        <button type="button" className="button button--small" data-testid="restore-persona" disabled={action.busy} onClick={() => void run('untrash')}>
          {action.busy ? <LoaderCircle aria-hidden size={14} className="spin" /> : <RotateCcw aria-hidden size={14} />}
          {t('lifecycle.restore')}
        </button>
        {action.error ? <span role="alert">{action.error}</span> : null}
      </div>
    );
  }

  return (
    <div className="persona-entry__lifecycle persona-entry__lifecycle--menu">
      {action.error ? <span role="alert">{action.error}</span> : null}
      <DropdownMenu.Root>
        <DropdownMenu.Trigger className="button button--ghost button--small" aria-label={t('lifecycle.menu', { name })} data-testid="persona-menu">
          {action.busy ? <LoaderCircle aria-hidden size={16} className="spin" /> : <EllipsisVertical aria-hidden size={16} />}
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="persona-menu" align="end" sideOffset={4}>
            {persona.archived ? (
              <DropdownMenu.Item className="persona-menu__item" data-action="unarchive" onSelect={() => void run('unarchive')}>
                <ArchiveRestore aria-hidden size={16} /> {t('lifecycle.unarchive')}
              </DropdownMenu.Item>
            ) : (
              <DropdownMenu.Item className="persona-menu__item" data-action="archive" title={t('lifecycle.archive.hint')} onSelect={() => void run('archive')}>
                <Archive aria-hidden size={16} /> {t('lifecycle.archive')}
              </DropdownMenu.Item>
            )}
            {admin ? (
              <DropdownMenu.Item className="persona-menu__item persona-menu__item--danger" data-action="trash" onSelect={() => setConfirming(true)}>
                <Trash2 aria-hidden size={16} /> {t('lifecycle.trash')}
              </DropdownMenu.Item>
            ) : null}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <AlertDialog.Root open={confirming} onOpenChange={setConfirming}>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="dialog-overlay" />
          <AlertDialog.Content className="dialog" data-testid="confirm-trash">
            <AlertDialog.Title className="dialog__title">{t('lifecycle.trash.title', { name })}</AlertDialog.Title>
            <AlertDialog.Description className="dialog__description">{t('lifecycle.trash.body', { days: TRASH_RETENTION_DAYS })}</AlertDialog.Description>
            {action.error ? <p role="alert">{action.error}</p> : null}
            <div className="dialog__actions">
              <AlertDialog.Cancel asChild>
                <button type="button" className="button">
                  {t('common.cancel')}
                </button>
              </AlertDialog.Cancel>
              {/* Not AlertDialog.Action: that closes at once, before the server has answered. */}
              <button type="button" className="button button--primary button--danger-solid" disabled={action.busy} onClick={() => void run('trash')}>
                {action.busy ? <LoaderCircle aria-hidden size={16} className="spin" /> : <Trash2 aria-hidden size={16} />}
                {t('lifecycle.trash.confirm')}
              </button>
            </div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </div>
  );
}
