import type { ServerKind } from '../lib/servers.ts';

export type Figure = number | boolean | null;
export type Figures = Record<string, Figure>;

/** One line of the side-by-side table. */
export interface Row {
  key: string;
  label: string;
  /** Decimal places for numbers; booleans print yes/no. */
  digits?: number;
  /** Print project/reference and project/Hocuspocus for this row. */
  ratio?: boolean;
}

export interface Target {
  description: string;
  /** null when the figures needed to judge it are missing. */
  met: boolean | null;
  detail: string;
}

export interface ScenarioRun {
  figures: Figures;
  /** Observations worth a line in the results (saturation, data loss, errors). */
  notes: string[];
}

export interface RunContext {
  quick: boolean;
  /** Progress, to stderr. */
  log(line: string): void;
}

export interface Scenario {
  readonly name: string;
  readonly title: string;
  /** The load, in words, for this mode. */
  describe(quick: boolean): string;
  readonly rows: readonly Row[];
  /** The servers it runs against; all three unless given (the client scenarios need the project's). */
  readonly servers?: readonly ServerKind[];
  run(kind: ServerKind, ctx: RunContext): Promise<ScenarioRun>;
  targets(project: Figures, reference: Figures, hocuspocus: Figures): Target[];
}

export const num = (figures: Figures, key: string): number | null => {
  const value = figures[key];
  return typeof value === 'number' ? value : null;
};

/** A number for people: thousands separated, `digits` decimals; n/a when missing. */
export const fmt = (value: number | null, digits = 1): string =>
  value === null ? 'n/a' : value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The better of the peers' figures under `key` (the lower unless `higher`), with the peer's name; null when none has it. */
export function betterPeer(peers: Record<string, Figures>, key: string, higher = false): { value: number; peer: string } | null {
  let best: { value: number; peer: string } | null = null;
  for (const [peer, figures] of Object.entries(peers)) {
    const value = num(figures, key);
    if (value === null) continue;
    if (best === null || (higher ? value > best.value : value < best.value)) best = { value, peer };
  }
  return best;
}

/** `a ≤ b` (or `a ≥ b` when `higher`), null when either is missing. */
export const noWorse = (a: number | null, b: number | null, higher = false): boolean | null =>
  a === null || b === null ? null : higher ? a >= b : a <= b;
