// CRM imports (SPEC §8): HubSpot and Salesforce files as their users save them, a preview that
// writes nothing, imports kept byte for byte and never changed, the persona map, and bad input.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crmImportListResponseSchema, crmImportResponseSchema, importPreviewSchema, personaMapResponseSchema } from '../../shared/api.ts';
import { DATABASE_FILE } from '../../server/server.ts';
import { openSqliteStorage } from '../../server/storage/sqliteStorage.ts';
import { DEAL_BATCH } from '../../server/crm/readDeals.ts';
import { createPersona, expectApiError } from '../helpers/http.ts';
import { removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/crm', name));
const HUBSPOT = fixture('hubspot-deals.csv');
const SALESFORCE = fixture('salesforce-opportunities.csv');

let t: TestServer;
let olivia: string;
let maria: string;

beforeEach(async () => {
  t = await startTestServer();
  olivia = await createPersona(t, { name: 'Olivia Ops' });
  maria = await createPersona(t, { name: 'María Núñez' });
});
afterEach(async () => {
  await t.close();
  removeDataDir(t.dataDir);
});

function postCsv(query: string, body: Uint8Array | string, { token = t.editorToken, type = 'text/csv' }: { token?: string | null; type?: string } = {}) {
  return fetch(`${t.url}/api/crm/imports?${query}`, {
    method: 'POST',
    headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
}

async function preview(query: string, body: Uint8Array | string) {
  const response = await postCsv(`kind=deals&dryRun=true&${query}`, body);
  expect(response.status).toBe(200);
  return importPreviewSchema.parse(await response.json());
}

const getJson = async (path: string, token = t.editorToken) => {
  const response = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as unknown;
};

describe('the preview (dry run)', () => {
  it('[§8] reads a HubSpot deals export: rows, errors numbered as a spreadsheet shows them, unmapped persona values', async () => {
    const result = await preview('', HUBSPOT);
    expect(result.detected).toBe('hubspot');
    expect(result.headers[0]).toBe('Record ID');
    // Rows 2–13 (row 6's name spans two lines in the file; a spreadsheet shows it as one row).
    expect(result.rows).toBe(12);
    expect(result.errors).toEqual([
      { row: 9, message: 'Amount "lots" is not an amount' },
      { row: 10, message: 'Create Date "not a date" is not a date' },
    ]);
    // "MARIA NUNEZ" is María Núñez by name, case and accents aside; nothing is called Procurement Pete.
    expect(result.unmapped).toEqual(['Procurement Pete']);
    expect(result.ready).toBe(9);
  });

  it('[§8] reads a Salesforce opportunity report: US dates, currency codes, and its footer is no row', async () => {
    const result = await preview('', SALESFORCE);
    expect(result.detected).toBe('salesforce');
    expect(result.rows).toBe(8);
    expect(result.errors).toEqual([
      { row: 7, message: 'Created Date "2/30/2027" is not a date' },
      { row: 8, message: 'Stage is empty' },
    ]);
    expect(result.unmapped).toEqual(['Field Fred']);
    expect(result.ready).toBe(5);
  });

  it('[§8] a dry run writes nothing: no import is listed and the store holds none', async () => {
    await preview('', HUBSPOT);
    expect(crmImportListResponseSchema.parse(await getJson('/api/crm/imports')).imports).toEqual([]);
    expect(crmImportListResponseSchema.parse(await getJson('/api/crm/imports')).imports).toHaveLength(0);
    const db = new Database(join(t.dataDir, DATABASE_FILE), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM crm_imports').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM crm_deals').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('[§8] any CSV imports with its columns mapped; a header the file lacks is named on row 1', async () => {
    const csv = 'Opp,Status,Value,Opened,Decided,Why,Segment\nA1,Closed won,"€ 1.200,00",2026-10-01,2026-10-11,,olivia ops\nA2,Closed lost,900,2026-10-02,2026-10-12,Timing,olivia ops\n';
    const columns = { id: 'Opp', stage: 'Status', amount: 'Value', createdAt: 'Opened', closedAt: 'Decided', lossReason: 'Why', persona: 'Segment' };
    const mapped = await preview(`columns=${encodeURIComponent(JSON.stringify(columns))}`, csv);
    expect(mapped).toMatchObject({ detected: 'mapped', rows: 2, ready: 2, errors: [], unmapped: [] });
    const unmappedFile = await preview('', csv);
    expect(unmappedFile).toMatchObject({ detected: null, rows: 2, ready: 0, headers: ['Opp', 'Status', 'Value', 'Opened', 'Decided', 'Why', 'Segment'] });
    expect(unmappedFile.errors).toEqual([{ row: 1, message: 'The header row: no column for stage, createdAt, persona (map the columns)' }]);
    const wrong = await preview(`columns=${encodeURIComponent(JSON.stringify({ ...columns, stage: 'Phase' }))}`, csv);
    expect(wrong.errors[0]?.message).toContain('no column is headed "Phase"');
  });
});

describe('the persona map', () => {
  it('[§8] maps a CRM value to a persona, merges later mappings and remembers them for the next import', async () => {
    const put = (body: unknown) =>
      fetch(`${t.url}/api/crm/persona-map`, { method: 'PUT', headers: { authorization: `Bearer ${t.editorToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await put({ 'Procurement Pete': olivia })).status).toBe(200);
    const merged = personaMapResponseSchema.parse(await (await put({ 'Field Fred': maria })).json());
    expect(merged.map).toEqual({ 'Field Fred': maria, 'Procurement Pete': olivia });
    expect(personaMapResponseSchema.parse(await getJson('/api/crm/persona-map')).map).toEqual(merged.map);
    const result = await preview('', HUBSPOT);
    expect(result.unmapped).toEqual([]);
    expect(result.ready).toBe(10);
    // Remembered across a restart.
    t = await t.restart();
    expect(personaMapResponseSchema.parse(await getJson('/api/crm/persona-map')).map).toEqual(merged.map);
    await expectApiError(await put({ 'Someone': 'no-such-persona' }), 400, 'bad_request');
    expect((await put({ 'Field Fred': null })).status).toBe(200);
    expect(personaMapResponseSchema.parse(await getJson('/api/crm/persona-map')).map).toEqual({ 'Procurement Pete': olivia });
  });
});

describe('a real import', () => {
  it('[§8] imports the ready rows and keeps who, when, the rows and the SHA-256 of the file, kept byte for byte', async () => {
    const before = Date.now();
    const response = await postCsv('kind=deals&dryRun=false&filename=hubspot-deals.csv', HUBSPOT);
    expect(response.status).toBe(201);
    const { import: kept } = crmImportResponseSchema.parse(await response.json());
    expect(kept).toMatchObject({
      by: { id: t.people.marketing.member.id, name: 'Mara Marketing', team: 'marketing' },
      rows: 9,
      sha256: createHash('sha256').update(HUBSPOT).digest('hex'),
      filename: 'hubspot-deals.csv',
    });
    expect(Date.parse(kept.at)).toBeGreaterThanOrEqual(before - 1000);
    expect(crmImportListResponseSchema.parse(await getJson('/api/crm/imports')).imports).toEqual([kept]);
    await t.close();
    const storage = await openSqliteStorage({ file: join(t.dataDir, DATABASE_FILE), readOnly: true });
    try {
      expect(Buffer.from((await storage.crm.importFile(kept.id)) ?? [])).toEqual(HUBSPOT);
      expect((await storage.crm.importDeals(kept.id, olivia)).map((deal) => deal.id)).toEqual(['101', '102', '103', '104', '105', '106', '107']);
      expect((await storage.crm.importDeals(kept.id, maria)).map((deal) => deal.id)).toEqual(['111', '112']);
    } finally {
      await storage.close();
    }
    t = await t.restart();
  });

  it('[§8] imports never change: the store refuses to alter or delete one, and a second import is a new one', async () => {
    const first = crmImportResponseSchema.parse(await (await postCsv('kind=deals&dryRun=false', HUBSPOT)).json()).import;
    const second = crmImportResponseSchema.parse(await (await postCsv('kind=deals&dryRun=false', SALESFORCE)).json()).import;
    expect(second.id).not.toBe(first.id);
    expect(crmImportListResponseSchema.parse(await getJson('/api/crm/imports')).imports.map((i) => i.id)).toEqual([second.id, first.id]);
    const db = new Database(join(t.dataDir, DATABASE_FILE));
    try {
      expect(() => db.prepare('UPDATE crm_imports SET rows = 1 WHERE id = ?').run(first.id)).toThrow(/immutable/);
      expect(() => db.prepare("UPDATE crm_deals SET amount = 1 WHERE import_id = ?").run(first.id)).toThrow(/immutable/);
      expect(() => db.prepare('DELETE FROM crm_deals WHERE import_id = ?').run(first.id)).toThrow(/never deleted/);
      expect(() => db.prepare('DELETE FROM crm_imports WHERE id = ?').run(first.id)).toThrow(/never deleted/);
    } finally {
      db.close();
    }
  });

  it('[§8] a real import of a file with nothing ready is refused and writes nothing', async () => {
    const csv = 'Record ID,Deal Name,Deal Stage,Amount,Create Date,Close Date,Buyer Persona\n1,A,Closed Won,10,2026-10-01,2026-10-02,Nobody Known\n';
    await expectApiError(await postCsv('kind=deals&dryRun=false', csv), 400, 'bad_request');
    await expectApiError(await postCsv('kind=deals&dryRun=false', 'a,b\n1,2\n'), 400, 'bad_request');
    expect(crmImportListResponseSchema.parse(await getJson('/api/crm/imports')).imports).toEqual([]);
  });
});

describe('a real import streamed into the store', () => {
  it('[§8] a file that breaks after thousands of ready rows (batches already staged) is refused and leaves no deal behind', async () => {
    const header = 'Record ID,Deal Name,Deal Stage,Amount,Create Date,Close Date,Buyer Persona\n';
    const rows = Array.from({ length: 2_500 }, (_, i) => `${i + 1},Deal ${i + 1},Closed Won,100,2026-10-01,2026-10-02,Olivia Ops\n`).join('');
    const broken = `${header}${rows}9999,"never closed,Closed Won,100,2026-10-01,2026-10-02,Olivia Ops\n`;
    expect((await preview('', broken)).ready).toBeGreaterThan(2 * DEAL_BATCH);
    expect(await expectApiError(await postCsv('kind=deals&dryRun=false', broken), 400, 'bad_request')).toMatch(/cannot be read/);
    expect(crmImportListResponseSchema.parse(await getJson('/api/crm/imports')).imports).toEqual([]);
    const kept = crmImportResponseSchema.parse(await (await postCsv('kind=deals&dryRun=false', `${header}${rows}`)).json()).import;
    expect(kept.rows).toBe(2_500);
    const db = new Database(join(t.dataDir, DATABASE_FILE), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM crm_deals').get()).toEqual({ n: 2_500 });
      expect(db.prepare('SELECT count(DISTINCT import_id) AS n FROM crm_deals').get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });
});

describe('bad input', () => {
  it('[§8] not CSV → 415: another content type, or a binary file sent as CSV', async () => {
    await expectApiError(await postCsv('kind=deals&dryRun=true', '{"a":1}', { type: 'application/json' }), 415, 'unsupported_media_type');
    await expectApiError(await postCsv('kind=deals&dryRun=true', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0]), { type: 'application/pdf' }), 415, 'unsupported_media_type');
    await expectApiError(await postCsv('kind=deals&dryRun=true', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0x2c])), 415, 'unsupported_media_type');
  });

  it('[§8] over 10 MiB → 413', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x61);
    await expectApiError(await postCsv('kind=deals&dryRun=true', big), 413, 'too_large');
  });

  it('[§8] an unknown kind, a bad dryRun or bad columns → 400', async () => {
    await expectApiError(await postCsv('kind=leads&dryRun=true', HUBSPOT), 400, 'bad_request');
    await expectApiError(await postCsv('dryRun=true', HUBSPOT), 400, 'bad_request');
    await expectApiError(await postCsv('kind=deals&dryRun=maybe', HUBSPOT), 400, 'bad_request');
    await expectApiError(await postCsv('kind=deals&dryRun=true&columns=%7Bnot', HUBSPOT), 400, 'bad_request');
    await expectApiError(await postCsv('kind=deals&dryRun=true&columns=' + encodeURIComponent('{"colour":"x"}'), HUBSPOT), 400, 'bad_request');
  });

  it('[§8] a reader posting → 403, no token → 401; a reader reads no imports or map', async () => {
    await expectApiError(await postCsv('kind=deals&dryRun=false', HUBSPOT, { token: t.viewerToken }), 403, 'forbidden');
    await expectApiError(await postCsv('kind=deals&dryRun=false', HUBSPOT, { token: null }), 401, 'unauthorized');
    const asViewer = (path: string) => fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${t.viewerToken}` } });
    await expectApiError(await asViewer('/api/crm/imports'), 403, 'forbidden');
    await expectApiError(await asViewer('/api/crm/persona-map'), 403, 'forbidden');
    expect(crmImportListResponseSchema.parse(await getJson('/api/crm/imports')).imports).toEqual([]);
  });
});
