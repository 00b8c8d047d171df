import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NormalizedItem } from '../../../../shared/domain/item';
import { makePostView, startBlueskyServer, type FakeBlueskyServer } from '../testing/bluesky-server';
import { createTestFetcher } from '../../net/testing/fetch-polite-fetcher';
import { searchBlueskyPosts, type BlueskySearchInput } from './search-posts';

let server: FakeBlueskyServer;
beforeEach(async () => {
  server = await startBlueskyServer({ identifier: 'me.bsky.social', password: 'app-pass' });
});
afterEach(() => server.close());

const search = (extra: Partial<BlueskySearchInput> = {}) =>
  searchBlueskyPosts({
    service: server.origin,
    handle: 'me.bsky.social',
    appPassword: 'app-pass',
    query: '#final',
    fetcher: createTestFetcher(),
    ...extra,
  });

describe('searchBlueskyPosts', () => {
  it('logs in, searches the latest posts and pages with the cursor', async () => {
    server.posts.push(
      makePostView('did:plc:ana', 'p1', 'first', {
        embed: {
          $type: 'app.bsky.embed.images#view',
          images: [{ thumb: 'https://cdn.example/t.jpg', fullsize: 'https://cdn.example/f.jpg', alt: '' }],
        },
      }),
      makePostView('did:plc:ana', 'p2', 'second'),
    );
    const first = await search({ limit: 1, since: Date.UTC(2025, 5, 1) });
    expect(first).toMatchObject({ ok: true, cursor: '1', session: { accessJwt: 'jwt-0', did: 'did:plc:me' } });
    expect(first.items).toEqual([
      {
        extId: 'at://did:plc:ana/app.bsky.feed.post/p1',
        url: 'https://bsky.app/profile/did:plc:ana/post/p1',
        authorHandle: 'ana.bsky.social',
        authorName: 'Ana',
        text: 'first',
        html: null,
        language: 'en',
        publishedAt: Date.UTC(2025, 5, 1, 20),
        engagement: { likes: 5, reposts: 3, replies: 1 },
        mediaUrls: ['https://cdn.example/f.jpg'],
      },
    ]);
    expect(NormalizedItem.safeParse(first.items[0]).success).toBe(true);
    expect(server.requests[1]?.path).toBe(
      '/xrpc/app.bsky.feed.searchPosts?q=%23final&sort=latest&limit=1&since=2025-06-01T00%3A00%3A00.000Z',
    );
    const second = await search({ limit: 1, cursor: first.cursor, session: first.session });
    expect(second.items.map((item) => item.text)).toEqual(['second']);
    expect(second.cursor).toBeNull();
    expect(server.logins).toBe(1);
  });

  it('logs in again once when the kept token has expired', async () => {
    const first = await search();
    server.expireTokens();
    const second = await search({ session: first.session });
    expect(second).toMatchObject({ ok: true, session: { accessJwt: 'jwt-1' } });
    expect(server.logins).toBe(2);
  });

  it('reports a wrong app password as an auth failure', async () => {
    expect(await search({ appPassword: 'wrong' })).toMatchObject({ ok: false, failure: 'auth', session: null });
  });

  it('reports 429 with Retry-After, 500 and malformed answers, keeping the cursor', async () => {
    const { session } = await search();
    server.scriptNext(
      { status: 429, headers: { 'retry-after': '30' } },
      { status: 502 },
      { status: 200, body: '{"posts": 3}' },
    );
    expect(await search({ session, cursor: 'c' })).toMatchObject({
      ok: false,
      failure: 'rate_limited',
      retryAfterMs: 30_000,
      cursor: 'c',
    });
    expect(await search({ session, cursor: 'c' })).toMatchObject({ ok: false, failure: 'http', cursor: 'c' });
    expect(await search({ session, cursor: 'c' })).toMatchObject({ ok: false, failure: 'malformed', cursor: 'c' });
  });
});
