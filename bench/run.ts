// `npm run bench [-- --quick] [-- --only <scenario>] [-- --store sqlite|postgres]` (with --store: the project only): every scenario on the project and both peers, side by side,
// then the client scenarios against the project server, which serves the built client.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM_PATH } from '../tests/helpers/browser.ts';
import type { ScenarioResult } from './lib/report.ts';
import { markdownReport, terminalReport } from './lib/report.ts';
import { OUT_DIR, REPO_ROOT, SERVER_KINDS, projectCommand, staleBuildWarning, useProjectPostgres } from './lib/servers.ts';
import { postgresBin, startPostgres } from '../tests/engines/postgres.ts';
import { awarenessFlood } from './scenarios/awarenessFlood.ts';
import { capacity } from './scenarios/capacity.ts';
import { coldLoad } from './scenarios/coldLoad.ts';
import { crash } from './scenarios/crash.ts';
import { crmImport } from './scenarios/crmImport.ts';
import { fanOut } from './scenarios/fanOut.ts';
import { history } from './scenarios/history.ts';
import { idle } from './scenarios/idle.ts';
import { inboxFanout } from './scenarios/inboxFanout.ts';
import { initialJs } from './scenarios/initialJs.ts';
import { keystrokeLatency, keystrokeLatencyNotices, keystrokeLatencyNoticesUnseen } from './scenarios/keystrokeLatency.ts';
import { librarySearch } from './scenarios/librarySearch.ts';
import { openMany } from './scenarios/openMany.ts';
import { pdfHostile } from './scenarios/pdfHostile.ts';
import { pdfRender } from './scenarios/pdfRender.ts';
import { revocation } from './scenarios/revocation.ts';
import { startUp } from './scenarios/startUp.ts';
import { timeToEditable } from './scenarios/timeToEditable.ts';
import type { Figures, RunContext, Scenario } from './scenarios/scenario.ts';

const SCENARIOS: readonly Scenario[] = [
  startUp,
  fanOut,
  coldLoad,
  idle,
  openMany,
  crash,
  capacity,
  revocation,
  initialJs,
  timeToEditable,
  keystrokeLatency,
  keystrokeLatencyNotices,
  keystrokeLatencyNoticesUnseen,
  pdfRender,
  pdfHostile,
  librarySearch,
  history,
  crmImport,
  inboxFanout,
  awarenessFlood,
];
const RESULTS_FILE = join(REPO_ROOT, 'bench', 'RESULTS.md');
const PARTIAL_RESULTS_FILE = join(OUT_DIR, 'RESULTS.partial.md');

const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

function parseOptions(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, store: { type: 'string' } },
  });
  const store = values.store ?? 'sqlite';
  if (store !== 'sqlite' && store !== 'postgres') throw new Error(`--store is sqlite or postgres, not "${store}"`);
  const selected = values.only === undefined ? SCENARIOS : SCENARIOS.filter((s) => s.name === values.only);
  if (selected.length === 0) {
    throw new Error(`unknown scenario "${values.only}"; choose one of ${SCENARIOS.map((s) => s.name).join(', ')}`);
  }
  // With --store only the project runs (an A/B of its stores): the peers keep their own, measured in a run without it.
  const projectOnly = values.store !== undefined;
  return { quick: values.quick, selected, store, projectOnly, partial: values.quick || values.only !== undefined || projectOnly };
}

function packageVersion(name: string): string {
  const file = join(REPO_ROOT, 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return `no Chromium at ${CHROMIUM_PATH}`;
  }
}

