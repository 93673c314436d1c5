// Reads evidence from a CSV file into checked rows; writes nothing. Problems are codes, translated by the dialog.
import Papa from 'papaparse';
import { EVIDENCE_SOURCE_MAX, EVIDENCE_TEXT_MAX, evidenceInputSchema } from '../../../../shared/persona/evidence.ts';
import type { EvidenceInput } from '../../../../shared/persona/evidence.ts';
import { EVIDENCE_KINDS, SECTION_KEYS, SIDES } from '../../../../shared/persona/schema.ts';
import type { EvidenceKind, SectionKey, Side } from '../../../../shared/persona/types.ts';
import { en } from '../../i18n/en.ts';
import { es } from '../../i18n/es.ts';

export const CSV_MAX_BYTES = 1024 * 1024;
export const CSV_MAX_ROWS = 1000;

/** The columns of an import file, in documentation order. */
export const CSV_COLUMNS = ['text', 'kind', 'source', 'section', 'side'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export const CSV_REQUIRED_COLUMNS: readonly CsvColumn[] = ['text', 'kind'];

/** Header names accepted for each column (compared without case, accents or spaces). */
export const CSV_HEADER_NAMES: Readonly<Record<CsvColumn, readonly string[]>> = {
  text: ['text', 'texto'],
  kind: ['kind', 'tipo'],
  source: ['source', 'fuente'],
  section: ['section', 'sección', 'seccion'],
  side: ['side', 'lado'],
};

export type CsvFileProblem =
  | { code: 'empty' }
  | { code: 'notText' }
  | { code: 'tooBig'; size: number; max: number }
  | { code: 'tooManyRows'; rows: number; max: number }
  | { code: 'missingColumns'; columns: string }
  | { code: 'noRows' };

export type CsvRowProblem =
  | { code: 'textEmpty'; column: 'text' }
  | { code: 'textTooLong'; column: 'text'; max: number }
  | { code: 'sourceTooLong'; column: 'source'; max: number }
  | { code: 'kindEmpty'; column: 'kind'; allowed: string }
  | { code: 'kindUnknown'; column: 'kind'; value: string; allowed: string }
  | { code: 'sectionUnknown'; column: 'section'; value: string; allowed: string }
  | { code: 'sideUnknown'; column: 'side'; value: string }
  | { code: 'tooManyCells'; found: number; expected: number }
  | { code: 'unclosedQuote' }
  | { code: 'badQuote' };

export type CsvCells = Readonly<Record<CsvColumn, string>>;

export interface CsvImportRow {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  rowNumber: number;
  /** What the file says in each column, trimmed; '' for a column the file does not have. */
  cells: CsvCells;
  /** Each value as understood, or null when it is not one the format allows. */
  kind: EvidenceKind | null;
  section: SectionKey | '' | null;
  side: Side | null;
  /** Present exactly when `problems` is empty. */
  input?: EvidenceInput;
  problems: CsvRowProblem[];
}

export interface CsvImportResult {
  fileError?: CsvFileProblem;
  rows: CsvImportRow[];
  /** Header names the format does not know (or repeats), left out of the import. */
  ignoredColumns: string[];
}

export interface ValidCsvRow {
  rowNumber: number;
  input: EvidenceInput;
  side: Side;
}

/** Lower case, no accents, letters and digits only: "Sección" → "seccion", "Pains & challenges" → "painschallenges". */
export function looseKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

function lookup<T extends string>(entries: ReadonlyArray<readonly [string, T]>): ReadonlyMap<string, T> {
  return new Map(entries.map(([name, value]) => [looseKey(name), value]));
}

const dictionaries = [en, es];

const headerLookup = lookup(CSV_COLUMNS.flatMap((column) => CSV_HEADER_NAMES[column].map((name) => [name, column] as const)));

const kindLookup = lookup<EvidenceKind>([
  ...EVIDENCE_KINDS.flatMap((kind) => [kind, ...dictionaries.map((d) => d[`kind.${kind}`])].map((name) => [name, kind] as const)),
  ['behavior', 'behaviour'],
]);

const sectionLookup = lookup<SectionKey>(
  SECTION_KEYS.flatMap((key) => [key, ...dictionaries.map((d) => d[`section.${key}`])].map((name) => [name, key] as const)),
);

const sideLookup = lookup<Side>(
  SIDES.flatMap((side) => [side, ...dictionaries.map((d) => d[`side.${side}`])].map((name) => [name, side] as const)),
);

const KINDS_LIST = EVIDENCE_KINDS.join(', ');
const SECTIONS_LIST = SECTION_KEYS.join(', ');

/** Turns the bytes of a picked file into text: UTF-8 only (a BOM is fine), within the size limit. */
export function decodeCsvBytes(bytes: Uint8Array): { text: string } | { fileError: CsvFileProblem } {
  if (bytes.length > CSV_MAX_BYTES) return { fileError: { code: 'tooBig', size: bytes.length, max: CSV_MAX_BYTES } };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { fileError: { code: 'notText' } };
  }
  // A NUL byte never appears in a text file; it does in spreadsheets saved as .xlsx and other binaries.
  if (text.includes('\u0000')) return { fileError: { code: 'notText' } };
  if (text.trim() === '') return { fileError: { code: 'empty' } };
  return { text };
}

