import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CSV_MAX_BYTES,
  CSV_MAX_ROWS,
  decodeCsvBytes,
  parseEvidenceCsv,
  validRows,
} from '../../../client/src/features/evidence/csvImport.ts';
import type { CsvImportResult } from '../../../client/src/features/evidence/csvImport.ts';

const parse = (text: string) => parseEvidenceCsv(text, { defaultSide: 'marketing' });
const problemsByRow = (result: CsvImportResult) =>
  Object.fromEntries(result.rows.filter((row) => row.problems.length > 0).map((row) => [row.rowNumber, row.problems]));

describe('parseEvidenceCsv', () => {
  it('turns a good file into evidence inputs with their sides', () => {
    const result = parse(
      [
        'text,kind,source,section,side',
        '41% of demo requests come from companies over 500 employees,metric,Salesforce Q2,summary,marketing',
        'Prospects compare us with spreadsheets,objection,Call with Acme,objections,sales',
      ].join('\n'),
    );
    expect(result.fileError).toBeUndefined();
    expect(result.ignoredColumns).toEqual([]);
    expect(validRows(result)).toEqual([
      {
        rowNumber: 2,
        side: 'marketing',
        input: { text: '41% of demo requests come from companies over 500 employees', kind: 'metric', source: 'Salesforce Q2', section: 'summary' },
      },
      {
        rowNumber: 3,
        side: 'sales',
        input: { text: 'Prospects compare us with spreadsheets', kind: 'objection', source: 'Call with Acme', section: 'objections' },
      },
    ]);
  });

  it('gives each bad row its problem, numbered as a spreadsheet numbers it', () => {
    const result = parse(
      [
        'text,kind,source,section',
        'Fine,metric,,', // row 2
        'Also fine,quote,,', // row 3
        'Third,metric,,', // row 4
        'Webinar signups up,webinar,,', // row 5
        'Fifth,deal,,', // row 6
        ',metric,,', // row 7
        'Seventh,metric,,', // row 8
        `${'x'.repeat(2001)},metric,,`, // row 9
        'Ninth,metric,,', // row 10
        'Price matters,metric,,pricing', // row 11
        `Long source,metric,${'s'.repeat(301)},`, // row 12
        'No kind,,,', // row 13
      ].join('\n'),
    );
    expect(problemsByRow(result)).toEqual({
      5: [{ code: 'kindUnknown', column: 'kind', value: 'webinar', allowed: 'metric, behaviour, campaign, quote, objection, anecdote, deal' }],
      7: [{ code: 'textEmpty', column: 'text' }],
      9: [{ code: 'textTooLong', column: 'text', max: 2000 }],
      11: [{ code: 'sectionUnknown', column: 'section', value: 'pricing', allowed: expect.stringContaining('pains') }],
      12: [{ code: 'sourceTooLong', column: 'source', max: 300 }],
      13: [{ code: 'kindEmpty', column: 'kind', allowed: expect.any(String) }],
    });
    expect(result.rows.find((row) => row.rowNumber === 5)?.input).toBeUndefined();
    expect(validRows(result).map((row) => row.rowNumber)).toEqual([2, 3, 4, 6, 8, 10]);
  });

  it('reports an unknown side, and lets the side column override the default side', () => {
    const result = parse('text,kind,side\nA,metric,sales\nB,metric,\nC,metric,legal\nD,quote,Ventas');
    expect(result.rows.map((row) => row.side)).toEqual(['sales', 'marketing', null, 'sales']);
    expect(problemsByRow(result)).toEqual({ 4: [{ code: 'sideUnknown', column: 'side', value: 'legal' }] });
  });

  it('reads semicolon-separated files, as Spanish Excel saves them', () => {
    const result = parse('texto;tipo;fuente\nCoste por lead: 42,50 €;métrica;Google Ads, T2\n');
    expect(result.fileError).toBeUndefined();
    expect(validRows(result)[0]?.input).toEqual({ text: 'Coste por lead: 42,50 €', kind: 'metric', source: 'Google Ads, T2', section: '' });
  });

  it('ignores a UTF-8 byte order mark, in the text and in the bytes', () => {
    const csv = '\uFEFFtext,kind\nÑandú data,metric';
    expect(parse(csv).rows[0]?.input?.text).toBe('Ñandú data');
    const decoded = decodeCsvBytes(new TextEncoder().encode(csv));
    expect('text' in decoded && parse(decoded.text).rows[0]?.input?.text).toBe('Ñandú data');
  });

  it('keeps commas, newlines and doubled quotes inside quoted values, and counts rows as a spreadsheet does', () => {
    const result = parse('text,kind,source\n"Line one\nline two, with a comma",quote,"Call, Acme"\n"She said ""no""",quote,\nBad,nope,');
    expect(result.rows.map((row) => row.rowNumber)).toEqual([2, 3, 4]);
    expect(result.rows[0]?.input).toMatchObject({ text: 'Line one\nline two, with a comma', source: 'Call, Acme' });
    expect(result.rows[1]?.input?.text).toBe('She said "no"');
    expect(result.rows[2]?.problems[0]?.code).toBe('kindUnknown');
  });

  it('accepts Spanish headers and the English and Spanish names of kinds and sections, whatever the case and accents', () => {
    const result = parse(
      [
        'Texto,TIPO,Fuente,Sección,Lado',
        'a,Métrica,,Problemas y retos,ventas',
        'b,comportamiento,,proceso de compra,marketing',
        'c,Behavior,,Pains & challenges,',
        'd,Resultado de campaña,,buying process,',
        'e,OBJECION,,objeciones,',
        'f,anecdota,,  mensajes ,',
      ].join('\r\n'),
    );
    expect(result.fileError).toBeUndefined();
    expect(validRows(result).map(({ input, side }) => [input.kind, input.section, side])).toEqual([
      ['metric', 'pains', 'sales'],
      ['behaviour', 'buyingProcess', 'marketing'],
      ['behaviour', 'pains', 'marketing'],
      ['campaign', 'buyingProcess', 'marketing'],
      ['objection', 'objections', 'marketing'],
      ['anecdote', 'messaging', 'marketing'],
    ]);
    expect(parse('text,kind,seccion\na,metric,goals').rows[0]?.input?.section).toBe('goals');
  });

  it('is a file-level error when a required column is missing', () => {
    expect(parse('text,source\nA,B')).toMatchObject({ fileError: { code: 'missingColumns', columns: 'kind' }, rows: [] });
    expect(parse('title;type\nA;metric').fileError).toEqual({ code: 'missingColumns', columns: 'text, kind' });
  });

  it('is a file-level error when the file is empty or has no rows under the header', () => {
    expect(parse('').fileError).toEqual({ code: 'empty' });
    expect(parse('\n  \n').fileError).toEqual({ code: 'empty' });
    expect(parse('text,kind\n\n').fileError).toEqual({ code: 'noRows' });
  });

  it(`is a file-level error, with the numbers, beyond ${CSV_MAX_ROWS} rows`, () => {
    const rows = (n: number) => ['text,kind', ...Array.from({ length: n }, (_, i) => `Item ${i},metric`)].join('\n');
    expect(parse(rows(CSV_MAX_ROWS)).rows).toHaveLength(CSV_MAX_ROWS);
    expect(parse(rows(CSV_MAX_ROWS + 1))).toEqual({
      fileError: { code: 'tooManyRows', rows: CSV_MAX_ROWS + 1, max: CSV_MAX_ROWS },
      rows: [],
      ignoredColumns: [],
    });
  });

  it('reports columns it does not know, and repeated ones, as ignored', () => {
    const result = parse('text,Owner,kind,Notes,text,\nA,Bob,metric,n,B,');
    expect(result.ignoredColumns).toEqual(['Owner', 'Notes', 'text']);
    expect(validRows(result)[0]?.input.text).toBe('A');
  });

  it('skips blank lines but keeps the row numbers of the lines after them', () => {
    const result = parse('text,kind\n\nA,metric\n  \n,,\nB,quote\n\n');
    expect(result.rows.map((row) => [row.rowNumber, row.cells.text])).toEqual([
      [3, 'A'],
      [6, 'B'],
    ]);
  });

  it('turns a quote error or extra values into an error on that row', () => {
    const extra = parse('text,kind\nCost, per lead,metric\nOK,metric,,');
    expect(problemsByRow(extra)).toEqual({ 2: [{ code: 'tooManyCells', found: 3, expected: 2 }, expect.objectContaining({ code: 'kindUnknown' })] });
    expect(extra.rows[1]?.input).toBeDefined();

    const unclosed = parse('text,kind\nA,metric\n"Never closed,metric\nC,metric');
    expect(unclosed.rows.map((row) => row.rowNumber)).toEqual([2, 3]);
    expect(unclosed.rows[1]?.problems.map((p) => p.code)).toContain('unclosedQuote');
  });
});

