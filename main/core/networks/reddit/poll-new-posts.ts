import type { NormalizedItem } from '../../../../shared/domain/item';
import { pollReddit, type RedditPollInput, type RedditPollResult } from './poll-reddit';

export interface RedditNewPostsInput extends Omit<RedditPollInput, 'after' | 'seen'> {
  /** Fullname (t3_…) of the newest post already taken in; null on the first poll. */
  newestSeen: string | null;
  /** Pages read in one poll when more than one page of posts is new. Default 3 (300 posts). */
  maxPages?: number;
}

export interface RedditNewPostsResult extends Omit<RedditPollResult, 'after'> {
  /** Pass back as `newestSeen` next time; unchanged on failure or when nothing was new. */
  newestSeen: string | null;
}

/**
 * Only posts newer than the last one taken in. Reddit ids are sequential base-36 numbers, so
 * "newer" is decided by comparing ids, never with `before=`, which answers an empty page
 * forever once the post it names is deleted. The newest page is read each poll; older pages
 * are followed only while every post on a page is new (a burst bigger than one page).
 */
export async function pollRedditNewPosts(input: RedditNewPostsInput): Promise<RedditNewPostsResult> {
  const maxPages = input.newestSeen === null ? 1 : Math.max(1, input.maxPages ?? 3);
  const items: NormalizedItem[] = [];
  let after: string | null = null;
  let last: RedditPollResult | null = null;
  let reachedSeen = input.newestSeen === null;
  for (let page = 0; page < maxPages; page += 1) {
    const result = await pollReddit({ ...input, after });
    if (!result.ok) {
      // A later page failing would leave a hole under posts already counted: report it and read it all again next time.
      return { ...withoutAfter(result), items: [], newestSeen: input.newestSeen };
    }
    last = result;
    for (const item of result.items) {
      if (input.newestSeen !== null && compareFullnames(item.extId, input.newestSeen) <= 0) reachedSeen = true;
      else items.push(item);
    }
    after = result.after;
    if (reachedSeen || after === null || (result.retryAfterMs ?? 0) > 0) break;
  }
  let newestSeen = input.newestSeen;
  for (const item of items)
    if (newestSeen === null || compareFullnames(item.extId, newestSeen) > 0) newestSeen = item.extId;
  const skippedNote =
    !reachedSeen && after !== null && input.newestSeen !== null
      ? `; more than ${maxPages} pages were new, older ones were skipped`
      : '';
  const rest = withoutAfter(last ?? { ok: true, items: [], after: null, message: '', rateLimit: null });
  const waitNote = rest.retryAfterMs !== undefined ? '; request budget used up, waiting for the window to reset' : '';
  return {
    ...rest,
    items,
    newestSeen,
    message: `${items.length} new post${items.length === 1 ? '' : 's'}${skippedNote}${waitNote}`,
  };
}

function withoutAfter(result: RedditPollResult): Omit<RedditPollResult, 'after'> {
  const { after, ...rest } = result;
  void after;
  return rest;
}

/** Orders Reddit fullnames (t3_abc) by their base-36 id: longer is newer, then digit by digit. */
export function compareFullnames(a: string, b: string): number {
  const idA = a.replace(/^t\d_/, '').toLowerCase();
  const idB = b.replace(/^t\d_/, '').toLowerCase();
  if (idA.length !== idB.length) return idA.length - idB.length;
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}
