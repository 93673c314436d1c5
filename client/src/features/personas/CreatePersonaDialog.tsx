import { FileText, LayoutTemplate, LoaderCircle, Plus } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { TemplateName } from '../../../../shared/api.ts';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { ChoiceCards } from '../../ui/ChoiceCards.tsx';
import { DialogPanel } from '../../ui/DialogPanel.tsx';

const TEMPLATES: readonly { value: TemplateName; icon: typeof FileText }[] = [
  { value: 'b2b', icon: LayoutTemplate },
  { value: 'blank', icon: FileText },
];

/** Creates a persona on the server (which writes any template once) and opens its workshop. */
export function CreatePersonaDialog({ label = 'home.new' }: { label?: MessageKey }) {
  const t = useT();
  const locale = useLocale();
  const api = useApi();
  const navigate = useNavigate();
  const nameId = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [template, setTemplate] = useState<TemplateName>('b2b');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const trimmed = name.trim();
      // The template's prompts come in the language the facilitator is using.
      const { id } = await api.createPersona({ template, language: locale, ...(trimmed ? { name: trimmed } : {}) });
      setOpen(false);
      void navigate(`/p/${encodeURIComponent(id)}`);
    } catch (cause) {
      setError(describeError(t, cause));
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setError(null);
      }}
    >
      <Dialog.Trigger asChild>
        <button type="button" className="button button--primary" data-testid="new-persona">
          <Plus aria-hidden size={16} />
          {t(label)}
        </button>
      </Dialog.Trigger>
      <DialogPanel title={t('create.title')} description={t('create.description')} testId="create-dialog">
        <form onSubmit={(e) => void submit(e)}>
          <label className="field" htmlFor={nameId}>
            <span className="field__label">{t('create.name')}</span>
            <input
              id={nameId}
              className="input"
              name="name"
              maxLength={200}
              autoFocus
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder={t('create.namePlaceholder')}
            />
          </label>
          <fieldset className="field">
            <legend className="field__label">{t('create.template')}</legend>
            <ChoiceCards
              choices={TEMPLATES.map(({ value, icon }) => ({
                value,
                icon,
                name: t(value === 'b2b' ? 'create.b2b' : 'create.blank'),
                hint: t(value === 'b2b' ? 'create.b2bHint' : 'create.blankHint'),
              }))}
              value={template}
              onChange={setTemplate}
              label={t('create.template')}
            />
          </fieldset>
          {error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="dialog__actions">
            <Dialog.Close asChild>
              <button type="button" className="button button--ghost" disabled={pending}>
                {t('common.cancel')}
              </button>
            </Dialog.Close>
            <button type="submit" className="button button--primary" disabled={pending} aria-busy={pending}>
              {pending ? <LoaderCircle aria-hidden size={16} className="spin" /> : null}
              {t(pending ? 'create.creating' : 'create.submit')}
            </button>
          </div>
        </form>
      </DialogPanel>
    </Dialog.Root>
  );
}
