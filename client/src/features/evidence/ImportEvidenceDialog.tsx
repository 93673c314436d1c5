import { Download, LoaderCircle, Upload } from 'lucide-react';
import Papa from 'papaparse';
import { Dialog } from 'radix-ui';
import { useRef, useState } from 'react';
import type { DragEvent } from 'react';
import type * as Y from 'yjs';
import { addEvidence } from '../../../../shared/persona/evidence.ts';
import { SIDES } from '../../../../shared/persona/schema.ts';
import { EVIDENCE_ORIGIN } from './useEvidence.ts';
import type { CsvImportResult, ValidCsvRow } from './csvImport.ts';
import { CSV_COLUMNS, CSV_HEADER_NAMES, CSV_MAX_BYTES, decodeCsvBytes, parseEvidenceCsv, validRows } from './csvImport.ts';
import type { Locale, Translate } from '../../i18n/index.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import type { Participant } from '../../session/user.ts';
import { DialogPanel } from '../../ui/DialogPanel.tsx';
import type { FileProblem } from './ImportTables.tsx';
import { describeFileProblem, FormatTable, PreviewTable } from './ImportTables.tsx';

export interface ImportEvidenceDialogProps {
  doc: Y.Doc;
  participant: Participant;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onImported?: (count: number) => void;
}

type Step =
  | { kind: 'pick'; reading?: string; failed?: { name: string; problem: FileProblem } }
  | { kind: 'preview'; name: string; result: CsvImportResult; valid: ValidCsvRow[]; writeFailed?: boolean };

/** Evidence from a CSV file: explain the columns, read the file, preview every row, write only on confirmation. */
export function ImportEvidenceDialog({ open, onOpenChange, ...flow }: ImportEvidenceDialogProps) {
  const t = useT();
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <DialogPanel title={t('import.title')} description={t('import.description')} testId="import-dialog">
        {/* Inside the content, so closing the dialog unmounts it and the next opening starts afresh. */}
        <ImportFlow {...flow} onDone={() => onOpenChange(false)} />
      </DialogPanel>
    </Dialog.Root>
  );
}

