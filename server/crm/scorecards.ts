// The scorecard (SPEC §8) on the server: a persona's targets from its document against the figures
// of the imported deals, per period; the trend over the imports; notices of met targets.
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import type { PublishedTarget, Scorecard, ScorecardResponse, TargetResult, TrendPoint } from '../../shared/api.ts';
import { Attribution, type Directory } from '../../shared/persona/authors.ts';
import { getProfile } from '../../shared/persona/schema.ts';
import { readTargets, targetFingerprint, type TargetView } from '../../shared/persona/targets.ts';
import type { Actuals } from '../../shared/scorecard/figures.ts';
import { NO_ACTUALS, actualsByPeriod } from '../../shared/scorecard/figures.ts';
import type { Deal } from '../../shared/scorecard/deals.ts';
import { isMet } from '../../shared/scorecard/metrics.ts';
import type { Period } from '../../shared/scorecard/periods.ts';
import { comparePeriods, periodsAt } from '../../shared/scorecard/periods.ts';
import type { Crm, CrmImportRecord, ImportFigures, NoticeRecord } from '../storage/storage.ts';

/** What a scorecard needs of the persona's document: its name and its targets as the server attributes them. */
export interface PersonaTargets {
  name: string;
  targets: TargetView[];
}

export function personaTargetsOf(state: Uint8Array, directory: Directory): PersonaTargets {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const name = getProfile(doc).get('name');
    return { name: typeof name === 'string' ? name : '', targets: readTargets(doc, Attribution.of(doc, directory)) };
  } finally {
    doc.destroy();
  }
}

/** The scorecard's figures, read from what each import kept (computed once, when it was imported). */
export class Scorecards {
  readonly #crm: Crm;
  /** Deals per persona of each import: an import never changes, so neither do its counts. */
  readonly #dealCounts = new Map<string, Promise<Map<string, number>>>();

  constructor(crm: Crm) {
    this.#crm = crm;
  }

  /** The figures of one persona's deals in one import, for a period. */
  async actualsOf(importId: string, personaId: string, period: Period): Promise<{ actuals: Actuals; deals: number }> {
    const [figures, counts] = await Promise.all([this.#crm.figuresOf(personaId, period), this.#countsOf(importId)]);
    return { actuals: figures.get(importId) ?? NO_ACTUALS, deals: counts.get(personaId) ?? 0 };
  }

  #countsOf(importId: string): Promise<Map<string, number>> {
    let counts = this.#dealCounts.get(importId);
    if (!counts) {
      counts = this.#crm.dealCounts(importId);
      counts.catch(() => this.#dealCounts.delete(importId));
      this.#dealCounts.set(importId, counts);
    }
    return counts;
  }

  /** SPEC §8's scorecard of a period, from the latest import (or none). */
  async scorecard(personaId: string, period: Period, targets: readonly TargetView[], latest: CrmImportRecord | null): Promise<Scorecard> {
    const { actuals, deals } = latest ? await this.actualsOf(latest.id, personaId, period) : { actuals: NO_ACTUALS, deals: 0 };
    const results = targets.filter((target) => target.period === period).map((target) => resultOf(target, actuals));
    return { period, targets: results, actuals, basis: latest ? { importId: latest.id, at: latest.at, deals } : null };
  }

  /** The scorecard with each import's figures (oldest first) and the periods that have targets. */
  async scorecardWithTrend(personaId: string, period: Period, targets: readonly TargetView[]): Promise<ScorecardResponse> {
    const imports = await this.#crm.listImports();
    const scorecard = await this.scorecard(personaId, period, targets, imports[0] ?? null);
    const figures = await this.#crm.figuresOf(personaId, period);
    const trend = [...imports].reverse().map((record): TrendPoint => {
      const { winRate, avgDealSize, salesCycleDays, dealsWon, pipelineCreated } = figures.get(record.id) ?? NO_ACTUALS;
      return { importId: record.id, at: record.at, winRate, avgDealSize, salesCycleDays, dealsWon, pipelineCreated };
    });
    return { ...scorecard, trend, periods: periodsOfTargets(targets) };
  }

  /** Agreed targets of the current year, quarter or month that the latest import meets. */
  async targetsMet(personaId: string, targets: readonly TargetView[], latest: CrmImportRecord | null, now: Date): Promise<number> {
    if (latest === null) return 0;
    const current = new Set(periodsAt(now));
    let met = 0;
    for (const target of targets) {
      if (!target.agreed || !current.has(target.period)) continue;
      const { actuals } = await this.actualsOf(latest.id, personaId, target.period);
      if (isMet(target.metric, target.value, actuals[target.metric]) === true) met += 1;
    }
    return met;
  }

  /**
   * A notice for each agreed target the import meets, to each member who signed it (both teams).
   * Its id is derived from the member, the target and what was agreed, so a later import meeting the
   * same target again tells nobody twice.
   */
  async noticesFor(record: CrmImportRecord, personaId: string, persona: PersonaTargets): Promise<NoticeRecord[]> {
    const notices: NoticeRecord[] = [];
    for (const target of persona.targets) {
      if (!target.agreed) continue;
      const { actuals } = await this.actualsOf(record.id, personaId, target.period);
      const actual = actuals[target.metric];
      if (actual === null || isMet(target.metric, target.value, actual) !== true) continue;
      for (const signoff of [target.signoffs.marketing, target.signoffs.sales]) {
        if (signoff === null) continue;
        const id = createHash('sha256').update(`${signoff.memberId}\u0000${personaId}\u0000${target.id}\u0000${targetFingerprint(target)}`).digest('base64url').slice(0, 22);
        notices.push({
          id,
          memberId: signoff.memberId,
          at: record.at,
          personaId,
          personaName: persona.name,
          kind: 'target-met',
          detail: { targetId: target.id, metric: target.metric, period: target.period, value: target.value, actual },
          readAt: null,
        });
      }
    }
    return notices;
  }
}

/** What an import keeps of its figures: each persona's, for every period its deals were created or closed in. */
export function importFiguresOf(deals: readonly Deal[]): ImportFigures[] {
  const byPersona = new Map<string, Deal[]>();
  for (const deal of deals) {
    const list = byPersona.get(deal.personaId);
    if (list) list.push(deal);
    else byPersona.set(deal.personaId, [deal]);
  }
  return [...byPersona].flatMap(([personaId, list]) =>
    [...actualsByPeriod(list)].map(([period, actuals]) => ({ personaId, period, actuals })),
  );
}

/** The periods that have targets, in time order. */
export function periodsOfTargets(targets: readonly { period: Period }[]): Period[] {
  return [...new Set(targets.map((target) => target.period))].sort(comparePeriods);
}

/** Targets as a published version keeps them: values, agreed, and the signers' names. */
export function publishedTargets(targets: readonly TargetView[]): PublishedTarget[] {
  return targets.map(({ id, metric, value, period, agreed, signoffs }) => ({ id, metric, value, period, agreed, signoffs }));
}

function resultOf(target: TargetView, actuals: Actuals): TargetResult {
  const actual = actuals[target.metric];
  const { id, metric, value, period, agreed } = target;
  return { id, metric, value, period, agreed, actual, met: isMet(metric, value, actual) };
}
