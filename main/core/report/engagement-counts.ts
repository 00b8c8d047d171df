import { z } from 'zod';
import type { EngagementCounts, PostCounts, PublishedLink } from '../../../shared/report/figures';

/**
 * The counts the published posts got (favourites, boosts or reposts, replies), asked of
 * each network when an export is made, and dated: they keep growing after the event.
 * Offline, the export goes on without them and says so ("not fetched: offline", dated).
 */
export type EngagementFetcher = (links: readonly PublishedLink[], now: number) => Promise<EngagementCounts>;

export interface EngagementFetcherOptions {
  fetch?: typeof fetch;
  /** Bluesky's public AppView; tests point it at a local server. */
  blueskyAppView?: string;
  timeoutMs?: number;
}

const MastodonStatus = z.object({
  favourites_count: z.number(),
  reblogs_count: z.number(),
  replies_count: z.number(),
});
const BlueskyPosts = z.object({
  posts: z.array(
    z.object({
      likeCount: z.number().optional(),
      repostCount: z.number().optional(),
      replyCount: z.number().optional(),
    }),
  ),
});

/** A failure to reach the network at all, as opposed to an answer we could not use. */
class Unreachable extends Error {}

export function createEngagementFetcher(options: EngagementFetcherOptions = {}): EngagementFetcher {
  const get = options.fetch ?? fetch;
  const appView = options.blueskyAppView ?? 'https://public.api.bsky.app';
  const timeoutMs = options.timeoutMs ?? 5_000;
  const json = async (url: string): Promise<unknown> => {
    let response: Response;
    try {
      response = await get(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    } catch (error) {
      throw new Unreachable(error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) return null;
    return (await response.json()) as unknown;
  };
  const countsOf = async (link: PublishedLink): Promise<PostCounts | null> => {
    if (!link.url || !link.remoteId) return null;
    if (link.network === 'mastodon') {
      const status = MastodonStatus.safeParse(
        await json(`${new URL(link.url).origin}/api/v1/statuses/${encodeURIComponent(link.remoteId)}`),
      );
      if (!status.success) return null;
      return {
        url: link.url,
        favourites: status.data.favourites_count,
        boosts: status.data.reblogs_count,
        replies: status.data.replies_count,
      };
    }
    if (link.network === 'bluesky') {
      const found = BlueskyPosts.safeParse(
        await json(`${appView}/xrpc/app.bsky.feed.getPosts?uris=${encodeURIComponent(link.remoteId)}`),
      );
      const post = found.success ? found.data.posts[0] : undefined;
      if (!post) return null;
      return {
        url: link.url,
        favourites: post.likeCount ?? null,
        boosts: post.repostCount ?? null,
        replies: post.replyCount ?? null,
      };
    }
    return null;
  };
  return async (links, now) => {
    const published = links.filter((link) => link.state === 'published' && link.url && link.remoteId);
    if (published.length === 0) return { fetchedAt: now, status: 'none', posts: [] };
    const posts: PostCounts[] = [];
    try {
      for (const link of published) {
        const counts = await countsOf(link);
        if (counts) posts.push(counts);
      }
    } catch (error) {
      if (error instanceof Unreachable) return { fetchedAt: now, status: 'offline', posts: [] };
      throw error;
    }
    return { fetchedAt: now, status: 'fetched', posts };
  };
}
