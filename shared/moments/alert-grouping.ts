import type { Moment } from './moment';

/**
 * A storm of detections becomes one alert: moments arriving within `windowMs` of the
 * alert that is showing join it (the count grows) instead of raising a new one, and the
 * desktop notification and sound fire at most once per window.
 */
export interface AlertGroup {
  /** The strongest moment of the group: what the banner names. */
  lead: Moment;
  moments: Moment[];
  openedAt: number;
}

export const alertWindowMs = 120_000;

const weight = (moment: Moment): number => {
  switch (moment.kind) {
    case 'manual':
      return 3;
    case 'spike':
    case 'watch':
      return 2;
    case 'scheduled':
      return 1;
    case 'emerging':
      return 0;
  }
};

export function addToAlert(
  current: AlertGroup | null,
  incoming: readonly Moment[],
  now: number,
): { group: AlertGroup; fresh: boolean } {
  const fresh = current === null || now - current.openedAt > alertWindowMs;
  const moments = fresh ? [...incoming] : [...(current?.moments ?? []), ...incoming];
  const lead = moments.reduce((best, moment) => (weight(moment) > weight(best) ? moment : best));
  return { group: { lead, moments, openedAt: fresh ? now : (current?.openedAt ?? now) }, fresh };
}
