import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NormalizedItem } from '../../../../shared/domain/item';
import { SourceConfig } from '../../../../shared/sources/source';
import { createPoliteFetcher, type ClosablePoliteFetcher } from '../../net/polite-fetcher';
import { startFeedServer, serve, type FeedServer } from '../testing/feed-server';
import { NOT_A_FEED_HTML, rssWithItems } from '../testing/hostile-feeds';
import { makePostView, startBlueskyServer } from '../../networks/testing/bluesky-server';
import { makeStatus, startMastodonServer } from '../../networks/testing/mastodon-server';
import { makeRedditPost, startRedditServer } from '../../networks/testing/reddit-server';
import type { BlueskySessionMemory } from './poll-bluesky-search';
import { pollSource, type PollDeps } from './poll-source';
import type { PollJob, PolledConfig } from './protocol';

const NOW = Date.UTC(2025, 5, 1, 21, 0, 0);
let fetcher: ClosablePoliteFetcher;
beforeEach(() => {
  fetcher = createPoliteFetcher({ now: () => NOW, userAgent: 'riposte-test' });
});
afterEach(async () => {
  await fetcher.close();
});

const deps = (extra: Partial<PollDeps> = {}): PollDeps => ({
  fetcher,
  now: () => NOW,
  userAgent: 'riposte-test',
  ...extra,
});
const job = (config: unknown, state: Partial<PollJob['state']> = {}, credential: string | null = null): PollJob => ({
  sourceId: 'src-1',
  roomId: 'room-1',
  config: SourceConfig.parse(config) as PolledConfig,
  state: { etag: null, lastModified: null, cursor: null, ...state },
  credential,
});

describe('pollSource: feeds', () => {
  let server: FeedServer;
  beforeEach(async () => {
    server = await startFeedServer();
  });
  afterEach(() => server.close());

  it('reads a feed, keeps its validators, and answers not_modified to a conditional GET', async () => {
    server.route('/feed', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      res
        .writeHead(200, {
          'content-type': 'application/rss+xml',
          etag: '"v1"',
          'last-modified': 'Sun, 01 Jun 2025 20:00:00 GMT',
          'cache-control': 'max-age=120',
        })
        .end(rssWithItems(3));
    });
    const first = await pollSource(job({ kind: 'feed', url: server.url('/feed') }), deps());
    expect(first).toMatchObject({
      sourceId: 'src-1',
      result: { kind: 'ok' },
      state: { etag: '"v1"', lastModified: 'Sun, 01 Jun 2025 20:00:00 GMT', cursor: null },
      maxAgeMs: 120_000,
      retryAfterMs: null,
      hasMore: false,
    });
    expect(first.items).toHaveLength(3);
    for (const item of first.items) expect(NormalizedItem.safeParse(item).success).toBe(true);

    const second = await pollSource({ ...job({ kind: 'feed', url: server.url('/feed') }), state: first.state }, deps());
    expect(second).toMatchObject({ result: { kind: 'not_modified' }, items: [], state: first.state });
    expect(server.requests[1]?.headers['if-modified-since']).toBe('Sun, 01 Jun 2025 20:00:00 GMT');
  });

  it('reports a 404 in plain words and keeps the old validators', async () => {
    const outcome = await pollSource(job({ kind: 'feed', url: server.url('/missing') }, { etag: '"old"' }), deps());
    expect(outcome.result).toEqual({
      kind: 'failed',
      failure: 'http',
      message: 'The server answered 404 Not Found',
      problem: { code: 'httpStatus', params: { status: '404 Not Found' } },
    });
    expect(outcome.state.etag).toBe('"old"');
    expect(outcome.items).toEqual([]);
  });

  it('reports a page that is not a feed with the parser message, without keeping its validators', async () => {
    server.route('/blog', serve(NOT_A_FEED_HTML, { 'content-type': 'text/html', etag: '"page"' }));
    const outcome = await pollSource(job({ kind: 'feed', url: server.url('/blog') }), deps());
    expect(outcome.result).toEqual({
      kind: 'failed',
      failure: 'malformed',
      message: 'This address returned an HTML page, not a feed',
      problem: { code: 'htmlPage', params: {} },
    });
    expect(outcome.state.etag).toBeNull();
  });

  it('reads a broken feed as the real web serves it: recovered, relative links against Content-Location', async () => {
    const broken =
      '<rss version="2.0"><channel><title>Desk</title>' +
      '<item><title>AT&T and the vote</title><link>posts/1</link><guid>1</guid></item>' +
      '<item><title>Cut off</title><link>posts/2</link>';
    server.route(
      '/cdn/feed',
      serve(broken, { 'content-type': 'application/rss+xml', 'content-location': '/news/feed.xml' }),
    );
    const outcome = await pollSource(job({ kind: 'feed', url: server.url('/cdn/feed') }), deps());
    expect(outcome.result).toEqual({
      kind: 'ok',
      notices: [{ key: 'recoveredMalformed', params: { count: 1, line: 1, cut: 1 } }],
    });
    expect(outcome.items.map((item) => [item.title, item.url])).toEqual([
      ['AT&T and the vote', server.url('/news/posts/1')],
    ]);
  });

  it('refuses to poll a Jetstream source', async () => {
    const outcome = await pollSource(job({ kind: 'bluesky', mode: 'jetstream', keywords: ['final'] }), deps());
    expect(outcome.result).toMatchObject({ kind: 'failed', failure: 'invalid_input' });
  });
});