/** Comma or semicolon, whichever the header line uses more (Spanish Excel saves with semicolons). */
function detectDelimiter(text: string): ',' | ';' {
  const firstLine = text.trimStart().split(/\r\n|\n|\r/, 1)[0] ?? '';
  const count = (char: string) => firstLine.split(char).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

const isBlankRecord = (record: readonly string[]) => record.every((cell) => cell.trim() === '');

/** Parses and checks a whole file. Nothing here touches a document: the caller writes the valid rows on confirmation. */
export function parseEvidenceCsv(text: string, options: { defaultSide: Side }): CsvImportResult {
  const source = text.replace(/^\uFEFF/, '');
  if (source.trim() === '') return { fileError: { code: 'empty' }, rows: [], ignoredColumns: [] };

  const parsed = Papa.parse<string[]>(source, { delimiter: detectDelimiter(source), skipEmptyLines: false, header: false });
  const records = parsed.data;
  const headerIndex = records.findIndex((record) => !isBlankRecord(record));
  const header = records[headerIndex] ?? [];

  const columnIndex = new Map<CsvColumn, number>();
  const ignoredColumns: string[] = [];
  header.forEach((name, index) => {
    const column = headerLookup.get(looseKey(name));
    if (column !== undefined && !columnIndex.has(column)) columnIndex.set(column, index);
    else if (name.trim() !== '') ignoredColumns.push(name.trim());
  });

  const missing = CSV_REQUIRED_COLUMNS.filter((column) => !columnIndex.has(column));
  if (missing.length > 0) {
    return { fileError: { code: 'missingColumns', columns: missing.join(', ') }, rows: [], ignoredColumns };
  }

  const dataIndexes: number[] = [];
  for (let i = headerIndex + 1; i < records.length; i += 1) {
    if (!isBlankRecord(records[i] ?? [])) dataIndexes.push(i);
  }
  if (dataIndexes.length === 0) return { fileError: { code: 'noRows' }, rows: [], ignoredColumns };
  if (dataIndexes.length > CSV_MAX_ROWS) {
    return { fileError: { code: 'tooManyRows', rows: dataIndexes.length, max: CSV_MAX_ROWS }, rows: [], ignoredColumns };
  }

  const quoteProblems = new Map<number, CsvRowProblem>();
  for (const error of parsed.errors) {
    if (error.row === undefined || quoteProblems.has(error.row)) continue;
    if (error.code === 'MissingQuotes') quoteProblems.set(error.row, { code: 'unclosedQuote' });
    else if (error.code === 'InvalidQuotes') quoteProblems.set(error.row, { code: 'badQuote' });
  }

  const rows = dataIndexes.map((index) =>
    checkRow(records[index] ?? [], {
      rowNumber: index + 1,
      columnIndex,
      width: header.length,
      defaultSide: options.defaultSide,
      parseProblem: quoteProblems.get(index),
    }),
  );
  return { rows, ignoredColumns };
}

function checkRow(
  record: readonly string[],
  context: {
    rowNumber: number;
    columnIndex: ReadonlyMap<CsvColumn, number>;
    width: number;
    defaultSide: Side;
    parseProblem: CsvRowProblem | undefined;
  },
): CsvImportRow {
  const cell = (column: CsvColumn) => {
    const index = context.columnIndex.get(column);
    return index === undefined ? '' : (record[index] ?? '').trim();
  };
  const cells: CsvCells = { text: cell('text'), kind: cell('kind'), source: cell('source'), section: cell('section'), side: cell('side') };
  const problems: CsvRowProblem[] = [];
  if (context.parseProblem) problems.push(context.parseProblem);

  // Extra empty cells are what spreadsheets leave behind; extra filled ones usually mean an unquoted delimiter.
  const filledWidth = record.reduce((width, value, i) => (value.trim() === '' ? width : i + 1), 0);
  if (!context.parseProblem && filledWidth > context.width) {
    problems.push({ code: 'tooManyCells', found: filledWidth, expected: context.width });
  }

  const kind = cells.kind === '' ? null : (kindLookup.get(looseKey(cells.kind)) ?? null);
  if (cells.kind === '') problems.push({ code: 'kindEmpty', column: 'kind', allowed: KINDS_LIST });
  else if (kind === null) problems.push({ code: 'kindUnknown', column: 'kind', value: shorten(cells.kind), allowed: KINDS_LIST });

  const section = cells.section === '' ? '' : (sectionLookup.get(looseKey(cells.section)) ?? null);
  if (section === null) {
    problems.push({ code: 'sectionUnknown', column: 'section', value: shorten(cells.section), allowed: SECTIONS_LIST });
  }

  const side = cells.side === '' ? context.defaultSide : (sideLookup.get(looseKey(cells.side)) ?? null);
  if (side === null) problems.push({ code: 'sideUnknown', column: 'side', value: shorten(cells.side) });

  const checked = evidenceInputSchema.safeParse({ kind: kind ?? 'metric', text: cells.text, source: cells.source, section: section ?? '' });
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      if (issue.path[0] === 'text') {
        problems.push(issue.code === 'too_big' ? { code: 'textTooLong', column: 'text', max: EVIDENCE_TEXT_MAX } : { code: 'textEmpty', column: 'text' });
      } else if (issue.path[0] === 'source') {
        problems.push({ code: 'sourceTooLong', column: 'source', max: EVIDENCE_SOURCE_MAX });
      }
    }
  }

  const row: CsvImportRow = { rowNumber: context.rowNumber, cells, kind, section, side, problems };
  if (problems.length === 0 && checked.success) row.input = checked.data;
  return row;
}

/** The rows that will be written, each with its side. */
export function validRows(result: CsvImportResult): ValidCsvRow[] {
  return result.rows.flatMap((row) => (row.input && row.side ? [{ rowNumber: row.rowNumber, input: row.input, side: row.side }] : []));
}

/** A value quoted back in a message, cut so one wild cell cannot flood the preview. */
function shorten(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
