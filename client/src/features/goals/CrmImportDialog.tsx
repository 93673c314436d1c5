import { CircleCheck, FileUp, LoaderCircle, TriangleAlert } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useId, useRef, useState } from 'react';
import type { ColumnMapping, CrmImport, ImportPreview } from '../../../../shared/api.ts';
import { CRM_IMPORT_MAX_BYTES } from '../../../../shared/api.ts';
import { useApi } from '../../api/context.tsx';
import { useT } from '../../i18n/index.ts';
import { DialogPanel } from '../../ui/DialogPanel.tsx';
import { cleanMapping, guessColumns } from './columns.ts';
import { ColumnMappingForm } from './ColumnMappingForm.tsx';
import { describeImportError } from './importErrors.ts';
import { ImportPreviewView } from './ImportPreviewView.tsx';

export interface CrmImportDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onImported?: (done: CrmImport) => void;
}

type DateOrder = 'auto' | 'mdy' | 'dmy';
const DATE_ORDERS = { auto: 'crm.dates.auto', mdy: 'crm.dates.mdy', dmy: 'crm.dates.dmy' } as const;

type Step =
  | { kind: 'pick'; error?: string | undefined }
  | { kind: 'checking'; file: File }
  | { kind: 'preview'; file: File; preview: ImportPreview; columns: ColumnMapping | undefined; confirming: boolean; error?: string | undefined }
  | { kind: 'importing'; file: File }
  | { kind: 'done'; done: CrmImport };

/** A CRM deals export: check it (dry run), resolve what it can't place, then import on confirmation. */
export function CrmImportDialog({ open, onOpenChange, onImported }: CrmImportDialogProps) {
  const t = useT();
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <DialogPanel title={t('crm.title')} description={t('crm.description')} testId="crm-import-dialog">
        {/* Inside the content, so the next opening starts afresh. */}
        <CrmImportFlow onImported={onImported} onClose={() => onOpenChange(false)} />
      </DialogPanel>
    </Dialog.Root>
  );
}

