// Issue 16: a 50,000-row HubSpot deals export previewed and imported (time, the server's peak RSS),
// then the scorecard request with 20 such imports stored.
import { makeDataDir, removeDataDir } from '../lib/dataDirs.ts';
import { createPersona } from '../lib/people.ts';
import { RssSampler, rssBytes, toMB } from '../lib/procStats.ts';
import { timedFetch } from '../lib/seedStore.ts';
import type { ServerProcess } from '../lib/servers.ts';
import { startServer } from '../lib/servers.ts';
import { percentile } from '../lib/stats.ts';
import type { Scenario } from './scenario.ts';
import { fmt, num } from './scenario.ts';

const PERSONAS = 10;
const load = (quick: boolean) => ({ rows: quick ? 5_000 : 50_000, imports: quick ? 4 : 20, requests: quick ? 100 : 400 });
const PERIODS = ['2026', '2026-Q3', '2026-Q4', '2026-11'];
const REASONS = ['Price too high', 'Chose a competitor', 'No budget', 'Timing', 'No decision'];
const STAGES = ['Closed Won', 'Closed Lost', 'closedwon', 'Appointment Scheduled', 'Contract Sent', 'Closed Lost'];

/** A HubSpot deals export as HubSpot writes it, with a few amount styles and quoted names; seeded, so every run reads the same file. */
export function dealsExport(rows: number): Buffer {
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const pad = (n: number) => String(n).padStart(2, '0');
  const lines = ['Record ID,Deal Name,Deal Stage,Amount,Create Date,Close Date,Closed Lost Reason,Pipeline,Deal owner,Buyer Persona'];
  for (let i = 0; i < rows; i++) {
    const stage = pick(STAGES);
    const created = new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 300) * 86_400_000);
    const closed = new Date(created.getTime() + Math.floor(random() * 90) * 86_400_000);
    const open = !/closed/i.test(stage);
    const amount = Math.round(random() * 5_000_000) / 100;
    const amountText = i % 3 === 0 ? `"$${amount.toLocaleString('en-US', { minimumFractionDigits: 2 })}"` : String(amount);
    const date = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(Math.floor(random() * 24))}:${pad(Math.floor(random() * 60))}`;
    lines.push(
      [
        1_000_000 + i,
        i % 7 === 0 ? `"Account ${i}, expansion"` : `Account ${i}`,
        stage,
        amountText,
        date(created),
        open ? '' : date(closed),
        /lost/i.test(stage) ? pick(REASONS) : '',
        'Sales Pipeline',
        'Sam Sales',
        `Bench persona ${i % PERSONAS}`,
      ].join(','),
    );
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

export const crmImport: Scenario = {
  name: 'crm-import',
  title: 'Scorecard: CRM import and the scorecard request',
  describe(quick) {
    const { rows, imports, requests } = load(quick);
    return (
      `A ${rows.toLocaleString('en')}-row HubSpot deals export (generated, seeded; amounts plain and as "$1,234.50", ` +
      `quoted names, ${PERSONAS} personas matched by name) posted to \`POST /api/crm/imports\`: first as a dry run, then ` +
      `imported; time is the HTTP round trip, RSS the server's resident memory sampled every 20 ms during the request. ` +
      `Then ${imports} imports of it are stored and ${requests} \`GET /api/personas/:id/scorecard?period=\` requests, one ` +
      `after another, cycle through the personas and four periods (year, two quarters, a month); each answer holds the ` +
      `trend over all ${imports} imports. The first request of each persona and period computes the figures (cold); ` +
      'the rest find them kept (an import never changes).'
    );
  },
  servers: ['project'],
  rows: [
    { key: 'fileMB', label: 'file size (MB)', digits: 1 },
    { key: 'dryRunMs', label: 'dry run: time (ms)', digits: 0 },
    { key: 'dryRunPeakMB', label: 'dry run: server peak RSS (MB)', digits: 0 },
    { key: 'importMs', label: 'import: time (ms)', digits: 0 },
    { key: 'importPeakMB', label: 'import: server peak RSS (MB)', digits: 0 },
    { key: 'baselineMB', label: 'server RSS before (MB)', digits: 0 },
    { key: 'importP50Ms', label: 'each later import: p50 (ms)', digits: 0 },
    { key: 'scorecardP50', label: 'scorecard: p50 (ms)', digits: 1 },
    { key: 'scorecardP95', label: 'scorecard: p95 (ms)', digits: 1 },
    { key: 'scorecardColdP95', label: 'scorecard, cold: p95 (ms)', digits: 1 },
    { key: 'imports', label: 'imports stored', digits: 0 },
  ],

  async run(kind, ctx) {
    const { rows, imports, requests } = load(ctx.quick);
    const dataDir = makeDataDir('crm-import');
    let server: ServerProcess | null = null;
    try {
      server = await startServer(kind, { dataDir, logName: `${kind}-crm-import` });
      const token = server.params['token'];
      if (token === undefined || server.people === null) throw new Error('crm-import needs the project server, which issues tokens');
      const ids: string[] = [];
      for (let i = 0; i < PERSONAS; i++) ids.push(await createPersona(server.httpUrl, token, `Bench persona ${i}`));
      const file = dealsExport(rows);
      const post = async (dryRun: boolean) => {
        const sampler = new RssSampler(server?.pid ?? 0, 20).start();
        const { ms, body } = await timedFetch(`${server?.httpUrl}/api/crm/imports?kind=deals&dryRun=${dryRun}`, token, {
          method: 'POST',
          headers: { 'content-type': 'text/csv' },
          body: file,
        });
        return { ms, peak: sampler.stop(), answer: JSON.parse(new TextDecoder().decode(body)) as { ready?: number; import?: { rows: number } } };
      };
      const baseline = rssBytes(server.pid);
      const dry = await post(true);
      if (dry.answer.ready !== rows) throw new Error(`the dry run found ${dry.answer.ready} ready rows of ${rows}`);
      const first = await post(false);
      if (first.answer.import?.rows !== rows) throw new Error(`the import kept ${first.answer.import?.rows} rows of ${rows}`);
      ctx.log(`${kind}: dry run ${dry.ms.toFixed(0)} ms, import ${first.ms.toFixed(0)} ms`);
      const later: number[] = [];
      for (let i = 1; i < imports; i++) later.push((await post(false)).ms);
      ctx.log(`${kind}: ${imports} imports stored`);
      const times: number[] = [];
      const cold: number[] = [];
      const seen = new Set<string>();
      for (let i = 0; i < requests; i++) {
        const id = ids[i % ids.length] as string;
        const period = PERIODS[Math.floor(i / ids.length) % PERIODS.length] as string;
        const { ms } = await timedFetch(`${server.httpUrl}/api/personas/${id}/scorecard?period=${period}`, token);
        times.push(ms);
        if (!seen.has(`${id} ${period}`)) cold.push(ms);
        seen.add(`${id} ${period}`);
      }
      return {
        figures: {
          fileMB: file.byteLength / (1024 * 1024),
          dryRunMs: dry.ms,
          dryRunPeakMB: toMB(dry.peak),
          importMs: first.ms,
          importPeakMB: toMB(first.peak),
          baselineMB: toMB(baseline),
          importP50Ms: percentile(later, 50),
          scorecardP50: percentile(times, 50),
          scorecardP95: percentile(times, 95),
          scorecardColdP95: percentile(cold, 95),
          imports,
        },
        notes: [],
      };
    } finally {
      await server?.stop();
      removeDataDir(dataDir);
    }
  },

  targets(project) {
    return [
      {
        description: `scorecard: p95 with ${fmt(num(project, 'imports'), 0)} imports of a ${fmt(num(project, 'fileMB'), 1)} MB export stored`,
        met: null,
        detail: `p50 ${fmt(num(project, 'scorecardP50'), 1)} ms, p95 ${fmt(num(project, 'scorecardP95'), 1)} ms, cold p95 ${fmt(num(project, 'scorecardColdP95'), 1)} ms`,
      },
      {
        description: 'CRM import: dry run and import of the export, streamed',
        met: null,
        detail: `dry run ${fmt(num(project, 'dryRunMs'), 0)} ms (peak ${fmt(num(project, 'dryRunPeakMB'), 0)} MB), import ${fmt(num(project, 'importMs'), 0)} ms (peak ${fmt(num(project, 'importPeakMB'), 0)} MB), from ${fmt(num(project, 'baselineMB'), 0)} MB`,
      },
    ];
  },
};
