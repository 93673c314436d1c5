import { LoaderCircle } from 'lucide-react';
import type { WebhookDelivery } from '../../../../shared/feedback/webhooks.ts';
import { WEBHOOK_EVENTS } from '../../../../shared/feedback/webhooks.ts';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import { useFetch } from '../../api/useFetch.ts';
import { formatRelative } from '../../i18n/format.ts';
import { useLocale, useT, type Translate } from '../../i18n/index.ts';
import { useNow } from '../../i18n/useNow.ts';
import { RetryNotice } from '../../ui/RetryNotice.tsx';

const eventName = (t: Translate, event: string) => ((WEBHOOK_EVENTS as readonly string[]).includes(event) || event === 'test' ? t(`webhooks.event.${event as 'test'}`) : event);

/** A delivery's outcome, said in words and an icon-free pill (never colour alone). */
export function DeliveryStatus({ delivery }: { delivery: WebhookDelivery | null }) {
  const t = useT();
  if (!delivery) return <span className="pill webhook-status webhook-status--none">{t('webhooks.status.none')}</span>;
  return (
    <span className={`pill webhook-status webhook-status--${delivery.status}`} data-testid="webhook-status">
      {t(`webhooks.status.${delivery.status}`)}
      {delivery.statusCode !== null ? ` · ${delivery.statusCode}` : ''}
    </span>
  );
}

/** A hook's recent deliveries, newest first: when, what, how it went, and why it failed. */
export function DeliveryLog({ hookId, url, round }: { hookId: string; url: string; round: number }) {
  const t = useT();
  const api = useApi();
  const locale = useLocale();
  const now = useNow();
  const list = useFetch(`deliveries:${hookId}:${round}`, (signal) => api.listDeliveries(hookId, signal));
  if (list.status === 'error' && !list.data) return <RetryNotice onRetry={list.retry}>{describeError(t, list.error)}</RetryNotice>;
  if (!list.data) {
    return (
      <p role="status" className="members__muted">
        <LoaderCircle aria-hidden size={16} className="spin" /> {t('common.loading')}
      </p>
    );
  }
  if (list.data.length === 0) return <p className="members__empty">{t('webhooks.deliveries.empty')}</p>;
  return (
    <div className="members__table-wrap">
      <table className="members__table webhook-log" aria-label={t('webhooks.deliveries.label', { url })} data-testid="webhook-deliveries">
        <thead>
          <tr>
            <th scope="col">{t('webhooks.deliveries.when')}</th>
            <th scope="col">{t('webhooks.deliveries.event')}</th>
            <th scope="col">{t('webhooks.deliveries.status')}</th>
            <th scope="col">{t('webhooks.deliveries.attempts')}</th>
            <th scope="col">{t('webhooks.deliveries.answer')}</th>
          </tr>
        </thead>
        <tbody>
          {list.data.map((d) => (
            <tr key={d.id} data-testid="webhook-delivery">
              <td>
                <time dateTime={d.lastAttemptAt ?? d.createdAt}>{formatRelative(d.lastAttemptAt ?? d.createdAt, locale, now)}</time>
              </td>
              <td>{eventName(t, d.event)}</td>
              <td>
                <DeliveryStatus delivery={d} />
              </td>
              <td>{d.attempts}</td>
              <td className="webhook-log__answer">
                {d.lastError ?? (d.statusCode !== null ? `HTTP ${d.statusCode}` : t('webhooks.deliveries.noAnswer'))}
                {d.status === 'pending' && d.nextAt ? <span className="webhook-log__next"> · {t('webhooks.deliveries.nextAt', { when: formatRelative(d.nextAt, locale, now) })}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
