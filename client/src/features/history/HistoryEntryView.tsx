// One checkpoint (or published version), read-only beside the draft: what changed since, the persona then, and Restore.
import { ArrowLeft, LoaderCircle, RotateCcw } from 'lucide-react';
import { AlertDialog } from 'radix-ui';
import { useEffect, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import type { Checkpoint, RestoreRequest, VersionMeta } from '../../../../shared/api.ts';
import type { Attribution } from '../../../../shared/persona/authors.ts';
import { SECTION_KEYS } from '../../../../shared/persona/schema.ts';
import { richTextToPlainText } from '../../../../shared/persona/plainText.ts';
import { diffPersonas, type DiffablePersona } from '../../../../shared/persona/versionDiff.ts';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import { useFetch } from '../../api/useFetch.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { RetryNotice } from '../../ui/RetryNotice.tsx';
import { formatDateTime } from '../library/LibraryCommon.tsx';
import { RichTextView } from '../library/RichTextView.tsx';
import { VersionChanges } from '../library/VersionChanges.tsx';
import { useDraftSnapshot } from './useDraftSnapshot.ts';

export type HistorySelection = { kind: 'checkpoint'; checkpoint: Checkpoint } | { kind: 'version'; version: VersionMeta };

export interface HistoryEntryViewProps {
  personaId: string;
  doc: Y.Doc;
  attribution: Attribution;
  readOnly: boolean;
  selection: HistorySelection;
  onBack: () => void;
  onRestored: () => void;
}

export function HistoryEntryView({ personaId, doc, attribution, readOnly, selection, onBack, onRestored }: HistoryEntryViewProps) {
  const t = useT();
  const api = useApi();
  const locale = useLocale();
  const heading = useRef<HTMLHeadingElement>(null);
  const key = selection.kind === 'checkpoint' ? `c${selection.checkpoint.id}` : `v${selection.version.version}`;
  const fetched = useFetch(`${personaId}\u0000${key}`, (signal): Promise<DiffablePersona> =>
    selection.kind === 'checkpoint'
      ? api.getCheckpoint(personaId, selection.checkpoint.id, signal)
      : api.getPublished(personaId, selection.version.version, signal),
  );
  const at = selection.kind === 'checkpoint' ? selection.checkpoint.at : selection.version.publishedAt;
  const title =
    selection.kind === 'checkpoint'
      ? t('history.view.checkpoint', { date: formatDateTime(at, locale) })
      : t('history.view.version', { version: selection.version.version, date: formatDateTime(at, locale) });
  const request: RestoreRequest = selection.kind === 'checkpoint' ? { checkpoint: selection.checkpoint.id } : { version: selection.version.version };

  // Moving into the view moves the focus to its title, so keyboard and screen-reader users land there.
  useEffect(() => heading.current?.focus(), []);

  return (
    <section className="history-view" data-testid="history-view" aria-labelledby="history-view-title">
      <button type="button" className="button button--small button--ghost history-view__back" onClick={onBack}>
        <ArrowLeft aria-hidden size={14} /> {t('history.back')}
      </button>
      <h2 className="history__title" id="history-view-title" tabIndex={-1} ref={heading}>
        {title}
      </h2>
      <p className="history-view__note">{t('history.view.readOnly')}</p>
      {readOnly ? null : <RestoreButton date={formatDateTime(at, locale)} onRestore={() => api.restoreDraft(personaId, request).then(onRestored)} />}
      {fetched.status === 'error' ? (
        <RetryNotice onRetry={fetched.retry}>
          {t('history.view.error')} {describeError(t, fetched.error)}
        </RetryNotice>
      ) : fetched.data ? (
        <EntryContent then={fetched.data} doc={doc} attribution={attribution} />
      ) : (
        <p className="notice" role="status">
          <LoaderCircle aria-hidden size={16} className="spin" /> {t('history.view.loading')}
        </p>
      )}
    </section>
  );
}

function EntryContent({ then, doc, attribution }: { then: DiffablePersona; doc: Y.Doc; attribution: Attribution }) {
  const t = useT();
  const draft = useDraftSnapshot(doc, attribution);
  const diff = useMemo(() => diffPersonas(then, draft), [then, draft]);
  const wording = useMemo(
    () => ({ none: t('history.view.changes.none'), summary: (summary: string) => t('history.view.changes.summary', { summary }) }),
    [t],
  );
  return (
    <>
      <section className="history-view__block version-changes" aria-labelledby="history-changes-title">
        <h3 className="history-view__heading" id="history-changes-title">
          {t('history.view.changes')}
        </h3>
        <VersionChanges diff={diff} previousVersion={0} beforeEvidence={then.evidence} afterEvidence={draft.evidence} wording={wording} />
      </section>
      <section className="history-view__block" aria-labelledby="history-content-title" data-testid="history-content">
        <h3 className="history-view__heading" id="history-content-title">
          {t('history.view.content')}
        </h3>
        <p className="history-view__profile">
          <strong>{then.profile.name}</strong>
          {[then.profile.role, then.profile.segment].filter(Boolean).map((part) => ` · ${part}`)}
        </p>
        {SECTION_KEYS.map((key) => {
          const content = then.sections[key];
          const empty = richTextToPlainText(content).trim() === '';
          return (
            <div key={key} className="history-view__section" data-history-section={key}>
              <h4 className="history-view__section-title">{t(`section.${key}`)}</h4>
              {empty ? <p className="history-view__empty">{t('history.view.emptySection')}</p> : <RichTextView content={content} headingOffset={4} className="rich-text" />}
            </div>
          );
        })}
        <p className="history-view__evidence">{t('history.view.evidence', { count: then.evidence.length })}</p>
      </section>
    </>
  );
}

/** Restoring changes the draft for everyone: ask first, say what happens and how to undo it, focus Cancel. */
function RestoreButton({ date, onRestore }: { date: string; onRestore: () => Promise<void> }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onRestore();
      setOpen(false);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }
  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      <AlertDialog.Trigger asChild>
        <button type="button" className="button button--primary history-view__restore" data-testid="history-restore">
          <RotateCcw aria-hidden size={16} /> {t('history.restore')}
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog" data-testid="confirm-restore">
          <AlertDialog.Title className="dialog__title">{t('history.restore.title')}</AlertDialog.Title>
          <AlertDialog.Description className="dialog__description">{t('history.restore.body', { date })}</AlertDialog.Description>
          <p className="dialog__description">{t('history.restore.undo')}</p>
          {error ? (
            <p className="notice notice--error" role="alert">
              {t('history.restore.error')} {describeError(t, error)}
            </p>
          ) : null}
          <div className="dialog__actions">
            <AlertDialog.Cancel asChild>
              <button type="button" className="button">
                {t('common.cancel')}
              </button>
            </AlertDialog.Cancel>
            {/* Not AlertDialog.Action: that closes at once, before the server has answered. */}
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void confirm()}>
              {busy ? <LoaderCircle aria-hidden size={16} className="spin" /> : <RotateCcw aria-hidden size={16} />}
              {busy ? t('history.restore.busy') : t('history.restore.confirm')}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
