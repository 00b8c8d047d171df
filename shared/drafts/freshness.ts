import type { DraftForLifecycle } from './draft';

export type FreshnessState = 'fresh' | 'amber' | 'red' | 'expired';

/**
 * Thresholds as shares of the whole window still left, so they scale with a room's window
 * (20 min window: amber with 10 min left, red with 5 min left).
 */
export const AMBER_WHEN_LEFT = 0.5;
export const RED_WHEN_LEFT = 0.25;

type Timed = Pick<DraftForLifecycle, 'expiresAt' | 'stopwatch'>;

/** True once the freshness window has closed (the moment has passed unless someone extends it). */
export function isStale(draft: Pick<DraftForLifecycle, 'expiresAt'>, now: number): boolean {
  return now >= draft.expiresAt;
}

export function freshnessState(draft: Timed, now: number): FreshnessState {
  const left = draft.expiresAt - now;
  if (left <= 0) return 'expired';
  const window = Math.max(1, draft.expiresAt - draft.stopwatch.triggerAt);
  if (left <= window * RED_WHEN_LEFT) return 'red';
  if (left <= window * AMBER_WHEN_LEFT) return 'amber';
  return 'fresh';
}

/** Milliseconds until the window closes (0 when closed); what a countdown shows. */
export function timeLeft(draft: Pick<DraftForLifecycle, 'expiresAt'>, now: number): number {
  return Math.max(0, draft.expiresAt - now);
}
