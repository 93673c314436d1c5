import { BookOpenCheck, ExternalLink, LoaderCircle, Send } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { Link } from 'react-router';
import type { PublishRequest, VersionMeta } from '../../../../shared/api.ts';
import { PUBLISH_NOTE_MAX } from '../../../../shared/api.ts';
import type { SectionAlignment } from '../../../../shared/persona/alignment.ts';
import type { SectionKey } from '../../../../shared/persona/types.ts';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import type { Signoffs } from '../signoff/useSignoff.ts';
import { useT } from '../../i18n/index.ts';
import type { Participant } from '../../session/user.ts';
import { DialogPanel } from '../../ui/DialogPanel.tsx';
import { PublishChecklist, publishIssues } from './PublishChecklist.tsx';
import { sideName } from '../signoff/SignoffKeys.tsx';

type Phase = { kind: 'editing' } | { kind: 'publishing' } | { kind: 'published'; version: number } | { kind: 'failed'; message: string };

export interface PublishDialogProps {
  personaId: string;
  participant: Participant;
  signoffs: Signoffs;
  alignment: Readonly<Record<SectionKey, SectionAlignment>>;
  openThreads: number;
  /** Sections with nothing written yet: listed as "Not started". */
  notStarted?: ReadonlySet<SectionKey>;
  /** The latest published version, when known: the dialog says which number comes next. */
  latestVersion?: number | null;
  /** Told the new version's number once it is published. */
  onPublished?: (version: VersionMeta) => void;
}

/**
 * The Publish button and its dialog: what is worth a look first (warnings, never a block), a note on
 * what changed, then the new version's place in the library.
 */
export function PublishDialog({ personaId, participant, signoffs, alignment, openThreads, notStarted, latestVersion = null, onPublished }: PublishDialogProps) {
  const t = useT();
  const api = useApi();
  const baseId = useId();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
  const confirmRef = useRef<HTMLButtonElement>(null);
  const doneRef = useRef<HTMLButtonElement>(null);
  const mounted = useRef(true);
  // Set at once, before React re-renders: a second Ctrl+Enter never publishes twice.
  const inFlight = useRef(false);
  const publishing = phase.kind === 'publishing';

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // The button under the focus is disabled while publishing: give focus back where it helps next.
  useEffect(() => {
    if (phase.kind === 'published') doneRef.current?.focus();
    if (phase.kind === 'failed') confirmRef.current?.focus();
  }, [phase.kind]);

  function onOpenChange(next: boolean) {
    if (!next && publishing) return;
    setOpen(next);
    if (!next) {
      // A published note belongs to its version; an unpublished one waits for the next try.
      if (phase.kind === 'published') setNote('');
      setPhase({ kind: 'editing' });
    }
  }

  async function publish(event?: FormEvent) {
    event?.preventDefault();
    if (inFlight.current || phase.kind === 'published') return;
    inFlight.current = true;
    setPhase({ kind: 'publishing' });
    const trimmed = note.trim();
    // The server names the publisher: whoever calls publish (SPEC §6).
    const body: PublishRequest = trimmed ? { note: trimmed } : {};
    try {
      const { version } = await api.publish(personaId, body);
      onPublished?.({ version, publishedAt: new Date().toISOString(), note: trimmed, publishedBy: null });
      if (mounted.current) setPhase({ kind: 'published', version });
    } catch (error) {
      if (mounted.current) setPhase({ kind: 'failed', message: describeError(t, error) });
    } finally {
      inFlight.current = false;
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void publish();
  }

  const issues = publishIssues(signoffs, alignment, openThreads, notStarted);
  const noteId = `${baseId}-note`;
  const counterId = `${baseId}-counter`;

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>
        <button type="button" className="button button--primary button--small" data-testid="publish-button">
          <BookOpenCheck aria-hidden size={16} />
          {t('publish.button')}
        </button>
      </Dialog.Trigger>
      <DialogPanel
        title={t('publish.title')}
        description={
          latestVersion === null
            ? t('publish.description')
            : `${t('publish.description')} ${t('publish.nextVersion', { version: latestVersion + 1 })}`
        }
        testId="publish-dialog"
        dismissible={!publishing}
      >
        {phase.kind === 'published' ? (
          <div className="publish-success" data-testid="publish-success">
            <p className="publish-success__title" role="status">
              <BookOpenCheck aria-hidden size={20} />
              {t('publish.success.title', { version: phase.version })}
            </p>
            <p className="publish-success__body">{t('publish.success.body')}</p>
            <div className="dialog__actions">
              <Link
                className="button"
                to={`/library/${encodeURIComponent(personaId)}?version=${phase.version}`}
                data-testid="published-link"
              >
                <ExternalLink aria-hidden size={16} />
                {t('publish.success.open')}
              </Link>
              <Dialog.Close asChild>
                <button ref={doneRef} type="button" className="button button--primary">
                  {t('common.done')}
                </button>
              </Dialog.Close>
            </div>
          </div>
        ) : (
          <form className="publish-form" onSubmit={(event) => void publish(event)} onKeyDown={onKeyDown} aria-busy={publishing} noValidate>
            <PublishChecklist issues={issues} />
            <div className="publish-note">
              <div className="publish-note__head">
                <label className="field__label" htmlFor={noteId}>
                  {t('publish.note.label')} <span className="publish-note__optional">{t('publish.note.optional')}</span>
                </label>
                <span id={counterId} className="publish-note__counter" data-near-limit={note.length > PUBLISH_NOTE_MAX * 0.9 || undefined}>
                  {t('publish.note.counter', { count: note.length, max: PUBLISH_NOTE_MAX })}
                </span>
              </div>
              <textarea
                id={noteId}
                className="input publish-note__text"
                rows={3}
                maxLength={PUBLISH_NOTE_MAX}
                placeholder={t('publish.note.placeholder')}
                value={note}
                readOnly={publishing}
                aria-describedby={`${counterId} ${baseId}-hint`}
                onChange={(event) => setNote(event.target.value)}
              />
              <p id={`${baseId}-hint`} className="publish-note__hint">
                {t('publish.note.hint')} {t('publish.as', { name: participant.name, side: sideName(t, participant.side) })}
              </p>
            </div>
            {phase.kind === 'failed' ? (
              <div className="notice notice--error" role="alert" data-testid="publish-error">
                <p>{t('publish.failed', { reason: phase.message })}</p>
                {note.trim() ? <p>{t('publish.noteKept')}</p> : null}
              </div>
            ) : null}
            <div className="dialog__actions">
              <Dialog.Close asChild>
                <button type="button" className="button" disabled={publishing}>
                  {t('common.cancel')}
                </button>
              </Dialog.Close>
              <button ref={confirmRef} type="submit" className="button button--primary" data-testid="publish-confirm" disabled={publishing} aria-busy={publishing}>
                {publishing ? <LoaderCircle aria-hidden size={16} className="spin" /> : <Send aria-hidden size={16} />}
                {publishing ? t('publish.publishing') : phase.kind === 'failed' ? t('publish.retry') : t('publish.confirm')}
              </button>
            </div>
          </form>
        )}
      </DialogPanel>
    </Dialog.Root>
  );
}
