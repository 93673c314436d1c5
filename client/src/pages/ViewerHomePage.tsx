import { ArrowRight, BookOpen } from 'lucide-react';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { isPersonaId } from '../../../shared/persona/schema.ts';
import { AppHeader } from '../components/AppHeader.tsx';
import { useT } from '../i18n/index.ts';

/** The persona id in a pasted link (`…/p/<id>…`) or a bare id; null when there is none. */
export function personaIdFrom(input: string): string | null {
  const text = input.trim();
  if (isPersonaId(text)) return text;
  const match = /\/p\/([A-Za-z0-9_-]{1,64})(?:[/?#]|$)/.exec(text);
  return match?.[1] ?? null;
}

/** Readers' home: a read-only link opens here; a persona link shared with them opens the persona. */
export function ViewerHomePage() {
  const t = useT();
  const navigate = useNavigate();
  const inputId = useId();
  const [link, setLink] = useState('');
  const [invalid, setInvalid] = useState(false);

  function open(event: FormEvent) {
    event.preventDefault();
    const id = personaIdFrom(link);
    setInvalid(id === null);
    if (id) void navigate(`/p/${id}`);
  }

  return (
    <>
      <AppHeader />
      <main className="home home--viewer">
        <div className="empty">
          <BookOpen aria-hidden size={40} />
          <h1>{t('viewer.title')}</h1>
          <p>{t('viewer.body')}</p>
          <form className="open-link" onSubmit={open}>
            <label className="visually-hidden" htmlFor={inputId}>
              {t('viewer.linkLabel')}
            </label>
            <input
              id={inputId}
              className="input"
              value={link}
              onChange={(e) => setLink(e.target.value)}
              placeholder={t('viewer.linkPlaceholder')}
              aria-invalid={invalid}
            />
            <button type="submit" className="button button--primary">
              {t('viewer.open')} <ArrowRight aria-hidden size={16} />
            </button>
          </form>
          {invalid ? (
            <p className="form-error" role="alert">
              {t('viewer.badLink')}
            </p>
          ) : null}
        </div>
      </main>
    </>
  );
}
