import { MAX_CACHE_AGE_MS } from './response-headers';
import type { FetchFailureKind } from './types';

/** Offline is a state: we look again soon, without counting it against the source. */
export const OFFLINE_RECHECK_MS = 30_000;
export const MAX_BACKOFF_MS = MAX_CACHE_AGE_MS;
export const FAILURES_BEFORE_BACKOFF = 3;

export interface PollDelayInput {
  /** The source's normal polling interval. */
  baseIntervalMs: number;
  /** Failures in a row, not counting offline ones (see countsAsFailure). */
  consecutiveFailures: number;
  /** From Retry-After on the last response, if any. */
  retryAfterMs: number | null;
  /** From Cache-Control max-age on the last response, if any. */
  maxAgeMs: number | null;
  /** Why the last fetch failed; null when it succeeded or was not modified. */
  failureKind: FetchFailureKind | null;
  /** Uniform in [0, 1); injected so tests are deterministic. */
  random: () => number;
}

/** Whether a failure should escalate the backoff (offline waits for the network instead). */
export function countsAsFailure(kind: FetchFailureKind): boolean {
  switch (kind) {
    case 'offline':
      return false;
    case 'timeout':
    case 'http':
    case 'rate_limited':
    case 'too_large':
    case 'redirect_loop':
    case 'bad_response':
      return true;
  }
}

/** A source failing 3 times in a row backs off (and shows why) instead of hammering a broken server. */
export function shouldBackOff(consecutiveFailures: number): boolean {
  return consecutiveFailures >= FAILURES_BEFORE_BACKOFF;
}

/**
 * Milliseconds until the next poll. Never sooner than the server's max-age (capped at 5 h)
 * nor its Retry-After; failures double the wait (with jitter so sources that failed together
 * do not retry together) up to 5 h; offline rechecks on a short fixed beat.
 */
export function nextPollDelay(input: PollDelayInput): number {
  const base = Math.max(0, input.baseIntervalMs);
  const random = clampUnit(input.random());
  const maxAge = input.maxAgeMs === null ? 0 : Math.min(Math.max(input.maxAgeMs, 0), MAX_CACHE_AGE_MS);
  const retryAfter = input.retryAfterMs === null ? 0 : Math.max(input.retryAfterMs, 0);

  if (input.failureKind === 'offline') return Math.max(OFFLINE_RECHECK_MS * (1 + 0.2 * random), retryAfter);

  let delay: number;
  if (input.failureKind === null || input.consecutiveFailures <= 0) {
    // Up to 10 % later, never earlier: spreads sources that were added together.
    delay = base * (1 + 0.1 * random);
  } else {
    const exponent = Math.min(input.consecutiveFailures - 1, 30);
    const ceiling = Math.min(base * 2 ** exponent, MAX_BACKOFF_MS);
    // "Equal jitter": at least half the exponential step, so backoff still grows.
    delay = Math.max(base, ceiling / 2 + (ceiling / 2) * random);
  }
  return Math.round(Math.max(delay, maxAge, retryAfter));
}

function clampUnit(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return value >= 1 ? 0.999_999 : value;
}
