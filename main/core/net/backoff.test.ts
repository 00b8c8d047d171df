import { describe, expect, it } from 'vitest';
import {
  countsAsFailure,
  MAX_BACKOFF_MS,
  nextPollDelay,
  OFFLINE_RECHECK_MS,
  shouldBackOff,
  type PollDelayInput,
} from './backoff';
import { parseMaxAge, parseRetryAfter } from './response-headers';

const base: PollDelayInput = {
  baseIntervalMs: 60_000,
  consecutiveFailures: 0,
  retryAfterMs: null,
  maxAgeMs: null,
  failureKind: null,
  random: () => 0,
};

describe('nextPollDelay', () => {
  it('polls at the base interval, jittered only later', () => {
    expect(nextPollDelay(base)).toBe(60_000);
    expect(nextPollDelay({ ...base, random: () => 0.5 })).toBe(63_000);
  });

  it('never polls sooner than max-age, capped at 5 h', () => {
    expect(nextPollDelay({ ...base, maxAgeMs: 600_000 })).toBe(600_000);
    expect(nextPollDelay({ ...base, maxAgeMs: 48 * 3600_000 })).toBe(5 * 3600_000);
  });

  it('doubles the wait per failure with jitter, up to the cap', () => {
    const failing = { ...base, failureKind: 'http' as const };
    expect(nextPollDelay({ ...failing, consecutiveFailures: 1, random: () => 0.999 })).toBeCloseTo(60_000, -2);
    expect(nextPollDelay({ ...failing, consecutiveFailures: 3, random: () => 0 })).toBe(120_000);
    expect(nextPollDelay({ ...failing, consecutiveFailures: 3, random: () => 0.5 })).toBe(180_000);
    expect(nextPollDelay({ ...failing, consecutiveFailures: 40, random: () => 0.999 })).toBeLessThanOrEqual(
      MAX_BACKOFF_MS,
    );
    const delays = [1, 2, 3, 4, 5, 6].map((n) =>
      nextPollDelay({ ...failing, consecutiveFailures: n, random: () => 0 }),
    );
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
  });

  it('honours Retry-After even when it is longer than the backoff', () => {
    expect(
      nextPollDelay({ ...base, failureKind: 'rate_limited', consecutiveFailures: 1, retryAfterMs: 3600_000 }),
    ).toBe(3600_000);
  });

  it('rechecks offline on a short fixed beat without escalating', () => {
    for (const consecutiveFailures of [0, 1, 10]) {
      expect(nextPollDelay({ ...base, failureKind: 'offline', consecutiveFailures })).toBe(OFFLINE_RECHECK_MS);
    }
    expect(countsAsFailure('offline')).toBe(false);
    expect(countsAsFailure('timeout')).toBe(true);
  });

  it('backs off after 3 failures in a row', () => {
    expect(shouldBackOff(2)).toBe(false);
    expect(shouldBackOff(3)).toBe(true);
  });
});

describe('response headers', () => {
  it('reads max-age and ignores it when caching is refused', () => {
    expect(parseMaxAge('public, max-age=300')).toBe(300_000);
    expect(parseMaxAge('no-cache, max-age=300')).toBeNull();
    expect(parseMaxAge(null)).toBeNull();
  });

  it('reads Retry-After as seconds or a date', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter(new Date(now + 45_000).toUTCString(), now)).toBe(45_000);
    expect(parseRetryAfter(new Date(now - 45_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
