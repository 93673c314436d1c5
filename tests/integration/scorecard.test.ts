// The scorecard (SPEC §8): every figure computed here by hand from the fixtures, targets agreed
// with two genuine keys, the trend over imports, notices, the list's mark, publishing and the joint report.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  crmImportResponseSchema,
  noticeListResponseSchema,
  personaListResponseSchema,
  publishedPersonaSchema,
  reportResponseSchema,
  scorecardResponseSchema,
  type ScorecardResponse,
} from '../../shared/api.ts';
import { addTarget, signOffTarget, updateTarget } from '../../shared/persona/targets.ts';
import { periodOf } from '../../shared/scorecard/periods.ts';
import { createClientPool, type TestClient } from '../helpers/clients.ts';
import { createPersona, expectApiError } from '../helpers/http.ts';
import { removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/crm', name));
const HUBSPOT = fixture('hubspot-deals.csv');
const SALESFORCE = fixture('salesforce-opportunities.csv');

let t: TestServer;
let olivia: string;
let maria: string;
const pool = createClientPool();

beforeAll(async () => {
  t = await startTestServer();
  olivia = await createPersona(t, { name: 'Olivia Ops' });
  maria = await createPersona(t, { name: 'María Núñez' });
});
afterEach(() => pool.destroyAll());
afterAll(async () => {
  await t.close();
  removeDataDir(t.dataDir);
});

async function importCsv(body: Uint8Array | string, token = t.editorToken) {
  const response = await fetch(`${t.url}/api/crm/imports?kind=deals&dryRun=false`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body,
  });
  expect(response.status).toBe(201);
  return crmImportResponseSchema.parse(await response.json()).import;
}

