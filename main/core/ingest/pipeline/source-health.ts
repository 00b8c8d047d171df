import type { SourceHealth } from '../../../../shared/sources/source';
import { nextPollDelay, shouldBackOff } from '../../net/backoff';
import type { FetchFailureKind } from '../../net/types';
import type { PollFailure, PollOutcome } from './ingest-runtime';
import { baseIntervalMs, catchUpDelayMs } from './poll-intervals';
import type { SourceConfig } from '../../../../shared/sources/source';

/** Failures that are not HTTP-level still back off like a bad response. */
function asFetchFailure(failure: PollFailure): FetchFailureKind {
  switch (failure) {
    case 'malformed':
    case 'invalid_input':
    case 'too_slow':
      return 'bad_response';
    case 'auth':
      return 'http';
    default:
      return failure;
  }
}

/**
 * The health line after a poll, and when to poll next. Offline is a state, not a failure:
 * it neither counts towards back-off nor raises an error.
 */
export function healthAfterPoll(
  previous: SourceHealth,
  outcome: PollOutcome,
  config: SourceConfig,
  now: number,
  random: () => number,
): Omit<SourceHealth, 'itemsTaken'> {
  const { result } = outcome;
  if (result.kind !== 'failed') {
    const delay = outcome.hasMore
      ? catchUpDelayMs
      : nextPollDelay({
          baseIntervalMs: baseIntervalMs(config),
          consecutiveFailures: 0,
          retryAfterMs: outcome.retryAfterMs,
          maxAgeMs: outcome.maxAgeMs,
          failureKind: null,
          random,
        });
    return {
      state: 'ok',
      lastFetchAt: now,
      nextPollAt: Math.round(now + delay),
      consecutiveFailures: 0,
      lastError: null,
      problem: null,
      // A 304 brings the same document: what was said about it still holds.
      notices: result.kind === 'ok' ? (result.notices ?? []) : previous.notices,
    };
  }
  const failureKind = asFetchFailure(result.failure);
  const offline = failureKind === 'offline';
  const consecutiveFailures = offline ? previous.consecutiveFailures : previous.consecutiveFailures + 1;
  const delay = nextPollDelay({
    baseIntervalMs: baseIntervalMs(config),
    consecutiveFailures,
    retryAfterMs: outcome.retryAfterMs,
    maxAgeMs: null,
    failureKind,
    random,
  });
  return {
    state: offline ? 'offline' : shouldBackOff(consecutiveFailures) ? 'backoff' : 'error',
    lastFetchAt: now,
    // STRICT INTEGER column: jittered delays are fractional.
    nextPollAt: Math.round(now + delay),
    consecutiveFailures,
    lastError: result.message,
    problem: result.problem ?? null,
    notices: previous.notices,
  };
}
