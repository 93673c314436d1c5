// Reads a deals CSV as it streams through csv-parse, one record at a time: the dry run's counts,
// errors and unmapped persona values, and (for a real import) the deals of the ready rows.
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { ColumnMapping, CrmField, CrmSource, ImportRowError } from '../../shared/api.ts';
import type { Deal } from '../../shared/scorecard/deals.ts';
import { outcomeOf } from '../../shared/scorecard/deals.ts';
import { resolveColumns, type ColumnIndex } from './columns.ts';
import type { DateOrder } from './values.ts';
import { dateOrderHint, parseCrmAmount, parseCrmDate } from './values.ts';

export interface ReadDealsOptions {
  mapping?: ColumnMapping | undefined;
  /** How slashed dates read; by default the file decides (see values.ts). */
  dates?: DateOrder | undefined;
  /** The persona a CRM value maps to, or null when it matches none. */
  personaOf: (value: string) => string | null;
  /** Keep the ready rows' deals (a real import); a dry run keeps only counts. */
  keepDeals: boolean;
  /**
   * Where the kept deals go instead, in batches of DEAL_BATCH as the file is read (awaited, so the
   * reading waits for the store): a real import never holds a big file's deals at once.
   */
  onDeals?: ((deals: Deal[]) => Promise<void>) | undefined;
}

export interface DealsRead {
  headers: string[];
  detected: CrmSource | null;
  /** Data rows read (blank rows and a Salesforce report's footer are not rows). */
  rows: number;
  ready: number;
  errors: ImportRowError[];
  unmapped: string[];
  /** The ready rows' deals when kept (none left here when `onDeals` took them). */
  deals: Deal[];
  /** Missing columns: the file cannot be imported as it is mapped. */
  unusable: boolean;
}

const TEXT_MAX = 500;
export const DEAL_BATCH = 1_000;

/** The file is not a CSV (binary, e.g. a spreadsheet saved as .xlsx). */
export function looksBinary(file: Uint8Array): boolean {
  return file.subarray(0, 65_536).includes(0);
}

export async function readDeals(file: Uint8Array, options: ReadDealsOptions): Promise<DealsRead> {
  const source = { file: Buffer.from(file.buffer, file.byteOffset, file.byteLength), delimiter: delimiterOf(file) };
  const records = recordsOf(source);
  const first = await records.next();
  const headers = first.done ? [] : first.value.record.map((cell) => cell.trim());
  await records.return(undefined);
  const resolved = resolveColumns(headers, options.mapping);
  const result: DealsRead = { headers, detected: resolved.detected, rows: 0, ready: 0, errors: [], unmapped: [], deals: [], unusable: false };
  if (resolved.missing.length > 0 || resolved.unknownHeaders.length > 0) {
    result.unusable = true;
    const problems = [
      ...(resolved.unknownHeaders.length > 0 ? [`no column is headed ${resolved.unknownHeaders.map((h) => `"${h}"`).join(', ')}`] : []),
      ...(resolved.missing.length > 0 ? [`no column for ${resolved.missing.join(', ')} (map the columns)`] : []),
    ];
    result.errors.push({ row: 1, message: `The header row: ${problems.join('; ')}` });
  }
  const order = options.dates ?? (await dateOrderOf(source, resolved.columns));
  const unmapped = new Set<string>();
  const seenIds = new Map<string, number>();
  // Every row's problem is listed (issue 16: the preview shows each by its row number).
  const addError = (row: number, message: string) => void result.errors.push({ row, message });
  try {
    for await (const { record, row, kind } of dataRecords(source, resolved.detected)) {
      if (kind !== 'data') continue;
      result.rows += 1;
      if (result.unusable) continue;
      const read = readRow(record, resolved.columns, order, headers);
      if ('errors' in read) {
        addError(row, read.errors.join('; '));
        continue;
      }
      if (read.id !== '') {
        const earlier = seenIds.get(read.id);
        if (earlier !== undefined) {
          addError(row, `${labelOf(headers, resolved.columns, 'id')} ${read.id} is also on row ${earlier}`);
          continue;
        }
        seenIds.set(read.id, row);
      }
      const personaId = options.personaOf(read.persona);
      if (personaId === null) {
        unmapped.add(read.persona);
        continue;
      }
      result.ready += 1;
      if (options.keepDeals) {
        const { persona: _persona, ...deal } = read;
        result.deals.push({ ...deal, personaId });
        if (options.onDeals && result.deals.length >= DEAL_BATCH) await options.onDeals(result.deals.splice(0));
      }
    }
    if (options.onDeals && result.deals.length > 0) await options.onDeals(result.deals.splice(0));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const row = typeof error.records === 'number' ? error.records + 1 : result.rows + 2;
    addError(row, `The file cannot be read from here on (${error.message.replace(/^Invalid Record Length: /, '')})`);
    result.unusable = true;
  }
  result.unmapped = [...unmapped];
  return result;
}

type RowRead = (Omit<Deal, 'personaId'> & { persona: string }) | { errors: string[] };

