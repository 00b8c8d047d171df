import { z } from 'zod';
import type { NormalizedItem } from '../../../../shared/domain/item';
import type { PoliteFetcher } from '../../net/types';
import type { SeenIds } from '../common/seen-ids';
import type { SourcePollFailure } from '../common/poll-failure';
import { defaultSanitize, type SanitizeWithText } from '../../sanitize/sanitizer';
import { RedditPost, normalizeRedditPost } from './reddit-post';
import { said, type HealthProblem } from '../../../../shared/sources/health-problem';

export interface RedditPollInput {
  kind: 'subreddit' | 'search';
  /** Required for 'subreddit'; for 'search' it restricts the search to that subreddit. "a+b" combines several. */
  subreddit?: string;
  /** Required for 'search'. */
  query?: string;
  /** Listing cursor (a fullname) to read the page older than it; absent reads the newest. */
  after?: string | null;
  fetcher: PoliteFetcher;
  /** Reddit blocks generic agents: "desktop:riposte:0.1.0 (by /u/name)". */
  userAgent: string;
  /** Defaults to the app's sanitize-html allow-list. */
  sanitize?: SanitizeWithText;
  /** Fullnames already taken in; new ones are added. Without it only duplicates inside the page are dropped. */
  seen?: SeenIds;
  /** Default https://www.reddit.com; tests point it at a local server. */
  baseUrl?: string;
  signal?: AbortSignal;
}

export interface RedditRateLimit {
  remaining: number;
  /** Until the window resets. */
  resetMs: number;
}

export interface RedditPollResult {
  ok: boolean;
  /** Newest first. */
  items: NormalizedItem[];
  /** The listing's cursor for the next older page; the input one on failure. */
  after: string | null;
  /** Wait this long before the next request: a 429, or a window with no request left. */
  retryAfterMs?: number;
  failure?: SourcePollFailure | 'invalid_input';
  message: string;
  /** Why it failed, in words the health line translates. */
  problem?: HealthProblem;
  rateLimit: RedditRateLimit | null;
}

const Listing = z.object({
  kind: z.literal('Listing'),
  data: z.object({
    after: z.string().nullable().optional(),
    children: z.array(z.object({ kind: z.string(), data: z.unknown() })),
  }),
});

const subredditName = /^[A-Za-z0-9_]{2,21}(\+[A-Za-z0-9_]{2,21})*$/;
const defaultRateLimitWaitMs = 60_000;

export function redditListingUrl(input: RedditPollInput): string | { invalid: string } {
  const base = input.baseUrl ?? 'https://www.reddit.com';
  const subreddit = input.subreddit?.trim().replace(/^\/?r\//i, '');
  if (subreddit !== undefined && subreddit !== '' && !subredditName.test(subreddit)) return { invalid: 'subreddit' };
  let url: URL;
  switch (input.kind) {
    case 'subreddit':
      if (!subreddit) return { invalid: 'subreddit' };
      url = new URL(`/r/${subreddit}/new.json`, base);
      break;
    case 'search': {
      const query = input.query?.trim();
      if (!query) return { invalid: 'query' };
      url = new URL(subreddit ? `/r/${subreddit}/search.json` : '/search.json', base);
      url.searchParams.set('q', query);
      url.searchParams.set('sort', 'new');
      url.searchParams.set('type', 'link');
      if (subreddit) url.searchParams.set('restrict_sr', '1');
      break;
    }
  }
  url.searchParams.set('limit', '100');
  // Without raw_json Reddit HTML-escapes every string (&amp; in URLs, escaped selftext_html).
  url.searchParams.set('raw_json', '1');
  if (input.after) url.searchParams.set('after', input.after);
  return url.toString();
}

export async function pollReddit(input: RedditPollInput): Promise<RedditPollResult> {
  const url = redditListingUrl(input);
  const previousAfter = input.after ?? null;
  if (typeof url !== 'string') {
    return {
      ok: false,
      items: [],
      after: previousAfter,
      failure: 'invalid_input',
      ...said(url.invalid === 'query' ? 'redditNeedsWords' : 'redditInvalidSubreddit'),
      rateLimit: null,
    };
  }
  const response = await input.fetcher.get({
    url,
    headers: { accept: 'application/json', 'user-agent': input.userAgent },
    ...(input.signal ? { signal: input.signal } : {}),
  });
  switch (response.status) {
    case 'not_modified':
      return { ok: true, items: [], after: previousAfter, message: 'No new posts', rateLimit: null };
    case 'failed': {
      const rateLimited = response.kind === 'rate_limited';
      const wait = response.retryAfterMs ?? (rateLimited ? defaultRateLimitWaitMs : null);
      return {
        ok: false,
        items: [],
        after: previousAfter,
        failure: response.kind,
        message: response.message,
        problem: response.problem,
        rateLimit: null,
        ...(wait !== null ? { retryAfterMs: wait } : {}),
      };
    }
    case 'ok': {
      const rateLimit = readRateLimit(response.headers ?? {});
      const waitMs = rateLimit && rateLimit.remaining < 1 ? rateLimit.resetMs : null;
      const read = readListing(response.body, input, new URL(url).origin);
      if (!read) {
        return {
          ok: false,
          items: [],
          after: previousAfter,
          failure: 'malformed',
          ...said('redditNotListing'),
          rateLimit,
          ...(waitMs !== null ? { retryAfterMs: waitMs } : {}),
        };
      }
      return {
        ok: true,
        items: read.items,
        after: read.after,
        message: `${read.items.length} new post${read.items.length === 1 ? '' : 's'}${waitMs !== null ? '; request budget used up, waiting for the window to reset' : ''}`,
        rateLimit,
        ...(waitMs !== null ? { retryAfterMs: waitMs } : {}),
      };
    }
  }
}

function readRateLimit(headers: Record<string, string>): RedditRateLimit | null {
  const remaining = Number.parseFloat(headers['x-ratelimit-remaining'] ?? '');
  const resetSeconds = Number.parseFloat(headers['x-ratelimit-reset'] ?? '');
  if (!Number.isFinite(remaining) || !Number.isFinite(resetSeconds)) return null;
  return { remaining, resetMs: Math.max(0, Math.round(resetSeconds * 1000)) };
}

function readListing(
  body: Buffer,
  input: RedditPollInput,
  webOrigin: string,
): { items: NormalizedItem[]; after: string | null } | null {
  let listing: z.infer<typeof Listing>;
  try {
    const parsed = Listing.safeParse(JSON.parse(body.toString('utf8')));
    if (!parsed.success) return null;
    listing = parsed.data;
  } catch {
    return null;
  }
  const inPage = new Set<string>();
  const items: NormalizedItem[] = [];
  for (const child of listing.data.children) {
    if (child.kind !== 't3') continue;
    const post = RedditPost.safeParse(child.data);
    if (!post.success || inPage.has(post.data.name)) continue;
    inPage.add(post.data.name);
    if (input.seen && !input.seen.addIfNew(post.data.name)) continue;
    const item = normalizeRedditPost(post.data, input.sanitize ?? defaultSanitize, webOrigin);
    if (item) items.push(item);
  }
  return { items, after: listing.data.after ?? null };
}
