import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SourceConfig } from '../../../../shared/sources/source';
import { startFeedServer, serve, type FeedServer } from '../testing/feed-server';
import { rssWithItems } from '../testing/hostile-feeds';
import { makePostEvent, startJetstreamServer, type FakeJetstreamServer } from '../../networks/testing/jetstream-server';
import { makeStatus, startMastodonServer } from '../../networks/testing/mastodon-server';
import { createIngestWorker, type IngestWorker } from './ingest-worker-client';
import type { PolledConfig, StreamConfig, StreamEvent } from './protocol';

let client: IngestWorker | null = null;
let feeds: FeedServer | null = null;
let jetstream: FakeJetstreamServer | null = null;
afterEach(async () => {
  await client?.close();
  await feeds?.close();
  await jetstream?.close();
  client = null;
  feeds = null;
  jetstream = null;
});

const feedJob = (url: string) => ({
  sourceId: 'feed-1',
  roomId: 'room-1',
  config: SourceConfig.parse({ kind: 'feed', url }) as PolledConfig,
  state: { etag: null, lastModified: null, cursor: null },
  credential: null,
});

/** A Jetstream source on `url` that keeps posts saying "finale". */
const jetstreamJob = (sourceId: string, url: string) => ({
  sourceId,
  roomId: 'room-1',
  config: SourceConfig.parse({
    kind: 'bluesky',
    mode: 'jetstream',
    keywords: ['finale'],
    jetstreamUrl: url,
  }) as StreamConfig,
  cursor: null,
  credential: null,
});

