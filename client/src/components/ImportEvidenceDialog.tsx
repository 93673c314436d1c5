import { CircleAlert, CircleCheck, Download, LoaderCircle, Upload } from 'lucide-react';
import Papa from 'papaparse';
import { Dialog } from 'radix-ui';
import { useId, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import type * as Y from 'yjs';
import { addEvidence, EVIDENCE_SOURCE_MAX, EVIDENCE_TEXT_MAX } from '../../../shared/persona/evidence.ts';
import { EVIDENCE_KINDS, SIDES } from '../../../shared/persona/schema.ts';
import { EVIDENCE_ORIGIN } from '../collab/evidence.ts';
import type { CsvFileProblem, CsvImportResult, CsvImportRow, CsvRowProblem, ValidCsvRow } from '../evidence/csvImport.ts';
import { CSV_COLUMNS, CSV_HEADER_NAMES, CSV_MAX_BYTES, CSV_MAX_ROWS, decodeCsvBytes, parseEvidenceCsv, validRows } from '../evidence/csvImport.ts';
import type { Locale, Translate } from '../i18n/index.ts';
import { useLocale, useT } from '../i18n/index.ts';
import type { Participant } from '../session/user.ts';
import { DialogPanel } from './DialogPanel.tsx';
import { SideBadge } from './SideBadge.tsx';

export interface ImportEvidenceDialogProps {
  doc: Y.Doc;
  participant: Participant;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onImported?: (count: number) => void;
}

type FileProblem = CsvFileProblem | { code: 'unreadable' };
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

function FormatTable({ participant }: { participant: Participant }) {
  const t = useT();
  const locale = useLocale();
  const need = { text: 'required', kind: 'required', source: 'recommended', section: 'optional', side: 'optional' } as const;
  const meaning = {
    text: t('import.column.text.meaning', { max: formatNumber(EVIDENCE_TEXT_MAX, locale) }),
    kind: t('import.column.kind.meaning', { kinds: EVIDENCE_KINDS.join(', ') }),
    source: t('import.column.source.meaning', { max: formatNumber(EVIDENCE_SOURCE_MAX, locale) }),
    section: t('import.column.section.meaning', { label: t('section.pains') }),
    side: t('import.column.side.meaning', { side: t(participant.side === 'marketing' ? 'side.marketing' : 'side.sales') }),
  };
  const headingId = useId();
  const example = { text: t('import.column.text.example'), kind: 'metric', source: t('import.column.source.example'), section: 'pains', side: 'sales' };
  return (
    <section className="csv-import__format" aria-labelledby={headingId}>
      <h3 id={headingId} className="csv-import__heading">{t('import.format.title')}</h3>
      <table className="csv-table">
        <thead>
          <tr>
            <th scope="col">{t('import.format.column')}</th>
            <th scope="col">{t('import.format.need')}</th>
            <th scope="col">{t('import.format.meaning')}</th>
            <th scope="col">{t('import.format.example')}</th>
          </tr>
        </thead>
        <tbody>
          {CSV_COLUMNS.map((column) => (
            <tr key={column}>
              <th scope="row">
                <code>{CSV_HEADER_NAMES[column][0]}</code> · <code>{CSV_HEADER_NAMES[column][1]}</code>
              </th>
              <td>{t(`import.format.${need[column]}`)}</td>
              <td>{meaning[column]}</td>
              <td><code>{example[column]}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="csv-import__rules">
        {t('import.format.rules', { rows: formatNumber(CSV_MAX_ROWS, locale), size: formatBytes(CSV_MAX_BYTES, locale) })}
      </p>
    </section>
  );
}

function PreviewTable({ name, rows }: { name: string; rows: readonly CsvImportRow[] }) {
  const t = useT();
  return (
    <div className="csv-preview">
      <table className="csv-table csv-preview__table">
        <caption className="visually-hidden">{t('import.table.caption', { name })}</caption>
        <thead>
          <tr>
            {(['row', 'side', 'kind', 'text', 'source', 'section', 'status'] as const).map((column) => (
              <th key={column} scope="col">{t(`import.table.${column}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const ok = row.input !== undefined;
            return (
              <tr key={row.rowNumber} className={ok ? undefined : 'csv-preview__row--invalid'} data-row={row.rowNumber} data-status={ok ? 'ready' : 'invalid'}>
                <th scope="row">{row.rowNumber}</th>
                <td>{row.side ? <SideBadge side={row.side} /> : row.cells.side}</td>
                <td>{row.kind ? t(`kind.${row.kind}`) : row.cells.kind}</td>
                <td><div className="csv-preview__text">{row.cells.text}</div></td>
                <td>{row.cells.source}</td>
                <td>{row.section ? t(`section.${row.section}`) : row.cells.section}</td>
                <td className="csv-preview__status">
                  {ok ? (
                    <span className="csv-preview__ok"><CircleCheck aria-hidden size={16} /> {t('import.status.ready')}</span>
                  ) : (
                    <>
                      <span className="csv-preview__bad"><CircleAlert aria-hidden size={16} /> {t('import.status.invalid')}</span>
                      <ul className="csv-preview__problems">
                        {row.problems.map((problem) => (
                          <li key={problem.code}>{describeRowProblem(t, row.rowNumber, problem)}</li>
                        ))}
                      </ul>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function describeRowProblem(t: Translate, row: number, { code, ...params }: CsvRowProblem): string {
  return t('import.rowProblem', { row, problem: t(`import.problem.${code}`, params) });
}

function describeFileProblem(t: Translate, locale: Locale, problem: FileProblem): string {
  switch (problem.code) {
    case 'tooBig':
      return t('import.fileError.tooBig', { size: formatBytes(problem.size, locale), max: formatBytes(problem.max, locale) });
    case 'tooManyRows':
      return t('import.fileError.tooManyRows', { rows: formatNumber(problem.rows, locale), max: formatNumber(problem.max, locale) });
    case 'missingColumns':
      return t('import.fileError.missingColumns', { columns: problem.columns });
    default:
      return t(`import.fileError.${problem.code}`);
  }
}

const formatNumber = (n: number, locale: Locale) => new Intl.NumberFormat(locale).format(n);

function formatBytes(bytes: number, locale: Locale): string {
  // Rounded up, so a file just over the limit never reads as the limit itself.
  const mb = Math.ceil((bytes / (1024 * 1024)) * 10) / 10;
  if (mb >= 1) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(mb)} MB`;
  return `${new Intl.NumberFormat(locale).format(Math.ceil(bytes / 1024))} KB`;
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
