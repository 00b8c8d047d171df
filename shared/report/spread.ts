import type { Spread } from './figures';

/**
 * The value at quantile `q` (0–1) of sorted values, by the nearest-rank method: the
 * smallest value with at least q of them at or below it. Nearest-rank keeps every answer a
 * real observed duration, which is what a team can check against its own stopwatches.
 */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

/** Median: the middle value, or the mean of the two middle ones for an even count. */
export function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = Math.floor(n / 2);
  if (n % 2 === 1) return sorted[mid] ?? null;
  return ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, median: median(sorted), p90: quantile(sorted, 0.9) };
}
