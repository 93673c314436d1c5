// The server's own metrics are plain numbers written out in Prometheus's text format. prom-client (for
// the process metrics: CPU, memory, event loop, GC) loads on the first scrape, so a server nobody
// scrapes never loads it and its 90 modules.
import type { Role } from '../shared/protocol.ts';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

type LabelValues<L extends string> = Partial<Record<L, string>>;

interface Sample {
  labels: Record<string, string>;
  value: number;
}

abstract class Metric<L extends string> {
  abstract readonly type: 'counter' | 'gauge' | 'histogram';
  readonly #series = new Map<string, Sample>();

  constructor(
    readonly name: string,
    readonly help: string,
    labelled: boolean,
  ) {
    // As prom-client does: a metric without labels shows 0 before anything happened.
    if (!labelled) this.add({}, 0);
  }

  /** The current values, in prom-client's shape (tests read them). */
  get(): Promise<{ values: Sample[] }> {
    return Promise.resolve({ values: [...this.#series.values()].map((s) => ({ ...s })) });
  }

  protected add(labels: LabelValues<L>, by: number, replace = false): void {
    const key = JSON.stringify(labels);
    const sample = this.#series.get(key);
    if (sample) sample.value = replace ? by : sample.value + by;
    else this.#series.set(key, { labels: { ...labels } as Record<string, string>, value: by });
  }

  protected samples(): string[] {
    return [...this.#series.values()].map(({ labels, value }) => `${this.name}${formatLabels(labels)} ${value}`);
  }

  exposition(): string {
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.type}`, ...this.samples()].join('\n');
  }
}

export class Counter<L extends string = never> extends Metric<L> {
  readonly type = 'counter';
  inc(labels: LabelValues<L> = {}, by = 1): void {
    this.add(labels, by);
  }
}

export class Gauge<L extends string = never> extends Metric<L> {
  readonly type = 'gauge';
  inc(labels: LabelValues<L> = {}, by = 1): void {
    this.add(labels, by);
  }
  dec(labels: LabelValues<L> = {}, by = 1): void {
    this.add(labels, -by);
  }
  set(labelsOrValue: LabelValues<L> | number, value = 0): void {
    if (typeof labelsOrValue === 'number') this.add({}, labelsOrValue, true);
    else this.add(labelsOrValue, value, true);
  }
}

export class Histogram extends Metric<never> {
  readonly type = 'histogram';
  readonly #counts: number[];
  #sum = 0;
  #count = 0;

  constructor(
    name: string,
    help: string,
    readonly buckets: readonly number[],
  ) {
    super(name, help, true);
    this.#counts = buckets.map(() => 0);
  }

  observe(value: number): void {
    const bucket = this.buckets.findIndex((le) => value <= le);
    if (bucket >= 0) this.#counts[bucket] = (this.#counts[bucket] ?? 0) + 1;
    this.#sum += value;
    this.#count += 1;
  }

  protected override samples(): string[] {
    let cumulative = 0;
    const lines = this.buckets.map((le, i) => {
      cumulative += this.#counts[i] ?? 0;
      return `${this.name}_bucket{le="${le}"} ${cumulative}`;
    });
    return [...lines, `${this.name}_bucket{le="+Inf"} ${this.#count}`, `${this.name}_sum ${this.#sum}`, `${this.name}_count ${this.#count}`];
  }
}

function formatLabels(labels: Record<string, string>): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

/** One set per server instance, so several servers in one process never share counts. */
export function createMetrics() {
  const own = {
    documentsLoaded: new Gauge('tandem_documents_loaded', 'Persona documents held in memory', false),
    connections: new Gauge<'role'>('tandem_connections', 'Open WebSocket connections by role', true),
    updatesTotal: new Counter('tandem_updates_total', 'Document updates committed to the store', false),
    storeWriteSeconds: new Histogram('tandem_store_write_seconds', 'Duration of one batched store commit', [
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1,
    ]),
    disconnects: new Counter<'reason'>('tandem_disconnects_total', 'Connections the server closed, by reason', true),
  };
  let processMetrics: Promise<{ metrics(): Promise<string> }> | null = null;
  return {
    ...own,
    /** Everything, in Prometheus's text format: the process metrics (prom-client, loaded now if not yet), then ours. */
    async exposition(): Promise<string> {
      // Through `default` (module.exports): prom-client is CommonJS, whose named exports a bundle does not synthesise.
      processMetrics ??= import('prom-client').then(({ default: { Registry, collectDefaultMetrics } }) => {
        const registry = new Registry();
        collectDefaultMetrics({ register: registry, prefix: 'tandem_process_' });
        return registry;
      });
      const ours = Object.values(own).map((metric) => metric.exposition());
      return `${await (await processMetrics).metrics()}\n${ours.join('\n\n')}\n`;
    },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;

export function initRoleGauges(metrics: Metrics, roles: readonly Role[]): void {
  for (const role of roles) metrics.connections.set({ role }, 0);
}
