import { LoaderCircle, Webhook as WebhookIcon } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import { useFetch } from '../../api/useFetch.ts';
import { useT } from '../../i18n/index.ts';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { RetryNotice } from '../../ui/RetryNotice.tsx';
import { SecretReveal } from './SecretReveal.tsx';
import { WebhookForm } from './WebhookForm.tsx';
import { WebhookItem } from './WebhookItem.tsx';

/** `/webhooks` (admins): post Tandem's events to other tools, see how each delivery went, send a test. */
export default function WebhooksPage() {
  const t = useT();
  const api = useApi();
  const [round, setRound] = useState(0);
  const list = useFetch(`webhooks:${round}`, (signal) => api.listWebhooks(signal));
  const [revealed, setRevealed] = useState<{ url: string; secret: string } | null>(null);
  const reload = () => setRound((n) => n + 1);

  useEffect(() => {
    document.title = `${t('webhooks.title')} · Tandem`;
    return () => {
      document.title = 'Tandem';
    };
  }, [t]);

  const hooks = list.data ?? [];
  return (
    <>
      <AppHeader />
      <main className="members webhooks" data-testid="webhooks-page">
        <header className="members__intro">
          <h1>
            <WebhookIcon aria-hidden size={22} /> {t('webhooks.title')}
          </h1>
          <p>{t('webhooks.description')}</p>
        </header>

        <section className="members__card" aria-labelledby="webhooks-add">
          <h2 id="webhooks-add">{t('webhooks.add.title')}</h2>
          <p className="members__lead">{t('webhooks.add.lead')}</p>
          <WebhookForm
            onSubmit={async (fields) => {
              const { webhook, secret } = await api.createWebhook(fields);
              setRevealed({ url: webhook.url, secret });
              reload();
            }}
          />
          {revealed ? <SecretReveal url={revealed.url} secret={revealed.secret} onDone={() => setRevealed(null)} /> : null}
        </section>

        <section className="members__card" aria-labelledby="webhooks-list">
          <h2 id="webhooks-list">
            {t('webhooks.list.title')} {list.data ? <span className="count">{hooks.length}</span> : null}
          </h2>
          {list.status === 'error' ? <RetryNotice onRetry={list.retry}>{describeError(t, list.error)}</RetryNotice> : null}
          {!list.data ? (
            list.status === 'loading' ? (
              <p role="status" className="members__muted">
                <LoaderCircle aria-hidden size={16} className="spin" /> {t('common.loading')}
              </p>
            ) : null
          ) : hooks.length === 0 ? (
            <p className="members__empty">{t('webhooks.list.empty')}</p>
          ) : (
            <ul className="webhook-list" data-testid="webhook-list">
              {hooks.map((hook) => (
                <WebhookItem key={hook.id} hook={hook} onChanged={reload} />
              ))}
            </ul>
          )}
        </section>
      </main>
    </>
  );
}