async function scorecard(id: string, period: string, token = t.editorToken): Promise<ScorecardResponse> {
  const response = await fetch(`${t.url}/api/personas/${id}/scorecard?period=${period}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return scorecardResponseSchema.parse(await response.json());
}

async function connected(id: string, token: string): Promise<TestClient> {
  const client = pool.connect(t, id, token);
  await client.synced();
  return client;
}

async function pdfText(path: string, token: string): Promise<string> {
  const response = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(await response.arrayBuffer()) }).promise;
  let text = '';
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
  }
  return text;
}

const NULL_FIGURES = { winRate: null, avgDealSize: null, salesCycleDays: null, dealsWon: null, pipelineCreated: null, lossReasons: [] };

describe('figures by hand (the HubSpot fixture, then the Salesforce one)', () => {
  let first: { id: string };
  beforeAll(async () => {
    first = await importCsv(HUBSPOT);
  });

  it('[§8] Olivia, 2026-Q4: win rate, average won deal, median cycle, deals won, pipeline and loss reasons', async () => {
    // Closed in Q4: 101 won (12,000; Oct 1 → Nov 15: 45 days), 102 won (8,500; Nov 1 → Dec 31 23:30,
    // the quarter's last day: 60 days), 103, 104, 105 lost. 107 closed 2027-01-01 is not in it.
    // Created in Q4: 101 12,000 + 102 8,500 + 104 3,000 + 105 2,500 + 106 20,000 + 107 5,000 = 51,000.
    const card = await scorecard(olivia, '2026-Q4');
    expect(card.actuals).toEqual({
      winRate: 40, // 100 × 2 ÷ (2 + 3)
      avgDealSize: 10250, // (12,000 + 8,500) ÷ 2
      salesCycleDays: 52.5, // median of 45 and 60
      dealsWon: 2,
      pipelineCreated: 51000,
      lossReasons: [
        { reason: 'Price too high', count: 2 },
        { reason: 'Chose competitor', count: 1 },
      ],
    });
    expect(card.basis).toEqual({ importId: first.id, at: expect.any(String), deals: 7 });
    expect(card.targets).toEqual([]);
  });

  it('[§8] period boundaries in UTC: a deal closed late on a quarter’s last day counts in it, not in the next', async () => {
    // 2026-12: 102 won (Dec 31 23:30 UTC), 105 lost (Dec 1); created in December: 106 (20,000).
    expect((await scorecard(olivia, '2026-12')).actuals).toEqual({
      winRate: 50,
      avgDealSize: 8500,
      salesCycleDays: 60,
      dealsWon: 1,
      pipelineCreated: 20000,
      lossReasons: [{ reason: 'Chose competitor', count: 1 }],
    });
    // 2027-Q1: only 107, won 2027-01-01 00:00 (Nov 20 → Jan 1: 42 days); nothing created in it.
    expect((await scorecard(olivia, '2027-Q1')).actuals).toEqual({
      winRate: 100,
      avgDealSize: 5000,
      salesCycleDays: 42,
      dealsWon: 1,
      pipelineCreated: null,
      lossReasons: [],
    });
    // 2026-11: 101 won (45 days), 104 lost; created in November: 102 8,500 + 107 5,000.
    expect((await scorecard(olivia, '2026-11')).actuals).toEqual({
      winRate: 50,
      avgDealSize: 12000,
      salesCycleDays: 45,
      dealsWon: 1,
      pipelineCreated: 13500,
      lossReasons: [{ reason: 'Price too high', count: 1 }],
    });
    // A year with no deal: every figure null.
    expect((await scorecard(olivia, '2025')).actuals).toEqual(NULL_FIGURES);
  });

  it('[§8] María, matched by name without case or accents; an amount written 1.234,50; a same-day deal', async () => {
    // 111 lost Oct 31 (created in August); 112 won the day it was created, 1,234.50.
    expect((await scorecard(maria, '2026-Q4')).actuals).toEqual({
      winRate: 50,
      avgDealSize: 1234.5,
      salesCycleDays: 0,
      dealsWon: 1,
      pipelineCreated: 1234.5,
      lossReasons: [{ reason: 'No budget', count: 1 }],
    });
  });

  it('[§8] the latest import is the basis; the trend shows each import oldest first', async () => {
    const second = await importCsv(SALESFORCE);
    // Salesforce, 2027-Q1: won 0061x01 (10,000; Jan 5 → Feb 4: 30 days), x02 (20,000; Jan 10 → Mar 31: 80),
    // x03 (6,000; Feb 1 → Feb 21: 20); lost x05 (no amount). x04 closed Apr 1 is not in it.
    // Created in Q1: x01 + x02 + x03 + x04 = 10,000 + 20,000 + 6,000 + 3,000.
    const card = await scorecard(olivia, '2027-Q1');
    expect(card.actuals).toEqual({
      winRate: 75,
      avgDealSize: 12000,
      salesCycleDays: 30,
      dealsWon: 3,
      pipelineCreated: 39000,
      lossReasons: [{ reason: 'Price', count: 1 }],
    });
    expect(card.basis?.importId).toBe(second.id);
    expect(card.trend).toEqual([
      { importId: first.id, at: expect.any(String), winRate: 100, avgDealSize: 5000, salesCycleDays: 42, dealsWon: 1, pipelineCreated: null },
      { importId: second.id, at: expect.any(String), winRate: 75, avgDealSize: 12000, salesCycleDays: 30, dealsWon: 3, pipelineCreated: 39000 },
    ]);
    // María has no deal in the latest import: null, not the older import's figures.
    expect((await scorecard(maria, '2026-Q4')).actuals).toEqual(NULL_FIGURES);
  });

  it('[§8] a period that is not one, or none → 400; an unknown persona → 404', async () => {
    const get = (path: string) => fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${t.editorToken}` } });
    await expectApiError(await get(`/api/personas/${olivia}/scorecard`), 400, 'bad_request');
    await expectApiError(await get(`/api/personas/${olivia}/scorecard?period=2027-Q5`), 400, 'bad_request');
    await expectApiError(await get(`/api/personas/${olivia}/scorecard?period=2027-13`), 400, 'bad_request');
    await expectApiError(await get('/api/report?period=last-year'), 400, 'bad_request');
    await expectApiError(await get('/api/personas/nobody/scorecard?period=2027'), 404, 'not_found');
  });
});

