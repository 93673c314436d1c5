// The import dialog's two tables, the column format and the preview, and how problems are said.
import { CircleAlert, CircleCheck } from 'lucide-react';
import { useId } from 'react';
import { EVIDENCE_SOURCE_MAX, EVIDENCE_TEXT_MAX } from '../../../../shared/persona/evidence.ts';
import { EVIDENCE_KINDS } from '../../../../shared/persona/schema.ts';
import type { CsvFileProblem, CsvImportRow, CsvRowProblem } from './csvImport.ts';
import { CSV_COLUMNS, CSV_HEADER_NAMES, CSV_MAX_BYTES, CSV_MAX_ROWS } from './csvImport.ts';
import type { Locale, Translate } from '../../i18n/index.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import type { Participant } from '../../session/user.ts';
import { SideBadge } from '../../ui/SideBadge.tsx';

export type FileProblem = CsvFileProblem | { code: 'unreadable' };

/** The columns a CSV may have, as the README documents them. */
export function FormatTable({ participant }: { participant: Participant }) {
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

/** Every row of the file with what it will become, and the problems of each bad one. */
export function PreviewTable({ name, rows }: { name: string; rows: readonly CsvImportRow[] }) {
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

export function describeFileProblem(t: Translate, locale: Locale, problem: FileProblem): string {
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
