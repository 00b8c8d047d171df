import type { PollFailureKind, PollJob, PollOutcome } from './protocol';

/** A failed poll: nothing taken in, validators and cursor kept for the next try. */
export function failedOutcome(
  job: PollJob,
  failure: PollFailureKind,
  message: string,
  retryAfterMs: number | null = null,
): PollOutcome {
  return {
    sourceId: job.sourceId,
    items: [],
    state: job.state,
    result: { kind: 'failed', failure, message },
    retryAfterMs,
    maxAgeMs: null,
    hasMore: false,
  };
}
