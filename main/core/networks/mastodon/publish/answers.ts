import { z } from 'zod';
import {
  inStep,
  publishProblem,
  withParams,
  type PublishProblem,
  type PublishProblemParams,
  type PublishStep,
} from '../../../../../shared/publishing/publish-problem';
import type { PublishOutcome, RateBudget } from '../../publishing/publisher';
import { parseJson, retryAfterAt, type Exchange } from '../../publishing/transport';

/** The parts of Mastodon's answers the publisher reads; anything else may change freely. */
export const PostedStatus = z.object({
  id: z.string().min(1),
  created_at: z.string(),
  content: z.string(),
  url: z.string().nullable().optional(),
  uri: z.string().optional(),
});
export type PostedStatus = z.infer<typeof PostedStatus>;

export const Account = z.object({
  id: z.string().min(1),
  acct: z.string(),
  username: z.string(),
  display_name: z.string().nullable().optional(),
  avatar: z.string().nullable().optional(),
});

export const Instance = z.object({
  configuration: z
    .object({
      statuses: z
        .object({
          max_characters: z.number().int().positive().optional(),
          max_media_attachments: z.number().int().nonnegative().optional(),
          characters_reserved_per_url: z.number().int().nonnegative().optional(),
        })
        .optional(),
      media_attachments: z.object({ image_size_limit: z.number().int().positive().optional() }).optional(),
    })
    .optional(),
});

export const Media = z.object({ id: z.string().min(1), url: z.string().nullable().optional() });

export const SearchAnswer = z.object({ statuses: z.array(z.object({ id: z.string().min(1) })) });

/**
 * Mastodon's error body (`{"error": "Validation failed: Text character limit of 500 exceeded"}`):
 * the instance's own words travel as they are, beside the status.
 */
export function serverProblem(body: string, status: number): PublishProblem {
  const parsed = z.object({ error: z.string().min(1) }).safeParse(parseJson(body));
  return parsed.success
    ? publishProblem('serverSaid', { status, detail: parsed.data.error })
    : publishProblem('httpStatus', { status });
}

/** `X-RateLimit-Remaining` and `X-RateLimit-Reset` (an ISO 8601 time). */
export function budgetFrom(headers: Headers): RateBudget | null {
  const remaining = headers.get('x-ratelimit-remaining');
  const reset = headers.get('x-ratelimit-reset');
  if (remaining === null && reset === null) return null;
  const resetAt = reset === null ? NaN : Date.parse(reset);
  const count = remaining === null ? NaN : Number(remaining);
  return {
    remaining: Number.isFinite(count) ? count : null,
    resetAt: Number.isFinite(resetAt) ? resetAt : null,
  };
}

type NotPublished = Exclude<PublishOutcome, { kind: 'published' }>;

/**
 * Every answer that is not a success, as the port's outcomes: a clear 4xx is final, 401/403
 * asks for a reconnect, 429 says until when, and a 5xx or a 409 (the same key still being
 * processed) may have posted.
 */
export function failureOutcome(
  answer: Exchange,
  now: number,
  step: PublishStep,
  stepParams: PublishProblemParams = {},
): NotPublished {
  const doing = (problem: PublishProblem) => inStep(withParams(problem, stepParams), step);
  if (answer.kind !== 'answered') return { ...answer, problem: doing(answer.problem) };
  const { status, headers, body } = answer;
  // A refusal or a reconnect is the instance's own verdict: its words, without the step.
  if (status === 401 || status === 403) return { kind: 'reconnect', status, problem: serverProblem(body, status) };
  if (status === 429) {
    const until = retryAfterAt(headers.get('retry-after'), now) ?? budgetFrom(headers)?.resetAt ?? now + 5 * 60_000;
    return { kind: 'rate_limited', until: Math.max(until, now), problem: doing(serverProblem(body, status)) };
  }
  if (status >= 500 || status === 408 || status === 409) {
    return { kind: 'unknown', problem: doing(publishProblem('httpStatus', { status })) };
  }
  return { kind: 'rejected', status, problem: serverProblem(body, status) };
}
