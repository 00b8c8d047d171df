import type { HealthProblem } from '../../../../shared/sources/health-problem';
import type { HealthNotice } from '../../../../shared/sources/source';
import type { PollFailureKind, PollJob, PollOutcome } from './protocol';

/** A failed poll: nothing taken in, validators and cursor kept for the next try. */
export function failedOutcome(
  job: PollJob,
  failure: PollFailureKind,
  why: { message: string; problem?: HealthProblem | undefined },
  retryAfterMs: number | null = null,
): PollOutcome {
  return {
    sourceId: job.sourceId,
    items: [],
    state: job.state,
    result: { kind: 'failed', failure, message: why.message, ...(why.problem ? { problem: why.problem } : {}) },
    retryAfterMs,
    maxAgeMs: null,
    hasMore: false,
  };
}

/** A poll that read its source: what it took in and the state to poll from next time. */
export function okOutcome(
  job: PollJob,
  taken: Pick<PollOutcome, 'items' | 'state'> &
    Partial<Pick<PollOutcome, 'retryAfterMs' | 'maxAgeMs' | 'hasMore' | 'skipped'>> & { notices?: HealthNotice[] },
): PollOutcome {
  return {
    sourceId: job.sourceId,
    items: taken.items,
    state: taken.state,
    result: taken.notices && taken.notices.length > 0 ? { kind: 'ok', notices: taken.notices } : { kind: 'ok' },
    retryAfterMs: taken.retryAfterMs ?? null,
    maxAgeMs: taken.maxAgeMs ?? null,
    hasMore: taken.hasMore ?? false,
    ...(taken.skipped ? { skipped: taken.skipped } : {}),
  };
}
