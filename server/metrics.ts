import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Role } from '../shared/protocol.ts';

/** One registry per server instance, so several servers in one process never share counts. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tandem_process_' });
  return {
    registry,
    documentsLoaded: new Gauge({
      name: 'tandem_documents_loaded',
      help: 'Persona documents held in memory',
      registers: [registry],
    }),
    connections: new Gauge<'role'>({
      name: 'tandem_connections',
      help: 'Open WebSocket connections by role',
      labelNames: ['role'],
      registers: [registry],
    }),
    updatesTotal: new Counter({
      name: 'tandem_updates_total',
      help: 'Document updates committed to the store',
      registers: [registry],
    }),
    storeWriteSeconds: new Histogram({
      name: 'tandem_store_write_seconds',
      help: 'Duration of one batched store commit',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    disconnects: new Counter<'reason'>({
      name: 'tandem_disconnects_total',
      help: 'Connections the server closed, by reason',
      labelNames: ['reason'],
      registers: [registry],
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;

export function initRoleGauges(metrics: Metrics, roles: readonly Role[]): void {
  for (const role of roles) metrics.connections.set({ role }, 0);
}