function readRow(record: readonly string[], columns: ColumnIndex, order: DateOrder, headers: readonly string[]): RowRead {
  const cell = (field: CrmField) => {
    const i = columns[field];
    return i === undefined ? '' : (record[i] ?? '').trim();
  };
  const label = (field: CrmField) => labelOf(headers, columns, field);
  const errors: string[] = [];
  const stage = cell('stage');
  if (stage === '') errors.push(`${label('stage')} is empty`);
  const outcome = outcomeOf(stage);
  const amountText = cell('amount');
  const amount = parseCrmAmount(amountText, order);
  if (amount !== null && Number.isNaN(amount)) errors.push(`${label('amount')} "${amountText}" is not an amount`);
  const createdText = cell('createdAt');
  const createdAt = createdText === '' ? null : parseCrmDate(createdText, order);
  if (createdText === '') errors.push(`${label('createdAt')} is empty`);
  else if (createdAt === null) errors.push(`${label('createdAt')} "${createdText}" is not a date`);
  const closedText = cell('closedAt');
  const closedAt = closedText === '' ? null : parseCrmDate(closedText, order);
  if (closedText !== '' && closedAt === null) errors.push(`${label('closedAt')} "${closedText}" is not a date`);
  else if (closedAt === null && outcome !== 'open') errors.push(`${label('closedAt')} is empty for a ${outcome} deal`);
  else if (closedAt !== null && createdAt !== null && closedAt.slice(0, 10) < createdAt.slice(0, 10)) {
    errors.push(`${label('closedAt')} is before ${label('createdAt')}`);
  }
  const persona = cell('persona');
  if (persona === '') errors.push(`${label('persona')} is empty`);
  const name = cell('name');
  const lossReason = cell('lossReason');
  for (const [field, text] of [['name', name], ['lossReason', lossReason]] as const) {
    if (text.length > TEXT_MAX) errors.push(`${label(field)} is over ${TEXT_MAX} characters`);
  }
  if (errors.length > 0 || createdAt === null || Number.isNaN(amount)) return { errors };
  return { id: cell('id'), name, stage, outcome, amount, createdAt, closedAt, lossReason, persona };
}

function labelOf(headers: readonly string[], columns: ColumnIndex, field: CrmField): string {
  const i = columns[field];
  return (i === undefined ? undefined : headers[i]) || field;
}

interface Source {
  file: Buffer;
  delimiter: string;
}

/** Every record with its row as a spreadsheet shows it (the header is row 1; a quoted line break stays in its row). */
async function* recordsOf({ file, delimiter }: Source): AsyncGenerator<{ record: string[]; row: number }> {
  const parser = parse({
    bom: true,
    delimiter,
    encoding: isUtf8(file) ? 'utf8' : 'latin1',
    relax_column_count: true,
    relax_quotes: true,
  });
  const chunks = Readable.from(chunked(file), { objectMode: false });
  chunks.pipe(parser);
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      yield { record, row };
    }
  } finally {
    chunks.unpipe(parser);
    chunks.destroy();
    parser.destroy();
  }
}

/** The data records, each marked blank, footer (a Salesforce report's copyright lines) or data. */
async function* dataRecords(source: Source, detected: CrmSource | null) {
  let afterBlank = false;
  for await (const { record, row } of recordsOf(source)) {
    if (row === 1) continue;
    const filled = record.filter((cell) => cell.trim() !== '').length;
    const kind = filled === 0 ? 'blank' : afterBlank && filled <= 1 && detected === 'salesforce' ? 'footer' : 'data';
    if (filled === 0) afterBlank = true;
    yield { record, row, kind };
  }
}

/** A first pass over the date columns: a slashed date with a first part over 12 makes the file day-first (most such dates decide). */
async function dateOrderOf(source: Source, columns: ColumnIndex): Promise<DateOrder> {
  const dateColumns = [columns.createdAt, columns.closedAt].filter((i): i is number => i !== undefined);
  const votes = { mdy: 0, dmy: 0 };
  let slashed = 0;
  try {
    for await (const { record, row } of recordsOf(source)) {
      if (row === 1) continue;
      for (const i of dateColumns) {
        const cell = record[i] ?? '';
        if (/^\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(cell)) slashed += 1;
        const hint = dateOrderHint(cell);
        if (hint) votes[hint] += 1;
      }
      // A file whose first hundred rows write no slashed date writes ISO dates: no order to decide.
      if (row > 100 && slashed === 0) break;
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
  }
  return votes.dmy > votes.mdy ? 'dmy' : 'mdy';
}

/** The header line's most frequent separator among `,` `;` and tab (Excel in many locales saves with `;`). */
function delimiterOf(file: Uint8Array): string {
  const head = Buffer.from(file.buffer, file.byteOffset, Math.min(file.byteLength, 65_536)).toString('latin1');
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  const outsideQuotes = firstLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, outsideQuotes.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

function* chunked(file: Buffer): Generator<Buffer> {
  const size = 64 * 1024;
  for (let at = 0; at < file.byteLength; at += size) yield file.subarray(at, at + size);
}
