import { LoaderCircle, Plus, Save } from 'lucide-react';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { WebhookEvent, WebhookFormat } from '../../../../shared/feedback/webhooks.ts';
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS, WEBHOOK_URL_MAX, webhookUrlSchema } from '../../../../shared/feedback/webhooks.ts';
import { describeError } from '../../api/describeError.ts';
import { useT } from '../../i18n/index.ts';

export interface WebhookFields {
  url: string;
  events: WebhookEvent[];
  format: WebhookFormat;
}

/** The address, the events and the format of a hook: to add one, or to change one (`initial`). */
export function WebhookForm({ initial, onSubmit, onCancel }: { initial?: WebhookFields; onSubmit: (fields: WebhookFields) => Promise<void>; onCancel?: () => void }) {
  const t = useT();
  const ids = { url: useId(), format: useId(), error: useId() };
  const [url, setUrl] = useState(initial?.url ?? '');
  const [events, setEvents] = useState<WebhookEvent[]>(initial?.events ?? ['published']);
  const [format, setFormat] = useState<WebhookFormat>(initial?.format ?? 'json');
  const [tried, setTried] = useState(false);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const urlWrong = !webhookUrlSchema.safeParse(url).success;
  const eventsMissing = events.length === 0;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (urlWrong || eventsMissing) return;
    setSending(true);
    setFailure(null);
    try {
      await onSubmit({ url: url.trim(), events, format });
      if (!initial) {
        setUrl('');
        setTried(false);
      }
    } catch (error) {
      setFailure(describeError(t, error));
    } finally {
      setSending(false);
    }
  }

  const toggle = (name: WebhookEvent, on: boolean) => setEvents((now) => (on ? [...now, name] : now.filter((e) => e !== name)));
  const problem = tried && urlWrong ? t('webhooks.invalid.url') : tried && eventsMissing ? t('webhooks.invalid.events') : failure;
  return (
    <form className="webhook-form" onSubmit={(e) => void submit(e)} noValidate data-testid="webhook-form">
      <div className="field webhook-form__url">
        <label className="field__label" htmlFor={ids.url}>
          {t('webhooks.field.url')}
        </label>
        <input
          id={ids.url}
          className="input"
          type="url"
          value={url}
          maxLength={WEBHOOK_URL_MAX}
          placeholder={t('webhooks.field.urlPlaceholder')}
          onChange={(e) => setUrl(e.target.value)}
          aria-invalid={tried && urlWrong}
          aria-describedby={problem ? ids.error : undefined}
          data-testid="webhook-url"
        />
      </div>
      <fieldset className="field webhook-form__events" aria-invalid={tried && eventsMissing}>
        <legend className="field__label">{t('webhooks.field.events')}</legend>
        {WEBHOOK_EVENTS.map((name) => (
          <label key={name} className="webhook-form__event">
            <input type="checkbox" checked={events.includes(name)} onChange={(e) => toggle(name, e.target.checked)} data-testid={`webhook-event-${name}`} />
            {t(`webhooks.event.${name}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label className="field__label" htmlFor={ids.format}>
          {t('webhooks.field.format')}
        </label>
        <select id={ids.format} className="input" value={format} onChange={(e) => setFormat(e.target.value as WebhookFormat)} data-testid="webhook-format">
          {WEBHOOK_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`webhooks.format.${f}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="webhook-form__actions">
        <button type="submit" className="button button--primary" disabled={sending} data-testid="webhook-submit">
          {sending ? <LoaderCircle aria-hidden size={16} className="spin" /> : initial ? <Save aria-hidden size={16} /> : <Plus aria-hidden size={16} />}
          {sending ? t('webhooks.add.sending') : t(initial ? 'webhooks.edit.save' : 'webhooks.add.submit')}
        </button>
        {onCancel ? (
          <button type="button" className="button button--ghost" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
        {problem ? (
          <p className="form-error" id={ids.error} role="alert">
            {problem}
          </p>
        ) : null}
      </div>
    </form>
  );
}
