// Numbers for evidence items, so a claim can point into the evidence summary (M1, S2…) in the library and the PDF.
import type { EvidenceItem, Side } from './types.ts';

export interface EvidenceNumber {
  side: Side;
  /** 1-based, per side, in board order. */
  n: number;
}

export function evidenceNumbers(evidence: readonly EvidenceItem[]): Map<string, EvidenceNumber> {
  const next: Record<Side, number> = { marketing: 0, sales: 0 };
  const numbers = new Map<string, EvidenceNumber>();
  for (const item of evidence) {
    if (numbers.has(item.id)) continue;
    next[item.side] += 1;
    numbers.set(item.id, { side: item.side, n: next[item.side] });
  }
  return numbers;
}