describe('targets with two keys', () => {
  /** A persona, Mara and Sam connected, one target proposed by Mara; the server has seen it. */
  async function proposed(period = '2026-Q4', input: { metric?: 'dealsWon' | 'winRate'; value?: number } = {}) {
    const id = await createPersona(t, { name: `Target test ${Math.random()}` });
    const mara = await connected(id, t.editorToken);
    const sam = await connected(id, t.salesToken);
    const target = addTarget(mara.doc, { metric: input.metric ?? 'dealsWon', value: input.value ?? 2, period });
    await vi.waitFor(async () => expect((await scorecard(id, period)).targets.map((x) => x.id)).toEqual([target.id]));
    await vi.waitFor(() => expect(sam.doc.getArray('targets').length).toBe(1));
    return { id, mara, sam, target };
  }

  const agreedOf = async (id: string, period = '2026-Q4') => (await scorecard(id, period)).targets[0]?.agreed;

  it('[§8] signed by one side only, a target is proposed, not agreed; both sides sign and it is agreed', async () => {
    const { id, mara, sam, target } = await proposed();
    signOffTarget(mara.doc, target.id, { by: 'Mara Marketing', side: 'marketing' });
    await vi.waitFor(() => expect(sam.doc.getMap('signoff').has(`target:${target.id}:marketing`)).toBe(true));
    expect(await agreedOf(id)).toBe(false);
    signOffTarget(sam.doc, target.id, { by: 'Sam Sales', side: 'sales' });
    await vi.waitFor(async () => expect(await agreedOf(id)).toBe(true));
    expect((await scorecard(id, '2026-Q4')).periods).toEqual(['2026-Q4']);
  });

  it('[§8] a change to an agreed target makes both keys stale: no longer agreed', async () => {
    const { id, mara, sam, target } = await proposed();
    signOffTarget(mara.doc, target.id, { by: 'Mara Marketing', side: 'marketing' });
    signOffTarget(sam.doc, target.id, { by: 'Sam Sales', side: 'sales' });
    await vi.waitFor(async () => expect(await agreedOf(id)).toBe(true));
    updateTarget(sam.doc, target.id, { value: 3 });
    await vi.waitFor(async () => expect((await scorecard(id, '2026-Q4')).targets[0]?.value).toBe(3));
    expect(await agreedOf(id)).toBe(false);
  });

  it('[§6][§8] a forged sign-off (marketing writing the sales key) does not agree a target', async () => {
    const { id, mara, target } = await proposed();
    signOffTarget(mara.doc, target.id, { by: 'Mara Marketing', side: 'marketing' });
    signOffTarget(mara.doc, target.id, { by: 'Sam Sales', side: 'sales' });
    await vi.waitFor(async () => {
      const witness = await connected(id, t.operatorToken);
      expect(witness.doc.getMap('signoff').has(`target:${target.id}:sales`)).toBe(true);
    });
    expect(await agreedOf(id)).toBe(false);
    // The Operator's keys count for neither side either.
    const operator = await connected(id, t.operatorToken);
    signOffTarget(operator.doc, target.id, { by: 'Import Bot', side: 'sales' });
    await vi.waitFor(() => expect(operator.doc.getMap('signoff').has(`target:${target.id}:sales`)).toBe(true));
    expect(await agreedOf(id)).toBe(false);
  });
});

