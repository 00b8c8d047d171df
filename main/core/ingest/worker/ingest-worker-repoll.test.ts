import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SourceConfig } from '../../../../shared/sources/source';
import type { Db } from '../../db/open-database';
import { prepareWorkerStore } from '../testing/worker-store';
import { startFeedServer, type FeedServer } from '../testing/feed-server';
import { createIngestWorker, type IngestWorker } from './ingest-worker-client';
import type { PolledConfig } from './protocol';

let client: IngestWorker | null = null;
let feeds: FeedServer | null = null;
let db: Db | null = null;
let dataDir: string | null = null;
afterEach(async () => {
  await client?.close();
  await feeds?.close();
  db?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  client = null;
  feeds = null;
  db = null;
  dataDir = null;
});

/** The shared store fixture (one feed source), removed after each test. */
function prepareStore(): { dir: string; db: Db } {
  const store = prepareWorkerStore('riposte-repoll-', [['feed-1', 'One']]);
  dataDir = store.dir;
  db = store.db;
  return store;
}

function rss(entries: ReadonlyArray<readonly [id: string, body: string]>): string {
  const items = entries
    .map(([id, body]) => `<item><title>${id}</title><guid>${id}</guid><description>${body}</description></item>`)
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>${items}</channel></rss>`;
}

describe('re-polling a feed through the ingest worker and its writer thread', () => {
  it('leaves out the entries it stored, reads new and edited ones again, and stores the new', async () => {
    const store = prepareStore();
    // No validators: the server answers 200 with the whole document every time, as many do.
    let body = rss([
      ['a', 'Alpha'],
      ['b', 'Bravo'],
      ['c', 'Charlie'],
    ]);
    feeds = await startFeedServer({
      '/feed': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
      },
    });
    client = createIngestWorker({ dataDir: store.dir, userAgent: 'riposte-repoll-test' });
    const job = {
      sourceId: 'feed-1',
      roomId: 'room-1',
      config: SourceConfig.parse({ kind: 'feed', url: feeds.url('/feed') }) as PolledConfig,
      state: { etag: null, lastModified: null, cursor: null },
      credential: null,
    };
    const storedRows = () =>
      store.db
        .prepare<[], { ext_id: string; text: string }>(
          "SELECT ext_id, text FROM items WHERE source_id = 'feed-1' ORDER BY id",
        )
        .all();

    const first = await client.poll(job);
    expect(first.result).toEqual({ kind: 'ok' });
    expect(first.storedIds).toHaveLength(3);
    expect(first.skipped).toBeUndefined();

    const unchanged = await client.poll(job);
    expect(unchanged.result).toEqual({ kind: 'ok' });
    expect(unchanged.skipped).toBe(3);
    expect(unchanged.storedIds).toEqual([]);

    // One new entry, one edited (same guid, new body), one gone, one as it was.
    body = rss([
      ['d', 'Delta'],
      ['a', 'Alpha'],
      ['b', 'Bravo, corrected'],
    ]);
    const changed = await client.poll(job);
    expect(changed.skipped).toBe(1);
    expect(changed.storedIds).toHaveLength(1);
    // The store dedupes on source + guid and keeps the version it stored first (item-writer.ts).
    expect(storedRows()).toEqual([
      { ext_id: 'a', text: 'a Alpha' },
      { ext_id: 'b', text: 'b Bravo' },
      { ext_id: 'c', text: 'c Charlie' },
      { ext_id: 'd', text: 'd Delta' },
    ]);

    // The edit read once is now known as it is: the next poll leaves all three out.
    const settled = await client.poll(job);
    expect(settled.skipped).toBe(3);
    expect(settled.storedIds).toEqual([]);
  });

  it('reads a source in full again after the worker was replaced (its memory went with it)', async () => {
    const store = prepareStore();
    feeds = await startFeedServer({
      '/feed': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([['a', 'Alpha']]));
      },
    });
    const job = {
      sourceId: 'feed-1',
      roomId: 'room-1',
      config: SourceConfig.parse({ kind: 'feed', url: feeds.url('/feed') }) as PolledConfig,
      state: { etag: null, lastModified: null, cursor: null },
      credential: null,
    };
    client = createIngestWorker({ dataDir: store.dir, userAgent: 'riposte-repoll-test' });
    expect((await client.poll(job)).storedIds).toHaveLength(1);
    await client.close();
    client = createIngestWorker({ dataDir: store.dir, userAgent: 'riposte-repoll-test' });
    const fresh = await client.poll(job);
    expect(fresh.skipped).toBeUndefined();
    expect(fresh.storedIds).toEqual([]);
  });
});
