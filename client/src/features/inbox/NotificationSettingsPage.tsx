// The route `/inbox/settings`: which kinds reach the member's inbox, and which by mail (only offered
// when the server can send mail and the member has an email).
import { ArrowLeft, LoaderCircle, Settings } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { EMAIL_MODES, INBOX_KINDS, type InboxKind, type NotificationSettings } from '../../../../shared/feedback/api.ts';
import { useApi } from '../../api/context.tsx';
import { ApiRequestError } from '../../api/http.ts';
import { useFetch } from '../../api/useFetch.ts';
import { useT } from '../../i18n/index.ts';
import { AccessScreen } from '../../ui/AccessScreen.tsx';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { RetryNotice } from '../../ui/RetryNotice.tsx';
import './inbox.css';

export default function NotificationSettingsPage() {
  const t = useT();
  const api = useApi();
  const loaded = useFetch('notification-settings', (signal) => api.getNotificationSettings(signal));
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');

  useEffect(() => {
    if (loaded.data) setSettings(loaded.data.settings);
  }, [loaded.data]);

  if (loaded.error instanceof ApiRequestError && loaded.error.status === 401) return <AccessScreen reason="unauthorized" />;

  const toggle = (group: 'inbox' | 'emailKinds', kind: InboxKind) => {
    setState('idle');
    setSettings((current) => current && { ...current, [group]: { ...current[group], [kind]: !current[group][kind] } });
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!settings) return;
    setState('saving');
    try {
      setSettings((await api.saveNotificationSettings(settings)).settings);
      setState('saved');
    } catch {
      setState('failed');
    }
  }

  const mail = loaded.data && loaded.data.mailAvailable && loaded.data.email !== null ? loaded.data.email : null;
  return (
    <>
      <AppHeader />
      <main className="inbox-page" data-testid="notification-settings">
        <Link to="/inbox" className="button button--ghost button--small">
          <ArrowLeft aria-hidden size={14} /> {t('notify.back')}
        </Link>
        <h1 className="inbox-page__title">
          <Settings aria-hidden size={24} /> {t('notify.title')}
        </h1>
        <p className="inbox-page__intro">{t('notify.intro')}</p>
        {settings === null ? (
          loaded.status === 'error' ? (
            <RetryNotice onRetry={loaded.retry}>{t('notify.error')}</RetryNotice>
          ) : (
            <p role="status">
              <LoaderCircle aria-hidden size={16} className="spin" /> {t('common.loading')}
            </p>
          )
        ) : (
          <form className="notify-form" onSubmit={(event) => void save(event)}>
            <fieldset className="notify-form__group">
              <legend>{t('notify.inbox')}</legend>
              {INBOX_KINDS.map((kind) => (
                <label key={kind} className="notify-form__choice">
                  <input type="checkbox" checked={settings.inbox[kind]} onChange={() => toggle('inbox', kind)} data-testid={`notify-inbox-${kind}`} />
                  {t(`notify.kind.${kind}`)}
                </label>
              ))}
            </fieldset>
            <fieldset className="notify-form__group">
              <legend>{t('notify.email')}</legend>
              {!loaded.data?.mailAvailable ? (
                <p className="inbox-page__intro" data-testid="notify-mail-unavailable">
                  {t('notify.email.unavailable')}
                </p>
              ) : mail === null ? (
                <p className="inbox-page__intro">{t('notify.email.none')}</p>
              ) : (
                <>
                  <p className="inbox-page__intro">{t('notify.email.to', { email: mail })}</p>
                  {EMAIL_MODES.map((mode) => (
                    <label key={mode} className="notify-form__choice">
                      <input
                        type="radio"
                        name="email-mode"
                        value={mode}
                        checked={settings.email === mode}
                        onChange={() => {
                          setState('idle');
                          setSettings({ ...settings, email: mode });
                        }}
                      />
                      {t(`notify.email.${mode}`)}
                    </label>
                  ))}
                  {settings.email === 'off' ? null : (
                    <fieldset className="notify-form__group notify-form__group--inner">
                      <legend>{t('notify.email.kinds')}</legend>
                      {INBOX_KINDS.map((kind) => (
                        <label key={kind} className="notify-form__choice">
                          <input type="checkbox" checked={settings.emailKinds[kind]} onChange={() => toggle('emailKinds', kind)} />
                          {t(`notify.kind.${kind}`)}
                        </label>
                      ))}
                    </fieldset>
                  )}
                </>
              )}
            </fieldset>
            <div className="notify-form__actions">
              <button type="submit" className="button button--primary" disabled={state === 'saving'} data-testid="notify-save">
                {t('common.save')}
              </button>
              <span role="status" className={state === 'failed' ? 'form-error' : 'inbox-page__intro'}>
                {state === 'saved' ? t('notify.saved') : state === 'failed' ? t('notify.saveFailed') : ''}
              </span>
            </div>
          </form>
        )}
      </main>
    </>
  );
}