function CrmImportFlow({ onImported, onClose }: { onImported: ((done: CrmImport) => void) | undefined; onClose: () => void }) {
  const t = useT();
  const api = useApi();
  const fileId = useId();
  const datesId = useId();
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [dates, setDates] = useState<DateOrder>('auto');
  const options = (file: File, columns: ColumnMapping | undefined, order: DateOrder = dates) => ({
    ...(columns ? { columns } : {}),
    ...(order === 'auto' ? {} : { dates: order }),
    filename: file.name,
  });
  const ticket = useRef(0);

  async function check(file: File, columns: ColumnMapping | undefined, order: DateOrder = dates) {
    const mine = ++ticket.current;
    if (file.size > CRM_IMPORT_MAX_BYTES) {
      setStep({ kind: 'pick', error: t('crm.file.tooBig', { name: file.name, size: `${(file.size / 1024 / 1024).toFixed(1)} MB` }) });
      return;
    }
    setStep({ kind: 'checking', file });
    try {
      const preview = await api.dryRunImport(file, options(file, columns, order));
      if (mine !== ticket.current) return;
      // A file no CRM wrote: start the mapping from a guess at its headers.
      const next = columns ?? (preview.detected === null ? cleanMapping(guessColumns(preview.headers)) : undefined);
      setStep({ kind: 'preview', file, preview, columns: next, confirming: false });
    } catch (error) {
      if (mine === ticket.current) setStep({ kind: 'pick', error: describeImportError(t, error) });
    }
  }

  async function runImport(file: File, columns: ColumnMapping | undefined, preview: ImportPreview) {
    const mine = ++ticket.current;
    setStep({ kind: 'importing', file });
    try {
      const done = await api.runImport(file, options(file, columns));
      if (mine !== ticket.current) return;
      setStep({ kind: 'done', done });
      onImported?.(done);
    } catch (error) {
      if (mine === ticket.current) setStep({ kind: 'preview', file, preview, columns, confirming: false, error: describeImportError(t, error) });
    }
  }

  if (step.kind === 'done') {
    return (
      <div className="crm-import" data-step="done">
        <p className="notice notice--success" role="status" data-testid="crm-import-done">
          <CircleCheck aria-hidden size={16} /> {t('crm.done', { count: step.done.rows })} {t('crm.done.body')}
        </p>
        <div className="dialog__actions">
          <button type="button" className="button button--primary" onClick={onClose}>
            {t('common.done')}
          </button>
        </div>
      </div>
    );
  }

  const busy = step.kind === 'checking' || step.kind === 'importing';
  const error = step.kind === 'pick' || step.kind === 'preview' ? step.error : undefined;
  return (
    <div className="crm-import" data-step={step.kind}>
      <div className="field">
        <label className="field__label" htmlFor={fileId}>
          {t('crm.file')}
        </label>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv"
          className="input crm-import__file"
          disabled={busy}
          data-testid="crm-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void check(file, undefined);
          }}
        />
        <p className="field__hint">{t('crm.file.hint')}</p>
      </div>
      <div className="field crm-import__dates">
        <label className="field__label" htmlFor={datesId}>
          {t('crm.dates')}
        </label>
        <select
          id={datesId}
          className="input input--small"
          value={dates}
          disabled={busy}
          onChange={(e) => {
            const order = e.target.value as DateOrder;
            setDates(order);
            if (step.kind === 'preview') void check(step.file, step.columns, order);
          }}
        >
          {(Object.keys(DATE_ORDERS) as DateOrder[]).map((order) => (
            <option key={order} value={order}>
              {t(DATE_ORDERS[order])}
            </option>
          ))}
        </select>
      </div>
      {busy ? (
        <p className="notice" role="status" data-testid="crm-progress">
          <LoaderCircle aria-hidden size={16} className="spin" />{' '}
          {t(step.kind === 'checking' ? 'crm.checking' : 'crm.importing', { name: step.file.name })}
        </p>
      ) : null}
      {error ? (
        <p className="notice notice--error" role="alert" data-testid="crm-error">
          <TriangleAlert aria-hidden size={16} /> {error}
        </p>
      ) : null}
      {step.kind === 'preview' ? (
        <>
          {step.columns !== undefined ? (
            <ColumnMappingForm
              headers={step.preview.headers}
              initial={step.columns}
              onApply={(columns) => void check(step.file, columns)}
            />
          ) : null}
          <ImportPreviewView preview={step.preview} onRemembered={() => void check(step.file, step.columns)} />
          {step.confirming ? (
            <div className="crm-import__confirm" role="group" data-testid="crm-confirm">
              <p>{t('crm.confirm.question', { count: step.preview.ready })}</p>
              <div className="dialog__actions">
                <button type="button" className="button button--ghost" onClick={() => setStep({ ...step, confirming: false })}>
                  {t('common.cancel')}
                </button>
                <button type="button" className="button button--primary" onClick={() => void runImport(step.file, step.columns, step.preview)} data-testid="crm-confirm-yes">
                  {t('crm.confirm.yes')}
                </button>
              </div>
            </div>
          ) : (
            <div className="dialog__actions">
              {step.preview.ready === 0 ? <p className="goals__muted">{t('crm.confirm.nothing')}</p> : null}
              <button type="button" className="button button--ghost" onClick={onClose}>
                {t('common.cancel')}
              </button>
              <button
                type="button"
                className="button button--primary"
                disabled={step.preview.ready === 0}
                onClick={() => setStep({ ...step, confirming: true, error: undefined })}
                data-testid="crm-import"
              >
                <FileUp aria-hidden size={16} />
                {step.preview.ready === 1 ? t('crm.confirm.one') : t('crm.confirm', { count: step.preview.ready })}
              </button>
            </div>
          )}
        </>
      ) : null}
    </div>
  );
}