function environment(): string[] {
  const cores = cpus();
  return [
    `Machine: ${cores.length} × ${cores[0]?.model ?? 'unknown CPU'}, Linux ${release()}, Node ${process.version}`,
    `Load average at start (1/5/15 min): ${loadavg().map((n) => n.toFixed(2)).join(' / ')}`,
    `Project server: \`${projectCommand().description}\`, LOG_LEVEL=info, SQLite in a fresh temp directory`,
    `Reference server: \`@y/websocket-server\` ${packageVersion('@y/websocket-server')} ` +
      `(\`src/server.js\`), YPERSISTENCE=<fresh temp directory> (y-leveldb ${packageVersion('y-leveldb')})`,
    `Hocuspocus: \`@hocuspocus/server\` ${packageVersion('@hocuspocus/server')} with \`@hocuspocus/extension-sqlite\` ` +
      `${packageVersion('@hocuspocus/extension-sqlite')} (\`bench/peers/hocuspocus.mjs\`, default debounce), SQLite file in a fresh temp directory`,
    `Clients: \`y-websocket\` ${packageVersion('y-websocket')} WebsocketProvider over \`ws\`, in the bench process`,
    `Browser (client scenarios): ${chromiumVersion()}, headless, driven by playwright-core ${packageVersion('playwright-core')}`,
  ];
}

async function runScenario(scenario: Scenario, ctx: RunContext, projectOnly: boolean): Promise<ScenarioResult> {
  const figures: Record<string, Figures> = {};
  const notes: string[] = [];
  for (const kind of (scenario.servers ?? SERVER_KINDS).filter((k) => !projectOnly || k === 'project')) {
    log(`${scenario.name}: ${kind} server`);
    try {
      const run = await scenario.run(kind, ctx);
      figures[kind] = run.figures;
      notes.push(...run.notes);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log(`${scenario.name}: ${kind} failed: ${message}`);
      figures[kind] = {};
      notes.push(`${kind}: the scenario failed: ${message}`);
    }
  }
  const project = figures['project'] ?? {};
  const reference = figures['reference'] ?? {};
  const hocuspocus = figures['hocuspocus'] ?? {};
  return { scenario, project, reference, hocuspocus, targets: scenario.targets(project, reference, hocuspocus), notes };
}

async function main(): Promise<void> {
  // Every y-websocket provider adds a process 'exit' listener; hundreds are expected here.
  process.setMaxListeners(0);
  const args = process.argv.slice(2);
  const { quick, selected, store, projectOnly, partial } = parseOptions(args);
  const stale = staleBuildWarning();
  if (stale) log(`warning: ${stale}`);
  const started = performance.now();
  const info = {
    date: new Date().toISOString(),
    command: `${process.env['npm_lifecycle_event'] === 'bench' ? 'npm run bench' : 'tsx bench/run.ts'}${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`,
    quick,
    environment: environment(),
  };
  const ctx: RunContext = { quick, log };
  const results: ScenarioResult[] = [];
  // A durable PostgreSQL (fsync on every commit, as SQLite's FULL) of its own for the run.
  const postgres = store === 'postgres' ? await startPostgres({ durable: true }) : null;
  useProjectPostgres(postgres?.url ?? null);
  if (postgres) info.environment.push(`Project store: PostgreSQL (${postgresBin() ?? 'unknown'}), fsync on, a fresh database per data directory`);
  try {
    for (const scenario of selected) {
      const result = await runScenario(scenario, ctx, projectOnly);
      process.stdout.write(terminalReport(result));
      results.push(result);
    }
  } finally {
    postgres?.remove();
  }
  const minutes = (performance.now() - started) / 60_000;
  info.environment.push(`Whole run took ${minutes.toFixed(1)} min; load average at the end: ${loadavg().map((n) => n.toFixed(2)).join(' / ')}`);
  const file = partial ? PARTIAL_RESULTS_FILE : RESULTS_FILE;
  mkdirSync(OUT_DIR, { recursive: true });
  const analysisFile = join(REPO_ROOT, 'bench', 'ANALYSIS.md');
  const analysis = existsSync(analysisFile) ? readFileSync(analysisFile, 'utf8') : null;
  writeFileSync(file, markdownReport(info, results, analysis));
  log(`wrote ${file} (${minutes.toFixed(1)} min)`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
