import type { EntryView } from '../../../shared/publishing/outbox';

/** What a channel's entry is doing, as the card says it: one phase, one sentence, its own buttons. */
export type EntryPhase =
  | 'held'
  | 'frozen'
  | 'leaving'
  | 'sending'
  | 'offline'
  | 'rate_limited'
  | 'reconciling'
  | 'stale'
  | 'manual'
  | 'published'
  | 'failed'
  | 'cancelled'
  | 'retracting'
  | 'retracting_manual'
  | 'retracted';

/**
 * The phase of an entry at `now`. The freeze comes first: a frozen room sends nothing, so an
 * entry that would otherwise "leave now" must say it is held. Inside the undo window an
 * entry is `held` whatever else it waits for, since that is when Cancel matters most.
 */
export function entryPhase(
  entry: Pick<EntryView, 'state' | 'network' | 'notBefore' | 'waitReason'>,
  now: number,
  frozen: boolean,
): EntryPhase {
  switch (entry.state) {
    case 'cancelled':
    case 'retracted':
    case 'published':
    case 'failed':
    case 'sending':
      return entry.state;
    case 'retracting':
      return entry.network === 'manual' ? 'retracting_manual' : 'retracting';
    case 'unknown':
      if (frozen) return 'frozen';
      return entry.waitReason === 'offline' || entry.waitReason === 'rate_limited' ? entry.waitReason : 'reconciling';
    case 'queued':
      if (frozen) return 'frozen';
      if (now < entry.notBefore) return 'held';
      switch (entry.waitReason) {
        case 'stale':
        case 'manual':
        case 'offline':
        case 'rate_limited':
          return entry.waitReason;
        case 'retrying':
          return 'reconciling';
        default:
          return 'leaving';
      }
  }
}

/** Whole seconds left in the undo window, never below zero. */
export function secondsLeft(notBefore: number, now: number): number {
  return Math.max(0, Math.ceil((notBefore - now) / 1000));
}
