import { Dialog } from 'radix-ui';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { Side } from '../../../../shared/persona/types.ts';
import { SIDES } from '../../../../shared/persona/schema.ts';
import { useT } from '../../i18n/index.ts';
import type { Participant } from '../../session/user.ts';
import { MAX_NAME_LENGTH, pickColor } from '../../session/user.ts';
import { ChoiceCards } from '../../ui/ChoiceCards.tsx';
import { DialogPanel } from '../../ui/DialogPanel.tsx';
import { SIDE_ICONS } from '../../ui/SideBadge.tsx';

export interface JoinDialogProps {
  open: boolean;
  /** Present when changing an existing name or side; the dialog can then be dismissed. */
  current?: Participant | null;
  onJoin: (participant: Participant) => void;
  onCancel?: () => void;
}

/** Asks for a name and a side before the workshop opens (SPEC §4 `data-testid="join-dialog"`). */
export function JoinDialog({ open, current = null, onJoin, onCancel }: JoinDialogProps) {
  const t = useT();
  const nameId = useId();
  const errorId = useId();
  const [name, setName] = useState(current?.name ?? '');
  const [side, setSide] = useState<Side | ''>(current?.side ?? '');
  const [tried, setTried] = useState(false);
  const dismissible = current !== null && onCancel !== undefined;
  const nameMissing = name.trim() === '';
  const sideMissing = side === '';

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (nameMissing || sideMissing) return;
    const color = current && current.side === side ? current.color : pickColor(side);
    onJoin({ name: name.trim().slice(0, MAX_NAME_LENGTH), side, color });
  }

  return (
    <Dialog.Root open={open} onOpenChange={(next) => !next && dismissible && onCancel()}>
      <DialogPanel
        title={t(current ? 'join.editTitle' : 'join.title')}
        description={t('join.description')}
        testId="join-dialog"
        dismissible={dismissible}
      >
        <form onSubmit={submit} noValidate>
          <label className="field" htmlFor={nameId}>
            <span className="field__label">{t('join.name')}</span>
            <input
              id={nameId}
              className="input"
              name="name"
              autoComplete="name"
              autoFocus
              maxLength={MAX_NAME_LENGTH}
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder={t('join.namePlaceholder')}
              aria-invalid={tried && nameMissing}
              aria-describedby={tried && nameMissing ? errorId : undefined}
            />
          </label>
          <fieldset className="field">
            <legend className="field__label">{t('join.side')}</legend>
            <ChoiceCards
              choices={SIDES.map((s) => ({
                value: s,
                icon: SIDE_ICONS[s],
                name: t(s === 'marketing' ? 'side.marketing' : 'side.sales'),
                hint: t(s === 'marketing' ? 'join.marketingHint' : 'join.salesHint'),
              }))}
              value={side}
              onChange={setSide}
              label={t('join.side')}
              invalid={tried && sideMissing}
            />
          </fieldset>
          {tried && (nameMissing || sideMissing) ? (
            <p className="form-error" id={errorId} role="alert">
              {t(nameMissing ? 'join.nameRequired' : 'join.sideRequired')}
            </p>
          ) : null}
          <div className="dialog__actions">
            {dismissible ? (
              <Dialog.Close asChild>
                <button type="button" className="button button--ghost">
                  {t('common.cancel')}
                </button>
              </Dialog.Close>
            ) : null}
            <button type="submit" className="button button--primary">
              {t(current ? 'common.save' : 'join.submit')}
            </button>
          </div>
        </form>
      </DialogPanel>
    </Dialog.Root>
  );
}
