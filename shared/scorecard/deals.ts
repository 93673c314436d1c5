// A CRM deal as an import keeps it, free of any CRM's column names.
export type DealOutcome = 'won' | 'lost' | 'open';

export interface Deal {
  /** The CRM's record id ('' when the file has none). */
  id: string;
  name: string;
  /** The stage as the CRM wrote it. */
  stage: string;
  /** From the stage: `Closed won` / `Closed lost` in any case (SPEC §8); anything else is open. */
  outcome: DealOutcome;
  /** In the CRM's currency, as a plain number; null when the file left it blank. */
  amount: number | null;
  /** ISO 8601 (UTC). */
  createdAt: string;
  /** ISO 8601 (UTC); null for an open deal without one. */
  closedAt: string | null;
  /** '' when none was given. */
  lossReason: string;
  /** The persona the deal was mapped to. */
  personaId: string;
}

const WON = /^closed[\s_-]*won$/i;
const LOST = /^closed[\s_-]*lost$/i;

/** Won and lost are `Closed won` / `Closed lost` in any case (HubSpot's internal `closedwon` too). */
export function outcomeOf(stage: string): DealOutcome {
  const text = stage.trim();
  if (WON.test(text)) return 'won';
  if (LOST.test(text)) return 'lost';
  return 'open';
}
