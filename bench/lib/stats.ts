/** The nearest-rank percentile `p` (0-100) of `values`; null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? null;
}

/** project / reference, when both are positive numbers. */
export function ratio(project: unknown, reference: unknown): number | null {
  if (typeof project !== 'number' || typeof reference !== 'number' || reference <= 0) return null;
  return project / reference;
}

/** The median of `values` (the mean of the middle two when even); null when there are none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
