import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NormalizedItem } from '../../../../shared/domain/item';
import { createTestFetcher } from '../../net/testing/fetch-polite-fetcher';
import { makeRedditPost, startRedditServer, type FakeRedditServer } from '../testing/reddit-server';
import { createRecordingSanitizer } from '../../sanitize/testing/test-sanitizer';
import { SeenIds } from '../common/seen-ids';
import { pollReddit, type RedditPollInput } from './poll-reddit';

let server: FakeRedditServer;
beforeEach(async () => {
  server = await startRedditServer();
});
afterEach(() => server.close());

const userAgent = 'desktop:riposte-test:0.1.0 (by /u/riposte)';
const poll = (input: Partial<RedditPollInput>) =>
  pollReddit({
    kind: 'subreddit',
    subreddit: 'soccer',
    fetcher: createTestFetcher(),
    userAgent,
    sanitize: createRecordingSanitizer().sanitize,
    baseUrl: server.origin,
    ...input,
  } as RedditPollInput);

describe('pollReddit', () => {
  it('reads /r/{sub}/new.json into items with text, html, engagement and images', async () => {
    server.posts.push(
      makeRedditPost('b2', 'soccer', {
        title: 'Goal & glory',
        preview: { images: [{ source: { url: 'https://preview.redd.it/x.jpg?width=640&s=abc' } }] },
        score: -3,
        num_crossposts: 2,
      }),
      makeRedditPost('a1', 'soccer', {
        selftext_html: null,
        selftext: 'plain **markdown**',
        author: '[deleted]',
        thumbnail: 'https://b.thumbs.redditmedia.com/t.jpg',
      }),
      makeRedditPost('zz', 'other'),
    );
    const result = await poll({});
    expect(server.requests).toEqual([{ path: '/r/soccer/new.json?limit=100&raw_json=1', userAgent }]);
    expect(result).toMatchObject({ ok: true, after: null, rateLimit: { remaining: 99, resetMs: 300_000 } });
    expect(result.retryAfterMs).toBeUndefined();
    const [glory, plain] = result.items;
    expect(glory).toMatchObject({
      extId: 't3_b2',
      url: `${server.origin}/r/soccer/comments/b2/post_b2/`,
      authorHandle: 'u/someone',
      text: 'Goal & glory\n\nBody of b2',
      engagement: { likes: 0, reposts: 2, replies: 4 },
      mediaUrls: ['https://preview.redd.it/x.jpg?width=640&s=abc'],
    });
    expect(glory?.html).toBe('<p><strong>Goal &amp; glory</strong></p><div><p>Body of <em>b2</em></p></div>');
    expect(plain).toMatchObject({
      authorHandle: null,
      html: null,
      text: 'Post a1\n\nplain **markdown**',
      mediaUrls: ['https://b.thumbs.redditmedia.com/t.jpg'],
    });
    expect(plain?.publishedAt).toBe((1_750_000_000 + (Number.parseInt('a1', 36) % 1000)) * 1000);
    for (const item of result.items) expect(NormalizedItem.safeParse(item).success).toBe(true);
  });

  it('searches with sort=new, pages with after, and dedupes by fullname across polls', async () => {
    for (let i = 0; i < 120; i += 1)
      server.posts.push(makeRedditPost(`p${i}`, i % 2 ? 'soccer' : 'france', { title: `Final ${i}` }));
    server.posts.push(makeRedditPost('other', 'soccer', { title: 'unrelated' }));
    const seen = new SeenIds(1000);
    const first = await poll({ kind: 'search', query: 'final', subreddit: undefined, seen });
    expect(server.requests[0]?.path).toBe('/search.json?q=final&sort=new&type=link&limit=100&raw_json=1');
    expect(first.items).toHaveLength(100);
    expect(first.after).toBe('t3_p99');
    const older = await poll({ kind: 'search', query: 'final', subreddit: undefined, after: first.after, seen });
    expect(older.items.map((item) => item.extId)).toEqual(Array.from({ length: 20 }, (_, i) => `t3_p${100 + i}`));
    const again = await poll({ kind: 'search', query: 'final', subreddit: undefined, seen });
    expect(again.items).toEqual([]);
    const restricted = await poll({ kind: 'search', query: 'final', subreddit: 'r/soccer' });
    expect(server.requests.at(-1)?.path).toBe(
      '/r/soccer/search.json?q=final&sort=new&type=link&restrict_sr=1&limit=100&raw_json=1',
    );
    expect(restricted.items).toHaveLength(60);
  });

  it('asks to wait for the window reset when no request is left', async () => {
    server.posts.push(makeRedditPost('a1', 'soccer'));
    server.rateLimit = { remaining: 1, resetSeconds: 42 };
    const result = await poll({});
    expect(result).toMatchObject({ ok: true, retryAfterMs: 42_000, rateLimit: { remaining: 0, resetMs: 42_000 } });
    expect(result.items).toHaveLength(1);
  });

  it('reports 429 with Retry-After (or a default wait), 500 and malformed JSON, keeping the cursor', async () => {
    server.scriptNext(
      { status: 429, headers: { 'retry-after': '12' } },
      { status: 429 },
      { status: 500 },
      { status: 200, body: '<html>' },
      { status: 200, body: '{"kind":"t3"}' },
    );
    expect(await poll({ after: 't3_x' })).toMatchObject({
      ok: false,
      failure: 'rate_limited',
      retryAfterMs: 12_000,
      after: 't3_x',
    });
    expect(await poll({ after: 't3_x' })).toMatchObject({ ok: false, failure: 'rate_limited', retryAfterMs: 60_000 });
    expect(await poll({ after: 't3_x' })).toMatchObject({ ok: false, failure: 'http', after: 't3_x' });
    expect(await poll({ after: 't3_x' })).toMatchObject({ ok: false, failure: 'malformed', after: 't3_x' });
    expect(await poll({ after: 't3_x' })).toMatchObject({ ok: false, failure: 'malformed' });
  });

  it('passes hostile selftext HTML through the sanitizer', async () => {
    const hostile =
      '<div class="md"><p>hi</p><script>alert(1)</script><iframe src="https://evil.example"></iframe><a href="javascript:alert(1)">x</a></div>';
    server.posts.push(makeRedditPost('h1', 'soccer', { title: '<b>t</b>', selftext_html: hostile }));
    const recorder = createRecordingSanitizer();
    const result = await poll({ sanitize: recorder.sanitize });
    expect(recorder.inputs).toEqual([hostile]);
    expect(result.items[0]?.html).toMatch(/^<p><strong>&lt;b&gt;t&lt;\/b&gt;<\/strong><\/p>/);
    expect(result.items[0]?.html).not.toMatch(/script|iframe|javascript:/);
    expect(result.items[0]?.text).toBe('<b>t</b>\n\nhi x');
  });

  it('refuses bad input without a request', async () => {
    expect(await poll({ subreddit: '../admin' })).toMatchObject({ ok: false, failure: 'invalid_input' });
    expect(await poll({ kind: 'search', query: '  ' })).toMatchObject({ ok: false, failure: 'invalid_input' });
    expect(server.requests).toEqual([]);
  });
});
