import { LoaderCircle, Trash2 } from 'lucide-react';
import { AlertDialog } from 'radix-ui';
import { useState } from 'react';
import { useT } from '../../i18n/index.ts';

/** Removing someone cannot be undone: ask first, say what it does, and focus Cancel. */
export function ConfirmRemove({ name, reader = false, onConfirm }: { name: string; reader?: boolean; onConfirm: () => Promise<void> }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  async function confirm() {
    setBusy(true);
    try {
      await onConfirm();
      setOpen(false);
    } finally {
      setBusy(false);
    }
  }
  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      <AlertDialog.Trigger asChild>
        <button type="button" className="button button--small button--ghost button--danger" aria-label={t(reader ? 'members.reader.revokeLabel' : 'members.remove.label', { name })}>
          <Trash2 aria-hidden size={14} /> {t(reader ? 'members.reader.revoke' : 'members.remove')}
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog" data-testid="confirm-remove">
          <AlertDialog.Title className="dialog__title">{t(reader ? 'members.reader.confirmTitle' : 'members.remove.title', { name })}</AlertDialog.Title>
          <AlertDialog.Description className="dialog__description">
            {t(reader ? 'members.reader.confirmBody' : 'members.remove.body', { name })}
          </AlertDialog.Description>
          <div className="dialog__actions">
            <AlertDialog.Cancel asChild>
              <button type="button" className="button">
                {t('common.cancel')}
              </button>
            </AlertDialog.Cancel>
            {/* Not AlertDialog.Action: that closes at once, before the server has answered. */}
            <button type="button" className="button button--primary button--danger-solid" disabled={busy} onClick={() => void confirm()}>
              {busy ? <LoaderCircle aria-hidden size={16} className="spin" /> : <Trash2 aria-hidden size={16} />}
              {t(reader ? 'members.reader.revokeConfirm' : 'members.remove.confirm', { name })}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
