import { Check, Copy, KeyRound } from 'lucide-react';
import { useId, useState } from 'react';
import { useT } from '../../i18n/index.ts';

/** A new hook's signing secret, shown once: the server never shows it again. */
export function SecretReveal({ url, secret, onDone }: { url: string; secret: string; onDone: () => void }) {
  const t = useT();
  const id = useId();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      (document.getElementById(id) as HTMLInputElement | null)?.select();
    }
  }
  return (
    <div className="link-reveal" role="group" aria-labelledby={`${id}-label`} data-testid="webhook-secret">
      <p className="link-reveal__title" id={`${id}-label`}>
        <KeyRound aria-hidden size={16} /> {t('webhooks.secret.title', { url })}
      </p>
      <p className="link-reveal__hint">{t('webhooks.secret.once')}</p>
      <div className="link-reveal__row">
        <label className="visually-hidden" htmlFor={id}>
          {t('webhooks.secret.field')}
        </label>
        <input id={id} className="input" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} data-testid="webhook-secret-value" />
        <button type="button" className="button button--small button--primary" onClick={() => void copy()}>
          {copied ? <Check aria-hidden size={16} /> : <Copy aria-hidden size={16} />}
          <span aria-live="polite">{t(copied ? 'webhooks.secret.copied' : 'webhooks.secret.copy')}</span>
        </button>
      </div>
      <div className="link-reveal__actions">
        <button type="button" className="button button--small button--ghost" onClick={onDone}>
          {t('common.done')}
        </button>
      </div>
    </div>
  );
}
