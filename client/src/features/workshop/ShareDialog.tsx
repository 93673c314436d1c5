import { Check, Copy, Eye, LoaderCircle, PenLine, Share2 } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useEffect, useId, useState } from 'react';
import type { Role } from '../../../../shared/protocol.ts';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import { useT } from '../../i18n/index.ts';
import { DialogPanel } from '../../ui/DialogPanel.tsx';

type Links = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; editor: string; viewer: string };

function ShareLink({ role, url }: { role: Role; url: string }) {
  const t = useT();
  const id = useId();
  const [copied, setCopied] = useState(false);
  const Icon = role === 'editor' ? PenLine : Eye;
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      (document.getElementById(id) as HTMLInputElement | null)?.select();
    }
  }
  return (
    <div className="share-link" data-role={role}>
      <label className="field__label" htmlFor={id}>
        <Icon aria-hidden size={14} /> {t(role === 'editor' ? 'share.editorLink' : 'share.viewerLink')}
      </label>
      <p className="share-link__hint">{t(role === 'editor' ? 'share.editorHint' : 'share.viewerHint')}</p>
      <div className="share-link__row">
        <input id={id} className="input" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button button--small" onClick={() => void copy()} aria-label={t('share.copy')}>
          {copied ? <Check aria-hidden size={16} /> : <Copy aria-hidden size={16} />}
          <span aria-live="polite">{t(copied ? 'share.copied' : 'share.copy')}</span>
        </button>
      </div>
    </div>
  );
}

/** Links to this persona for colleagues: one to edit, one to read, each carrying a fresh token. */
export function ShareDialog({ personaId }: { personaId: string }) {
  const t = useT();
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [links, setLinks] = useState<Links>({ kind: 'loading' });

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    setLinks({ kind: 'loading' });
    const id = encodeURIComponent(personaId);
    // Readers see the library only: their link opens this persona's latest published version.
    const link = (path: string, token: string) => `${window.location.origin}${path}?token=${token}`;
    Promise.all([api.createInvite({ role: 'editor' }), api.createInvite({ role: 'viewer' })]).then(
      ([editor, viewer]) =>
        !cancelled && setLinks({ kind: 'ready', editor: link(`/p/${id}`, editor.token), viewer: link(`/library/${id}`, viewer.token) }),
      (error: unknown) => !cancelled && setLinks({ kind: 'error', message: describeError(t, error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [open, api, personaId, t]);

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <button type="button" className="button button--small">
          <Share2 aria-hidden size={16} />
          {t('share.button')}
        </button>
      </Dialog.Trigger>
      <DialogPanel title={t('share.title')} description={t('share.description')} testId="share-dialog">
        {links.kind === 'loading' ? (
          <p role="status">
            <LoaderCircle aria-hidden size={16} className="spin" /> {t('share.creating')}
          </p>
        ) : links.kind === 'error' ? (
          <p className="form-error" role="alert">
            {links.message}
          </p>
        ) : (
          <>
            <ShareLink role="editor" url={links.editor} />
            <ShareLink role="viewer" url={links.viewer} />
          </>
        )}
        <div className="dialog__actions">
          <Dialog.Close asChild>
            <button type="button" className="button button--primary">
              {t('common.done')}
            </button>
          </Dialog.Close>
        </div>
      </DialogPanel>
    </Dialog.Root>
  );
}
