import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseFeed } from '../ingest/feeds/parse-feed';
import { startFeedServer, serve, type FeedServer } from '../ingest/testing/feed-server';
import {
  BILLION_LAUGHS,
  invalidUtf8Feed,
  NOT_A_FEED_HTML,
  rssWithItems,
  xxeFeed,
} from '../ingest/testing/hostile-feeds';
import { createPoliteFetcher, type ClosablePoliteFetcher } from './polite-fetcher';
import type { PoliteResponse } from './types';

const CORPUS = join(__dirname, '../ingest/testing/corpus/feeds/node-feedparser');
const FEED = rssWithItems(3);
const NOW = Date.UTC(2026, 0, 1, 12);

let server: FeedServer;
let fetcher: ClosablePoliteFetcher;

beforeAll(async () => {
  server = await startFeedServer();
  fetcher = createPoliteFetcher({ now: () => NOW });
});
afterAll(async () => {
  await fetcher.close();
  await server.close();
});

function expectOk(response: PoliteResponse): Extract<PoliteResponse, { status: 'ok' }> {
  if (response.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(response)}`);
  return response;
}

describe('createPoliteFetcher', () => {
  it('sends validators and reads 304 as not modified', async () => {
    server.route('/conditional', (req, res) => {
      if (
        req.headers['if-none-match'] === '"v1"' &&
        req.headers['if-modified-since'] === 'Wed, 01 Jan 2025 00:00:00 GMT'
      ) {
        res.writeHead(304, { 'cache-control': 'max-age=600' }).end();
        return;
      }
      res
        .writeHead(200, {
          'content-type': 'application/rss+xml; charset=utf-8',
          etag: '"v1"',
          'last-modified': 'Wed, 01 Jan 2025 00:00:00 GMT',
          'cache-control': 'public, max-age=99999999',
        })
        .end(FEED);
    });
    const first = expectOk(await fetcher.get({ url: server.url('/conditional') }));
    expect(first).toMatchObject({
      httpStatus: 200,
      etag: '"v1"',
      lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT',
      maxAgeMs: 5 * 3600_000,
    });
    expect(first.body.toString()).toBe(FEED);
    const second = await fetcher.get({
      url: server.url('/conditional'),
      etag: first.etag,
      lastModified: first.lastModified,
    });
    expect(second).toEqual({ status: 'not_modified', finalUrl: server.url('/conditional'), maxAgeMs: 600_000 });
    const sent = server.requests.filter((r) => r.path === '/conditional');
    expect(sent[0]?.headers['user-agent']).toMatch(/^Riposte\//);
    expect(sent[0]?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('follows 301 and 302 to the final URL', async () => {
    server.route('/moved', serve('', { location: '/found' }, 301));
    server.route('/found', serve('', { location: server.url('/feed') }, 302));
    server.route('/feed', serve(FEED, { 'content-type': 'application/rss+xml' }));
    const response = expectOk(await fetcher.get({ url: server.url('/moved') }));
    expect(response.finalUrl).toBe(server.url('/feed'));
    expect(response.contentType).toBe('application/rss+xml');
  });

  it('stops a redirect loop and a redirect chain longer than 5', async () => {
    server.route('/loop-a', serve('', { location: '/loop-b' }, 307));
    server.route('/loop-b', serve('', { location: '/loop-a' }, 308));
    expect(await fetcher.get({ url: server.url('/loop-a') })).toMatchObject({
      status: 'failed',
      kind: 'redirect_loop',
      message: 'The address redirects in a loop',
    });
    for (let i = 0; i < 7; i += 1) server.route(`/hop-${i}`, serve('', { location: `/hop-${i + 1}` }, 303));
    expect(await fetcher.get({ url: server.url('/hop-0') })).toMatchObject({
      kind: 'redirect_loop',
      message: 'The address redirects more than 5 times',
    });
  });

  it('reports 404 and 500 in plain words', async () => {
    server.route('/gone', serve('nope', {}, 404));
    server.route('/broken', serve('oops', {}, 500));
    expect(await fetcher.get({ url: server.url('/gone') })).toEqual({
      status: 'failed',
      kind: 'http',
      httpStatus: 404,
      retryAfterMs: null,
      message: 'The server answered 404 Not Found',
      problem: { code: 'httpStatus', params: { status: '404 Not Found' } },
    });
    expect(await fetcher.get({ url: server.url('/broken') })).toMatchObject({
      kind: 'http',
      httpStatus: 500,
      message: 'The server answered 500 Internal Server Error',
    });
  });

  it('reads Retry-After in seconds and as an HTTP date on 429 and 503', async () => {
    server.route('/slow-down', serve('', { 'retry-after': '120' }, 429));
    server.route('/maintenance', serve('', { 'retry-after': new Date(NOW + 90_000).toUTCString() }, 503));
    expect(await fetcher.get({ url: server.url('/slow-down') })).toEqual({
      status: 'failed',
      kind: 'rate_limited',
      httpStatus: 429,
      retryAfterMs: 120_000,
      message: 'The server answered 429 Too Many Requests; asked us to wait 2 minutes',
      problem: { code: 'rateLimitedWait', params: { status: '429 Too Many Requests', waitMs: 120_000 } },
    });
    expect(await fetcher.get({ url: server.url('/maintenance') })).toMatchObject({
      kind: 'rate_limited',
      httpStatus: 503,
      retryAfterMs: 90_000,
    });
  });

  it('gives up on a server that hangs past the timeout', async () => {
    server.route('/hang', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<rss>'); // ... and never finishes
    });
    const response = await fetcher.get({ url: server.url('/hang'), timeoutMs: 300 });
    expect(response).toMatchObject({
      status: 'failed',
      kind: 'timeout',
      message: 'The server did not answer within 0.3 seconds',
    });
  });

  it('refuses a body over the cap, declared or streamed', async () => {
    const big = Buffer.alloc(4096, 'a');
    server.route('/big-declared', serve(big, { 'content-length': String(big.length) }));
    server.route('/big-streamed', (_req, res) => {
      res.writeHead(200);
      res.write(big.subarray(0, 2048));
      res.end(big.subarray(2048));
    });
    for (const path of ['/big-declared', '/big-streamed']) {
      expect(await fetcher.get({ url: server.url(path), maxBodyBytes: 3000 })).toMatchObject({
        status: 'failed',
        kind: 'too_large',
        message: 'The feed is larger than 3000 bytes',
      });
    }
  });

  it('stops inflating a gzip bomb at 15 MiB', async () => {
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(300 * 1024);
    server.route('/bomb', serve(bomb, { 'content-encoding': 'gzip', 'content-type': 'application/rss+xml' }));
    const heapBefore = process.memoryUsage().arrayBuffers;
    expect(await fetcher.get({ url: server.url('/bomb') })).toMatchObject({
      kind: 'too_large',
      message: 'The feed is larger than 15 MiB',
    });
    expect(process.memoryUsage().arrayBuffers - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('decodes %s bodies', async (encoding, compress) => {
    server.route(`/enc-${encoding}`, serve(compress(Buffer.from(FEED)), { 'content-encoding': encoding }));
    const response = expectOk(await fetcher.get({ url: server.url(`/enc-${encoding}`) }));
    expect(response.body.toString()).toBe(FEED);
  });

  it('names a broken compressed body', async () => {
    server.route('/bad-gzip', serve(Buffer.from('definitely not gzip'), { 'content-encoding': 'gzip' }));
    expect(await fetcher.get({ url: server.url('/bad-gzip') })).toMatchObject({
      kind: 'bad_response',
      message: 'The server sent a broken compressed body',
    });
  });

  it.each([['compressed.xml'], ['invalid-characters-gzipped.xml']])(
    'fetches and parses the gzip corpus body %s',
    async (name) => {
      const body = readFileSync(join(CORPUS, name));
      server.route(`/corpus/${name}`, serve(body, { 'content-encoding': 'gzip', 'content-type': 'text/xml' }));
      const response = expectOk(await fetcher.get({ url: server.url(`/corpus/${name}`) }));
      const parsed = parseFeed(response.body, { url: response.finalUrl, contentType: response.contentType, now: NOW });
      expect(parsed.ok).toBe(true);
      expect(parsed.ok && parsed.items.length).toBeGreaterThan(0);
    },
  );

  it('reports a refused connection as the server being down, not as offline', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    expect(await fetcher.get({ url: `http://127.0.0.1:${port}/feed` })).toEqual({
      status: 'failed',
      kind: 'http',
      httpStatus: null,
      retryAfterMs: null,
      message: 'The server refused the connection: it may be down or the address may be wrong',
      problem: { code: 'connectionRefused', params: {} },
    });
  });

  it('never has more than 2 requests in flight to one host', async () => {
    const waiting: Array<() => void> = [];
    server.route('/held', (_req, res) => {
      waiting.push(() => res.end(FEED));
    });
    const before = server.requests.length;
    const all = Promise.all(Array.from({ length: 6 }, () => fetcher.get({ url: server.url('/held') })));
    for (let released = 0; released < 6; released += 1) {
      // Wait until the server holds as many as the limit allows, then let one go.
      await vi.waitFor(() => expect(waiting.length).toBe(Math.min(2, 6 - released)));
      waiting.shift()?.();
    }
    const results = await all;
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    expect(server.requests.length - before).toBe(6);
    expect(server.maxConcurrent).toBe(2);
  });

  it('carries hostile bodies to the parser without harm', async () => {
    server.route('/laughs', serve(BILLION_LAUGHS, { 'content-type': 'application/rss+xml' }));
    server.route('/xxe', serve(xxeFeed('file:///etc/passwd'), { 'content-type': 'application/rss+xml' }));
    server.route('/html', serve(NOT_A_FEED_HTML, { 'content-type': 'text/html; charset=utf-8' }));
    server.route('/bad-utf8', serve(invalidUtf8Feed(), { 'content-type': 'application/rss+xml; charset=utf-8' }));
    const parse = async (path: string) => {
      const response = expectOk(await fetcher.get({ url: server.url(path) }));
      return parseFeed(response.body, { url: response.finalUrl, contentType: response.contentType, now: NOW });
    };
    expect((await parse('/laughs')).ok).toBe(true);
    expect(JSON.stringify(await parse('/xxe'))).not.toMatch(/root:.*:0:0:/);
    expect(await parse('/html')).toEqual({
      ok: false,
      message: 'This address returned an HTML page, not a feed',
      problem: { code: 'htmlPage', params: {} },
    });
    expect(await parse('/bad-utf8')).toMatchObject({ ok: true, title: 'Café crème' });
  });
});
