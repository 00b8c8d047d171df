import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { PublishedLink } from '../../../shared/report/figures';
import { createEngagementFetcher } from './engagement-counts';

let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

async function networkServer(): Promise<string> {
  server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    if (request.url === '/api/v1/statuses/111') {
      response.end(JSON.stringify({ favourites_count: 12, reblogs_count: 3, replies_count: 4 }));
    } else if (request.url?.startsWith('/xrpc/app.bsky.feed.getPosts?uris=at%3A%2F%2Fdid%3Aplc%3Aabc')) {
      response.end(JSON.stringify({ posts: [{ likeCount: 20, repostCount: 5, replyCount: 1 }] }));
    } else {
      response.statusCode = 404;
      response.end('{}');
    }
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server?.address() as AddressInfo).port}`;
}

const link = (fields: Partial<PublishedLink>): PublishedLink => ({
  network: 'mastodon',
  channel: '@marque',
  state: 'published',
  url: null,
  remoteId: null,
  publishedAt: 1,
  waitReason: null,
  failureReason: null,
  failureProblem: null,
  ...fields,
});

describe('counts of the published posts, fetched at export time', () => {
  it('asks Mastodon and Bluesky for favourites, boosts and replies, dated', async () => {
    const base = await networkServer();
    const fetcher = createEngagementFetcher({ blueskyAppView: base });
    const counts = await fetcher(
      [
        link({ url: `${base}/@marque/111`, remoteId: '111' }),
        link({
          network: 'bluesky',
          url: 'https://bsky.app/profile/marque/post/x',
          remoteId: 'at://did:plc:abc/post/x',
        }),
        link({ state: 'failed' }),
      ],
      1234,
    );
    expect(counts).toEqual({
      fetchedAt: 1234,
      status: 'fetched',
      posts: [
        { url: `${base}/@marque/111`, favourites: 12, boosts: 3, replies: 4 },
        { url: 'https://bsky.app/profile/marque/post/x', favourites: 20, boosts: 5, replies: 1 },
      ],
    });
  });

  it('says "offline" (dated) when the network cannot be reached, and "none" with nothing published', async () => {
    const base = await networkServer();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = null;
    const fetcher = createEngagementFetcher({ timeoutMs: 2000 });
    expect(await fetcher([link({ url: `${base}/@marque/111`, remoteId: '111' })], 99)).toEqual({
      fetchedAt: 99,
      status: 'offline',
      posts: [],
    });
    expect(await fetcher([], 99)).toEqual({ fetchedAt: 99, status: 'none', posts: [] });
  });
});