describe('pollSource: Mastodon', () => {
  it('reads the tag from min_id and only new posts on the next poll', async () => {
    const server = await startMastodonServer();
    try {
      server.addStatus('final', makeStatus('101'));
      server.addStatus('final', makeStatus('102'));
      const config = { kind: 'mastodon', instance: server.origin, tag: '#Final' };
      const first = await pollSource(job(config, {}, 'token'), deps());
      expect(first).toMatchObject({ result: { kind: 'ok' }, state: { cursor: '102' }, hasMore: false });
      expect(first.items.map((item) => item.extId)).toEqual(['102', '101']);
      server.addStatus('final', makeStatus('103'));
      const second = await pollSource(job(config, first.state), deps());
      expect(second.items.map((item) => item.extId)).toEqual(['103']);
      expect(server.requests.at(-1)).toBe('/api/v1/timelines/tag/final?min_id=102&limit=40');
      server.scriptNext({ status: 429, headers: { 'retry-after': '30' } });
      const limited = await pollSource(job(config, second.state), deps());
      expect(limited).toMatchObject({ result: { kind: 'failed', failure: 'rate_limited' }, retryAfterMs: 30_000 });
      expect(limited.state.cursor).toBe('103');
    } finally {
      await server.close();
    }
  });
});

describe('pollSource: Reddit', () => {
  it('takes only posts newer than the last one seen and reads rate-limit headers through the real fetcher', async () => {
    const server = await startRedditServer();
    try {
      server.posts.push(makeRedditPost('b2', 'soccer'), makeRedditPost('b1', 'soccer'));
      const config = { kind: 'reddit', mode: 'subreddit', subreddit: 'r/soccer' };
      const withServer = deps({ redditBaseUrl: server.origin });
      const first = await pollSource(job(config), withServer);
      expect(first).toMatchObject({ result: { kind: 'ok' }, state: { cursor: 't3_b2' }, retryAfterMs: null });
      expect(first.items.map((item) => item.extId)).toEqual(['t3_b2', 't3_b1']);
      expect(server.requests[0]?.userAgent).toBe('riposte-test');

      // A burst bigger than one page: the older pages are followed down to the last post seen.
      const burst = Array.from({ length: 150 }, (_, i) =>
        makeRedditPost((36 ** 2 * 2 + 149 - i).toString(36), 'soccer'),
      );
      server.posts.unshift(...burst);
      server.rateLimit = { remaining: 2, resetSeconds: 42 };
      const second = await pollSource(job(config, first.state), withServer);
      expect(second.items).toHaveLength(150);
      expect(new Set(second.items.map((item) => item.extId)).size).toBe(150);
      expect(second.state.cursor).toBe(burst[0]?.name);
      // Two requests spent the last of the window: the server's reset is the wait.
      expect(second.retryAfterMs).toBe(42_000);

      const third = await pollSource(job(config, second.state), withServer);
      expect(third.items).toEqual([]);
      expect(third.state.cursor).toBe(second.state.cursor);
    } finally {
      await server.close();
    }
  });
});

describe('pollSource: Bluesky search', () => {
  it('logs in once per source, then reads only posts newer than the cursor', async () => {
    const server = await startBlueskyServer({ identifier: 'me.bsky.social', password: 'app-pass' });
    try {
      const at = (iso: string) => ({ createdAt: iso });
      const post = (rkey: string, iso: string) =>
        makePostView('did:plc:ana', rkey, `Final ${rkey}`, {
          record: { $type: 'app.bsky.feed.post', text: `Final ${rkey}`, langs: ['fr'], ...at(iso) },
          indexedAt: iso,
        });
      server.posts.push(post('b', '2025-06-01T20:00:02.000Z'), post('a', '2025-06-01T20:00:01.000Z'));
      const config = {
        kind: 'bluesky',
        mode: 'search',
        keywords: ['final'],
        handle: 'me.bsky.social',
        service: server.origin,
      };
      const sessions: BlueskySessionMemory = new Map();
      const first = await pollSource(job(config, {}, 'app-pass'), deps({ blueskySessions: sessions }));
      expect(first.result).toEqual({ kind: 'ok' });
      expect(first.items.map((item) => item.extId)).toEqual([
        'at://did:plc:ana/app.bsky.feed.post/b',
        'at://did:plc:ana/app.bsky.feed.post/a',
      ]);
      server.posts.unshift(post('c', '2025-06-01T20:00:03.000Z'));
      const second = await pollSource(job(config, first.state, 'app-pass'), deps({ blueskySessions: sessions }));
      expect(second.items.map((item) => item.extId)).toEqual(['at://did:plc:ana/app.bsky.feed.post/c']);
      expect(server.logins).toBe(1);
      expect(server.requests.at(-1)?.path).toContain('since=2025-06-01T20%3A00%3A02.000Z');

      const wrong = await pollSource(job(config, {}, 'bad'), deps({ blueskySessions: sessions }));
      expect(wrong.result).toMatchObject({ kind: 'failed', failure: 'auth' });
      const noPassword = await pollSource(job(config), deps());
      expect(noPassword.result).toMatchObject({ kind: 'failed', failure: 'auth' });
    } finally {
      await server.close();
    }
  });
});