function ImportFlow({ doc, participant, onImported, onDone }: Omit<ImportEvidenceDialogProps, 'open' | 'onOpenChange'> & { onDone: () => void }) {
  const t = useT();
  const locale = useLocale();
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const latest = useRef(0);

  async function read(file: File) {
    const ticket = ++latest.current;
    const fail = (problem: FileProblem) => ticket === latest.current && setStep({ kind: 'pick', failed: { name: file.name, problem } });
    // Checked before reading, so a huge file is never loaded into memory.
    if (file.size > CSV_MAX_BYTES) return fail({ code: 'tooBig', size: file.size, max: CSV_MAX_BYTES });
    setStep({ kind: 'pick', reading: file.name });
    let bytes: Uint8Array;
    try {
      bytes = await readBytes(file);
    } catch {
      return fail({ code: 'unreadable' });
    }
    const decoded = decodeCsvBytes(bytes);
    if ('fileError' in decoded) return fail(decoded.fileError);
    const result = parseEvidenceCsv(decoded.text, { defaultSide: participant.side });
    if (result.fileError) return fail(result.fileError);
    if (ticket === latest.current) setStep({ kind: 'preview', name: file.name, result, valid: validRows(result) });
  }

  function drop(event: DragEvent<HTMLElement>) {
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    if (file) void read(file);
  }

  function confirm(valid: readonly ValidCsvRow[]) {
    try {
      // addEvidence takes one side per call: one call per side, all in a single transaction.
      doc.transact(() => {
        for (const side of SIDES) {
          const inputs = valid.filter((row) => row.side === side).map((row) => row.input);
          if (inputs.length > 0) addEvidence(doc, inputs, { author: participant.name, side }, { origin: EVIDENCE_ORIGIN });
        }
      }, EVIDENCE_ORIGIN);
    } catch {
      if (step.kind === 'preview') setStep({ ...step, writeFailed: true });
      return;
    }
    onDone();
    onImported?.(valid.length);
  }

  if (step.kind === 'preview') {
    const { result, valid, name } = step;
    const invalid = result.rows.length - valid.length;
    const ready = t(valid.length === 1 ? 'import.summary.ready.one' : 'import.summary.ready.other', { count: valid.length });
    const skipped = t(invalid === 1 ? 'import.summary.invalid.one' : 'import.summary.invalid.other', { count: invalid });
    return (
      <div className="csv-import">
        <p className="csv-import__summary" role="status">
          {invalid > 0 ? t('import.summary.both', { ready, invalid: skipped }) : ready}
        </p>
        {valid.length === 0 && <p className="notice notice--info">{t('import.summary.none')}</p>}
        {result.ignoredColumns.length > 0 && (
          <p className="notice">{t('import.ignoredColumns', { columns: result.ignoredColumns.join(', ') })}</p>
        )}
        <PreviewTable name={name} rows={result.rows} />
        {step.writeFailed && (
          <p className="form-error" role="alert">
            {t('import.writeFailed')}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => setStep({ kind: 'pick' })}>
            {t('import.chooseAnother')}
          </button>
          <Dialog.Close asChild>
            <button type="button" className="button">
              {t('common.cancel')}
            </button>
          </Dialog.Close>
          <button type="button" className="button button--primary" disabled={valid.length === 0} onClick={() => confirm(valid)}>
            {t(valid.length === 1 ? 'import.confirm.one' : 'import.confirm.other', { count: valid.length })}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="csv-import">
      <FormatTable participant={participant} />
      <label className="csv-import__drop" onDragOver={(e) => e.preventDefault()} onDrop={drop}>
        <input
          type="file"
          className="visually-hidden"
          accept=".csv,text/csv"
          disabled={step.reading !== undefined}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void read(file);
          }}
        />
        <Upload aria-hidden size={20} />
        <span className="csv-import__drop-title">{t('import.pick')}</span> <span>{t('import.drop')}</span>
      </label>
      {step.reading !== undefined && (
        <p className="notice" role="status">
          <LoaderCircle aria-hidden size={16} className="spin" /> {t('import.reading', { name: step.reading })}
        </p>
      )}
      {step.failed && (
        <div className="notice notice--error" role="alert">
          <p className="csv-import__error-title">{t('import.fileError.title', { name: step.failed.name })}</p>
          <p>{describeFileProblem(t, locale, step.failed.problem)}</p>
        </div>
      )}
      <div className="dialog__actions csv-import__actions">
        <a className="button button--ghost" href={exampleHref(t, locale)} download="tandem-evidence-example.csv">
          <Download aria-hidden size={16} /> {t('import.example.link')}
        </a>
        <Dialog.Close asChild>
          <button type="button" className="button">
            {t('common.cancel')}
          </button>
        </Dialog.Close>
      </div>
    </div>
  );
}

/** FileReader rather than Blob.arrayBuffer(), which older browsers and jsdom lack. */
function readBytes(file: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const result = reader.result;
      if (result === null || typeof result === 'string') reject(new Error('the file was not read as bytes'));
      else resolve(new Uint8Array(result));
    };
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsArrayBuffer(file);
  });
}

/** A small example in the reader's language: Spanish headers and semicolons for Spanish Excel; a BOM so accents survive. */
function exampleHref(t: Translate, locale: Locale): string {
  const spanish = locale === 'es';
  const fields = CSV_COLUMNS.map((column) => CSV_HEADER_NAMES[column][spanish ? 1 : 0] ?? column);
  const data = [
    [t('import.example.1.text'), 'metric', t('import.example.1.source'), 'goals', 'marketing'],
    [t('import.example.2.text'), 'objection', t('import.example.2.source'), 'objections', 'sales'],
    [t('import.example.3.text'), 'deal', t('import.example.3.source'), 'buyingProcess', 'sales'],
  ];
  const csv = Papa.unparse({ fields, data }, { delimiter: spanish ? ';' : ',' });
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${csv}`)}`;
}
