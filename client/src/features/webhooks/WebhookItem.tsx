import { ChevronDown, ChevronRight, LoaderCircle, Pencil, Send, Trash2 } from 'lucide-react';
import { AlertDialog } from 'radix-ui';
import { useId, useState } from 'react';
import type { Webhook } from '../../../../shared/feedback/webhooks.ts';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import { useT } from '../../i18n/index.ts';
import { DeliveryLog, DeliveryStatus } from './DeliveryLog.tsx';
import { WebhookForm } from './WebhookForm.tsx';

/** One hook: where it posts, what, how its last delivery went; edit, test, its log, remove. */
export function WebhookItem({ hook, onChanged }: { hook: Webhook; onChanged: () => void }) {
  const t = useT();
  const api = useApi();
  const logId = useId();
  const [editing, setEditing] = useState(false);
  const [showLog, setShowLog] = useState(false);
  const [round, setRound] = useState(0);
  const [testing, setTesting] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);

  async function sendTest() {
    setTesting(true);
    setSaid(null);
    try {
      const delivery = await api.testWebhook(hook.id);
      const ok = delivery?.status === 'delivered';
      setSaid({
        ok,
        text: ok
          ? t('webhooks.test.ok', { code: delivery.statusCode ?? '' })
          : t('webhooks.test.failed', { error: delivery?.lastError ?? t('webhooks.deliveries.noAnswer') }),
      });
      setRound((n) => n + 1);
      onChanged();
    } catch (error) {
      setSaid({ ok: false, text: describeError(t, error) });
    } finally {
      setTesting(false);
    }
  }

  return (
    <li className="webhook" data-testid="webhook">
      <div className="webhook__head">
        <div className="webhook__what">
          <code className="webhook__url" data-testid="webhook-item-url">
            {hook.url}
          </code>
          <div className="webhook__meta">
            <span className="webhook__format">{t(`webhooks.format.${hook.format}`)}</span>
            {hook.events.map((event) => (
              <span key={event} className="webhook__event">
                {t(`webhooks.event.${event}`)}
              </span>
            ))}
          </div>
        </div>
        <DeliveryStatus delivery={hook.lastDelivery} />
      </div>
      <div className="webhook__actions">
        <button type="button" className="button button--small" onClick={() => void sendTest()} disabled={testing} aria-label={t('webhooks.test.label', { url: hook.url })} data-testid="webhook-test">
          {testing ? <LoaderCircle aria-hidden size={14} className="spin" /> : <Send aria-hidden size={14} />}
          {testing ? t('webhooks.test.sending') : t('webhooks.test')}
        </button>
        <button type="button" className="button button--small button--ghost" aria-expanded={showLog} aria-controls={logId} onClick={() => setShowLog((v) => !v)} data-testid="webhook-log-toggle">
          {showLog ? <ChevronDown aria-hidden size={14} /> : <ChevronRight aria-hidden size={14} />}
          {t('webhooks.deliveries.show')}
        </button>
        <button type="button" className="button button--small button--ghost" aria-label={t('webhooks.edit.label', { url: hook.url })} aria-pressed={editing} onClick={() => setEditing((v) => !v)}>
          <Pencil aria-hidden size={14} /> {t('webhooks.edit')}
        </button>
        <ConfirmRemoveHook url={hook.url} onConfirm={async () => {
          await api.removeWebhook(hook.id);
          onChanged();
        }} />
      </div>
      {said ? (
        <p className={said.ok ? 'webhook__said' : 'form-error'} role={said.ok ? 'status' : 'alert'} data-testid="webhook-test-result">
          {said.text}
        </p>
      ) : null}
      {editing ? (
        <WebhookForm
          initial={hook}
          onCancel={() => setEditing(false)}
          onSubmit={async (fields) => {
            await api.updateWebhook(hook.id, fields);
            setEditing(false);
            onChanged();
          }}
        />
      ) : null}
      <div id={logId} hidden={!showLog}>
        {showLog ? <DeliveryLog hookId={hook.id} url={hook.url} round={round} /> : null}
      </div>
    </li>
  );
}

/** Removing a hook drops its log too: ask first, and focus Cancel. */
function ConfirmRemoveHook({ url, onConfirm }: { url: string; onConfirm: () => Promise<void> }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  async function confirm() {
    setBusy(true);
    setFailure(null);
    try {
      await onConfirm();
      setOpen(false);
    } catch (error) {
      setFailure(describeError(t, error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      <AlertDialog.Trigger asChild>
        <button type="button" className="button button--small button--ghost button--danger" aria-label={t('webhooks.remove.label', { url })}>
          <Trash2 aria-hidden size={14} /> {t('webhooks.remove')}
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog" data-testid="confirm-remove-webhook">
          <AlertDialog.Title className="dialog__title">{t('webhooks.remove.title')}</AlertDialog.Title>
          <AlertDialog.Description className="dialog__description">{t('webhooks.remove.body', { url })}</AlertDialog.Description>
          {failure ? (
            <p className="form-error" role="alert">
              {failure}
            </p>
          ) : null}
          <div className="dialog__actions">
            <AlertDialog.Cancel asChild>
              <button type="button" className="button">
                {t('common.cancel')}
              </button>
            </AlertDialog.Cancel>
            <button type="button" className="button button--primary button--danger-solid" disabled={busy} onClick={() => void confirm()}>
              {busy ? <LoaderCircle aria-hidden size={16} className="spin" /> : <Trash2 aria-hidden size={16} />}
              {t('webhooks.remove.confirm')}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
