import { z } from 'zod';
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

/** Mastodon's error body: `{"error": "Validation failed: Text character limit of 500 exceeded"}`. */
export function errorText(body: string, status: number): string {
  const parsed = z.object({ error: z.string() }).safeParse(parseJson(body));
  return parsed.success ? parsed.data.error : `The instance answered HTTP ${status}`;
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
export function failureOutcome(answer: Exchange, now: number, what: string): NotPublished {
  if (answer.kind !== 'answered') return { ...answer, reason: `${what}: ${answer.reason}` };
  const { status, headers, body } = answer;
  if (status === 401 || status === 403) {
    return { kind: 'reconnect', status, reason: `${errorText(body, status)}: reconnect the account` };
  }
  if (status === 429) {
    const until = retryAfterAt(headers.get('retry-after'), now) ?? budgetFrom(headers)?.resetAt ?? now + 5 * 60_000;
    return { kind: 'rate_limited', until: Math.max(until, now), reason: `${what}: ${errorText(body, status)}` };
  }
  if (status >= 500 || status === 408 || status === 409) {
    return { kind: 'unknown', reason: `${what}: the instance answered HTTP ${status}` };
  }
  return { kind: 'rejected', status, reason: errorText(body, status) };
}