describe('decodeCsvBytes', () => {
  it('refuses a file over the size limit, one that is not UTF-8 text, and an empty one', () => {
    expect(decodeCsvBytes(new Uint8Array(CSV_MAX_BYTES + 1))).toEqual({
      fileError: { code: 'tooBig', size: CSV_MAX_BYTES + 1, max: CSV_MAX_BYTES },
    });
    expect(decodeCsvBytes(new Uint8Array([0x74, 0x65, 0xe9, 0x2c]))).toEqual({ fileError: { code: 'notText' } }); // Latin-1 "té,"
    expect(decodeCsvBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toEqual({ fileError: { code: 'notText' } }); // a zip (.xlsx)
    expect(decodeCsvBytes(new TextEncoder().encode(' \n'))).toEqual({ fileError: { code: 'empty' } });
  });
});

describe('the fixture tests/fixtures/evidence-import.csv', () => {
  it('has four good rows (one in Spanish, one from sales) and two bad ones', () => {
    const result = parse(readFileSync(resolve(import.meta.dirname, '../../fixtures/evidence-import.csv'), 'utf8'));
    expect(validRows(result).map((row) => [row.rowNumber, row.side, row.input.section])).toEqual([
      [2, 'marketing', 'goals'],
      [3, 'marketing', 'pains'],
      [4, 'marketing', 'pains'],
      [6, 'sales', 'buyingProcess'],
    ]);
    expect(Object.keys(problemsByRow(result))).toEqual(['5', '7']);
  });
});