describe('met together: notices, the list’s mark, publishing and the joint report', () => {
  const now = new Date();
  const quarter = periodOf('quarter', now);
  const day = (offsetDays: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offsetDays)).toISOString().slice(0, 10);
  const csvFor = (persona: string, won: number) =>
    ['Record ID,Deal Name,Deal Stage,Amount,Create Date,Close Date,Closed Lost Reason,Buyer Persona']
      .concat(Array.from({ length: won }, (_, i) => `${900 + i},Deal ${i},Closed Won,1000,${day(-400)},${day(0)},,${persona}`))
      .join('\n');

  it('[§8] an agreed target met by an import: a notice to each signer, a mark in the list, frozen into the version, in the report', async () => {
    const name = 'Nora Network';
    const id = await createPersona(t, { name });
    const mara = await connected(id, t.editorToken);
    const sam = await connected(id, t.salesToken);
    const target = addTarget(mara.doc, { metric: 'dealsWon', value: 1, period: quarter });
    const proposedOnly = addTarget(mara.doc, { metric: 'winRate', value: 10, period: quarter });
    signOffTarget(mara.doc, target.id, { by: 'Mara Marketing', side: 'marketing' });
    signOffTarget(mara.doc, proposedOnly.id, { by: 'Mara Marketing', side: 'marketing' });
    await vi.waitFor(() => expect(sam.doc.getArray('targets').length).toBe(2));
    signOffTarget(sam.doc, target.id, { by: 'Sam Sales', side: 'sales' });
    await vi.waitFor(async () => expect((await scorecard(id, quarter)).targets.map((x) => x.agreed)).toEqual([true, false]));

    await importCsv(csvFor(name, 1));
    const noticesOf = async (token: string) => {
      const response = await fetch(`${t.url}/api/me/notices`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      return noticeListResponseSchema.parse(await response.json()).notices.filter((n) => n.personaId === id);
    };
    const detail = { targetId: target.id, metric: 'dealsWon', period: quarter, value: 1, actual: 1 };
    expect(await noticesOf(t.editorToken)).toEqual([{ id: expect.any(String), at: expect.any(String), personaId: id, personaName: name, kind: 'target-met', detail, readAt: null }]);
    expect((await noticesOf(t.salesToken)).map((n) => n.detail)).toEqual([detail]);
    // The proposed target is met too (win rate 100 ≥ 10) but nobody agreed it: no notice for it.
    expect(await noticesOf(t.viewerToken)).toEqual([]);
    expect(await noticesOf(t.adminToken)).toEqual([]);

    const [notice] = await noticesOf(t.editorToken);
    const read = await fetch(`${t.url}/api/me/notices/${notice?.id}/read`, { method: 'POST', headers: { authorization: `Bearer ${t.editorToken}` } });
    expect(read.status).toBe(204);
    expect((await noticesOf(t.editorToken))[0]?.readAt).toEqual(expect.any(String));
    expect((await noticesOf(t.salesToken))[0]?.readAt).toBeNull();
    await expectApiError(await fetch(`${t.url}/api/me/notices/${notice?.id}/read`, { method: 'POST', headers: { authorization: `Bearer ${t.viewerToken}` } }), 404, 'not_found');

    // The mark in the persona list: agreed targets of the current period met (the proposed one does not count).
    const list = async () => {
      const response = await fetch(`${t.url}/api/personas`, { headers: { authorization: `Bearer ${t.editorToken}` } });
      return personaListResponseSchema.parse(await response.json()).personas;
    };
    expect((await list()).find((p) => p.id === id)?.targetsMet).toBe(1);
    expect((await list()).find((p) => p.id === olivia)?.targetsMet).toBe(0);

    // The same target met again by a later import tells nobody twice.
    await importCsv(csvFor(name, 1));
    expect(await noticesOf(t.salesToken)).toHaveLength(1);

    // Publishing freezes the targets (agreed, signers' names) and the period's scorecard.
    const published = await fetch(`${t.url}/api/personas/${id}/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.editorToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(published.status).toBe(201);
    const library = async () => {
      const response = await fetch(`${t.url}/api/library/${id}`, { headers: { authorization: `Bearer ${t.viewerToken}` } });
      return publishedPersonaSchema.parse(await response.json());
    };
    const version = await library();
    expect(version.targets).toEqual([
      {
        ...target,
        agreed: true,
        signoffs: {
          marketing: { by: 'Mara Marketing', memberId: t.people.marketing.member.id, at: expect.any(String), stale: false },
          sales: { by: 'Sam Sales', memberId: t.people.sales.member.id, at: expect.any(String), stale: false },
        },
      },
      { ...proposedOnly, agreed: false, signoffs: { marketing: expect.objectContaining({ by: 'Mara Marketing' }), sales: null } },
    ]);
    expect(version.scorecards).toHaveLength(1);
    expect(version.scorecards?.[0]).toMatchObject({ period: quarter, actuals: { dealsWon: 1, winRate: 100 } });
    expect(version.scorecards?.[0]?.targets).toEqual([
      { ...target, agreed: true, actual: 1, met: true },
      { ...proposedOnly, agreed: false, actual: 100, met: true },
    ]);
    // A later import changes the draft's scorecard, never the version's.
    await importCsv(csvFor(name, 3));
    expect((await scorecard(id, quarter)).actuals.dealsWon).toBe(3);
    expect((await library()).scorecards?.[0]?.actuals.dealsWon).toBe(1);

    // The joint report: every persona's scorecard for the period, and who agreed.
    const response = await fetch(`${t.url}/api/report?period=${quarter}`, { headers: { authorization: `Bearer ${t.editorToken}` } });
    expect(response.status).toBe(200);
    const report = reportResponseSchema.parse(await response.json());
    expect(report.period).toBe(quarter);
    const entry = report.personas.find((p) => p.id === id);
    expect(entry?.name).toBe(name);
    expect(entry?.agreedBy).toEqual({ marketing: ['Mara Marketing'], sales: ['Sam Sales'] });
    expect(entry?.scorecard.targets.map((x) => [x.metric, x.agreed, x.actual, x.met])).toEqual([
      ['dealsWon', true, 3, true],
      ['winRate', false, 100, true],
    ]);
    expect(report.personas.map((p) => p.id)).toEqual(expect.arrayContaining([olivia, maria, id]));
    await expectApiError(await fetch(`${t.url}/api/report?period=${quarter}`, { headers: { authorization: `Bearer ${t.viewerToken}` } }), 403, 'forbidden');

    // The version's PDF shows the frozen scorecard (1 deal won), the report's PDF the current one (3).
    const versionPdf = await pdfText(`/api/library/${id}/export.pdf`, t.viewerToken);
    expect(versionPdf).toMatch(/Goals and results · Q\d 20\d\d/i);
    expect(versionPdf).toMatch(/Deals won\s+Agreed by Mara Marketing \(marketing\) and Sam Sales \(sales\)\s+1\s+1\s+Met/);
    expect(versionPdf).toMatch(/Win rate\s+Proposed, not agreed by both teams\s+10 %\s+100 %\s+Met/);
    expect(versionPdf).toMatch(/Trend over the CRM imports/i);
    const reportPdf = await pdfText(`/api/report/export.pdf?period=${quarter}&lang=es`, t.editorToken);
    expect(reportPdf).toContain('Informe conjunto');
    expect(reportPdf).toMatch(/Página 1 de \d/);
    expect(reportPdf).toContain(name);
    expect(reportPdf).toContain('Acordado por marketing: Mara Marketing · ventas: Sam Sales');
    expect(reportPdf).toMatch(/Oportunidades ganadas\s+Acordado por los dos equipos\s+1\s+3\s+Cumplido/);
    await expectApiError(await fetch(`${t.url}/api/report/export.pdf?period=${quarter}`, { headers: { authorization: `Bearer ${t.viewerToken}` } }), 403, 'forbidden');
  });
});

describe('the joint report’s PDF in the PDF worker pool', () => {
  it('[§8] renders in the pool under its limits: a full queue answers 503 with Retry-After, never a render on the server’s thread', async () => {
    // A queue of no places: every render the pool is asked for is refused at once.
    const s = await startTestServer({}, undefined, { pdf: { maxQueue: 0 } });
    try {
      const response = await fetch(`${s.url}/api/report/export.pdf?period=2026-Q4`, { headers: { authorization: `Bearer ${s.editorToken}` } });
      expect(await expectApiError(response, 503, 'unavailable')).toMatch(/busy.*try again in \d+ s/);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await s.close();
      removeDataDir(s.dataDir);
    }
  });
});
