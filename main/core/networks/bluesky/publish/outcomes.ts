import { XRPCError } from '@atproto/api';
import { publishProblem, whileDoing, type Doing } from '../../../../../shared/publishing/publish-problem';
import type { PublishOutcome, RateBudget } from '../../publishing/publisher';
import { classifyTransportError, retryAfterAt } from '../../publishing/transport';

export type NotPublished = Exclude<PublishOutcome, { kind: 'published' }>;

/** XRPC's "no answer" statuses: the request failed in transit (1) or the answer broke the lexicon (2). */
const NO_ANSWER = 1;
const UNREADABLE_ANSWER = 2;

type Headers = Record<string, string | undefined> | undefined;

/**
 * The PDS's write budget from `ratelimit-remaining` / `ratelimit-reset` (epoch seconds): a
 * create costs 3 points of 5000 an hour, so the outbox can say until when an account waits.
 */
export function budgetFrom(headers: Headers): RateBudget | null {
  const remaining = headers?.['ratelimit-remaining'];
  const reset = headers?.['ratelimit-reset'];
  if (remaining === undefined && reset === undefined) return null;
  const count = Number(remaining);
  const resetAt = Number(reset) * 1000;
  return {
    remaining: remaining !== undefined && Number.isFinite(count) ? count : null,
    resetAt: reset !== undefined && Number.isFinite(resetAt) && resetAt > 0 ? resetAt : null,
  };
}

/**
 * The access token was refused (401, or 400 ExpiredToken: the refusals the agent answers
 * with a refresh): the request was not processed, so it is safe to send again once.
 */
export function isAuthRefusal(error: unknown): boolean {
  return error instanceof XRPCError && (error.status === 401 || error.error === 'ExpiredToken');
}

/**
 * A thrown XRPC error as the port's outcome. `doing` names the step for the person reading
 * the failure. A 400 is the PDS refusing the post (its message says why: too long, a blob
 * too large); a 5xx or a lost answer may have written the record, so it is `unknown` and
 * settled by reading the record key back.
 */
export function failureOutcome(error: unknown, now: number, doing: Doing): NotPublished {
  const during = (problem: ReturnType<typeof publishProblem>) => whileDoing(problem, doing);
  if (!(error instanceof XRPCError)) {
    const detail = error instanceof Error ? error.message : String(error);
    return { kind: 'unknown', problem: during(publishProblem('unexpected', { detail })) };
  }
  if (error.status === NO_ANSWER) {
    const failure = classifyTransportError(error.cause ?? error);
    return { ...failure, problem: during(failure.problem) };
  }
  if (error.status === UNREADABLE_ANSWER) {
    return { kind: 'unknown', problem: during(publishProblem('unreadableAnswer')) };
  }
  // The PDS's own words (its message, else its error name) travel as they are, beside the status.
  const detail = error.message || error.error;
  const said = detail
    ? publishProblem('serverSaid', { status: error.status, detail })
    : publishProblem('httpStatus', { status: error.status });
  if (isAuthRefusal(error) || error.error === 'InvalidToken' || error.status === 403) {
    return { kind: 'reconnect', status: error.status, problem: said };
  }
  if (error.status === 429) {
    const until =
      retryAfterAt(error.headers?.['retry-after'] ?? null, now) ??
      budgetFrom(error.headers)?.resetAt ??
      now + 5 * 60_000;
    return { kind: 'rate_limited', until: Math.max(until, now), problem: during(said) };
  }
  if (error.status >= 500) {
    return { kind: 'unknown', problem: during(publishProblem('httpStatus', { status: error.status })) };
  }
  return { kind: 'rejected', status: error.status, problem: said };
}

/** Before the record is created nothing can have been posted: an unclear answer is safe to try again. */
export function beforePosting(outcome: NotPublished): NotPublished {
  return outcome.kind === 'unknown' ? { kind: 'offline', problem: outcome.problem } : outcome;
}