describe('createIngestWorker', () => {
  it('polls a feed in a real worker thread', async () => {
    feeds = await startFeedServer({
      '/feed': serve(rssWithItems(5), { 'content-type': 'application/rss+xml', etag: '"e"' }),
    });
    client = createIngestWorker({ userAgent: 'riposte-worker-test' });
    const outcome = await client.poll(feedJob(feeds.url('/feed')));
    expect(outcome).toMatchObject({ sourceId: 'feed-1', result: { kind: 'ok' }, state: { etag: '"e"' } });
    expect(outcome.items.map((item) => item.extId)).toEqual(['gen-0', 'gen-1', 'gen-2', 'gen-3', 'gen-4']);
    expect(feeds.requests[0]?.headers['user-agent']).toBe('riposte-worker-test');
  });

  it('streams Jetstream through the worker across a disconnect without loss or duplicates', async () => {
    const base = 1_750_000_000_000_000;
    const events = Array.from({ length: 40 }, (_, i) =>
      makePostEvent('did:plc:ana', `r${i}`, base + i * 1000, i % 2 === 0 ? `Quelle finale ${i}` : `unrelated ${i}`),
    );
    // The first connection is cut after 15 events; the client resumes from its cursor (rewound 5 s).
    jetstream = await startJetstreamServer({ events, dropAfter: [15] });
    client = createIngestWorker();
    const received: StreamEvent[] = [];
    client.startStream(jetstreamJob('js-1', jetstream.url), (event) => received.push(event));
    const ids = () =>
      received.flatMap((event) => (event.type === 'items' ? event.items.map((item) => item.extId) : []));
    await vi.waitFor(() => expect(ids()).toHaveLength(20), { timeout: 10_000 });
    expect(new Set(ids()).size).toBe(20);
    expect(ids()).toEqual(
      events.filter((_, i) => i % 2 === 0).map((event) => `at://did:plc:ana/app.bsky.feed.post/${event.commit?.rkey}`),
    );
    expect(jetstream.connections).toHaveLength(2);
    expect(jetstream.connections[1]?.cursor).toBeGreaterThan(0);
    const healthStates = received.flatMap((event) => (event.type === 'health' ? [event.state] : []));
    expect(healthStates).toEqual(['ok', 'offline', 'ok']);
    const lastItems = received.filter((event) => event.type === 'items').at(-1);
    // The cursor covers every event handled, matching or not: at least the last matching post.
    const cursor = lastItems?.type === 'items' ? Number(lastItems.cursor) : 0;
    expect(cursor).toBeGreaterThanOrEqual(base + 38 * 1000);
  });

  it('rejects a pending poll clearly when the worker dies, and comes back for the next one', async () => {
    feeds = await startFeedServer({
      '/slow': () => undefined,
      '/feed': serve(rssWithItems(1), { 'content-type': 'application/rss+xml' }),
    });
    const started: { worker: Worker; at: number }[] = [];
    client = createIngestWorker({
      minRestartIntervalMs: 300,
      onWorkerStarted: (worker) => started.push({ worker, at: Date.now() }),
    });
    const pending = client.poll(feedJob(feeds.url('/slow')));
    await vi.waitFor(() => expect(feeds?.requests.map((request) => request.path)).toContain('/slow'), {
      timeout: 10_000,
    });
    await started[0]?.worker.terminate();
    await expect(pending).rejects.toThrow(/The ingest worker stopped unexpectedly \(.+\); this poll did not finish/);

    const next = await client.poll(feedJob(feeds.url('/feed')));
    expect(next.result).toEqual({ kind: 'ok' });
    expect(started).toHaveLength(2);
    // A crash loop cannot spin: the second start waited out the restart interval.
    expect((started[1]?.at ?? 0) - (started[0]?.at ?? 0)).toBeGreaterThanOrEqual(300);
  });

  it('batches Mastodon stream updates, signals the fallback to polling, and stops cleanly', async () => {
    const mastodon = await startMastodonServer();
    try {
      client = createIngestWorker();
      const received: StreamEvent[] = [];
      client.startStream(
        {
          sourceId: 'md-1',
          roomId: 'room-1',
          config: SourceConfig.parse({ kind: 'mastodon', instance: mastodon.origin, tag: 'Final' }) as StreamConfig,
          cursor: '500',
          credential: 'token',
        },
        (event) => received.push(event),
      );
      await mastodon.waitForSubscription('final');
      for (const id of ['501', '502', '503']) mastodon.addStatus('final', makeStatus(id));
      await vi.waitFor(() => expect(received.some((event) => event.type === 'items')).toBe(true));
      const batches = received.filter((event) => event.type === 'items');
      // Posts pushed one by one cross the thread boundary as one batch.
      expect(batches).toHaveLength(1);
      expect(batches[0]).toMatchObject({ cursor: '503' });
      expect(batches[0]?.type === 'items' && batches[0].items.map((item) => item.extId)).toEqual(['501', '502', '503']);
      expect(mastodon.streamTokens).toEqual(['token']);

      mastodon.refuseStreams(true);
      mastodon.dropStreams();
      await vi.waitFor(() => expect(received.some((event) => event.type === 'fallback_to_polling')).toBe(true));
      expect(received.find((event) => event.type === 'fallback_to_polling')).toEqual({
        type: 'fallback_to_polling',
        sourceId: 'md-1',
        minId: '503',
      });
      client.stopStream('md-1');
      const count = received.length;
      mastodon.refuseStreams(false);
      mastodon.addStatus('final', makeStatus('504'));
      await client.close();
      expect(received.slice(count).filter((event) => event.type === 'items')).toEqual([]);
    } finally {
      await mastodon.close();
    }
  });

  it('restarts a stream from its last cursor after the worker dies', async () => {
    const base = 1_750_000_000_000_000;
    const events = Array.from({ length: 10 }, (_, i) =>
      makePostEvent('did:plc:ana', `r${i}`, base + i * 1000, `finale ${i}`),
    );
    jetstream = await startJetstreamServer({ events });
    const workers: Worker[] = [];
    client = createIngestWorker({ minRestartIntervalMs: 0, onWorkerStarted: (worker) => workers.push(worker) });
    const received: StreamEvent[] = [];
    client.startStream(jetstreamJob('js-2', jetstream.url), (event) => received.push(event));
    await vi.waitFor(() => expect(received.some((event) => event.type === 'items')).toBe(true), { timeout: 10_000 });
    await workers[0]?.terminate();
    await jetstream.waitForConnections(2);
    expect(workers).toHaveLength(2);
    // Resumed from the cursor the main side last received (Jetstream rewinds 5 s from it).
    expect(jetstream.connections[1]?.cursor).toBe(Math.max(0, base + 9000 - 5_000_000));
    await vi.waitFor(() =>
      expect(
        received.filter((event) => event.type === 'health').map((event) => event.type === 'health' && event.state),
      ).toEqual(['ok', 'error', 'ok']),
    );
  });
});
