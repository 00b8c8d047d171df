import { afterEach, describe, expect, it } from 'vitest';
import { SourceConfig } from '../../../../shared/sources/source';
import { serve, startFeedServer, type FeedServer } from '../testing/feed-server';
import { rssWithItems } from '../testing/hostile-feeds';
import { createIngestWorker, type IngestWorker } from './ingest-worker-client';
import type { PolledConfig } from './protocol';

let client: IngestWorker | null = null;
let feeds: FeedServer | null = null;
afterEach(async () => {
  await client?.close();
  await feeds?.close();
  client = null;
  feeds = null;
});

const feedJob = (sourceId: string, url: string) => ({
  sourceId,
  roomId: 'room-1',
  config: SourceConfig.parse({ kind: 'feed', url }) as PolledConfig,
  state: { etag: null, lastModified: null, cursor: null },
  credential: null,
});

describe('the ingest worker watchdog', () => {
  it('replaces a worker stuck reading one feed, fails only that source and lets the others poll on', async () => {
    // A body whose reading takes far longer than the (shortened) deadline stands in for a
    // parse that never ends: the worker's heartbeat stops while it reads.
    feeds = await startFeedServer({
      '/huge': serve(rssWithItems(120_000, 'Huge'), { 'content-type': 'application/rss+xml' }),
      '/small': serve(rssWithItems(3, 'Small'), { 'content-type': 'application/rss+xml' }),
    });
    const crashes: string[] = [];
    let started = 0;
    client = createIngestWorker({
      userAgent: 'riposte-watchdog-test',
      // Well above a heartbeat gap a loaded machine causes; far below the huge feed's read.
      stuckAfterMs: 500,
      minRestartIntervalMs: 0,
      onCrash: (reason) => crashes.push(reason),
      onWorkerStarted: () => (started += 1),
    });
    const [huge, small] = await Promise.all([
      client.poll(feedJob('huge', feeds.url('/huge'))),
      client.poll(feedJob('small', feeds.url('/small'))),
    ]);
    expect(huge).toMatchObject({
      sourceId: 'huge',
      items: [],
      result: {
        kind: 'failed',
        failure: 'too_slow',
        message: expect.stringMatching(/^This feed took too long to read/),
      },
    });
    expect(small).toMatchObject({ sourceId: 'small', result: { kind: 'ok' } });
    expect(small.items).toHaveLength(3);
    expect(crashes).toEqual([expect.stringMatching(/did not respond for \d+ ms and was replaced/)]);
    // The replacement serves the next polls.
    const again = await client.poll(feedJob('small', feeds.url('/small')));
    expect(again.items).toHaveLength(3);
    expect(started).toBe(2);
  });
});
