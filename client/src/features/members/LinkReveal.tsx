import { Check, Copy, KeyRound } from 'lucide-react';
import { useId, useState } from 'react';
import { useT } from '../../i18n/index.ts';

/**
 * A personal link shown once, right after it was made: the server keeps only its id, so it cannot
 * be shown again (a new link can always be made). Copy puts it on the clipboard; the field selects.
 */
export function LinkReveal({ name, link, reader = false, onDone }: { name: string; link: string; reader?: boolean; onDone?: () => void }) {
  const t = useT();
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('yes');
    } catch {
      (document.getElementById(id) as HTMLInputElement | null)?.select();
      setCopied('failed');
    }
  }
  return (
    <div className="link-reveal" data-testid="link-reveal" role="group" aria-labelledby={`${id}-label`}>
      <p className="link-reveal__title" id={`${id}-label`}>
        <KeyRound aria-hidden size={16} /> {t(reader ? 'members.link.readerTitle' : 'members.link.title', { name })}
      </p>
      <p className="link-reveal__hint">{t('members.link.once')}</p>
      <div className="link-reveal__row">
        <label className="visually-hidden" htmlFor={id}>
          {t('members.link.field', { name })}
        </label>
        <input id={id} className="input" readOnly value={link} onFocus={(e) => e.currentTarget.select()} data-testid="link-reveal-url" />
        <button type="button" className="button button--small button--primary" onClick={() => void copy()} data-testid="link-reveal-copy">
          {copied === 'yes' ? <Check aria-hidden size={16} /> : <Copy aria-hidden size={16} />}
          <span aria-live="polite">{t(copied === 'yes' ? 'share.copied' : 'share.copy')}</span>
        </button>
      </div>
      {copied === 'failed' ? <p className="link-reveal__hint">{t('members.link.copyFailed')}</p> : null}
      {onDone ? (
        <div className="link-reveal__actions">
          <button type="button" className="button button--small button--ghost" onClick={onDone}>
            {t('common.done')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
