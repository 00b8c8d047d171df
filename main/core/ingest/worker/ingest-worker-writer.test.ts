import { rmSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SourceConfig } from '../../../../shared/sources/source';
import type { Db } from '../../db/open-database';
import { prepareWorkerStore } from '../testing/worker-store';
import { startFeedServer, serve, type FeedServer } from '../testing/feed-server';
import { rssWithItems } from '../testing/hostile-feeds';
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

/** The shared store fixture (two feed sources), removed after each test. */
function prepareStore(): { dir: string; db: Db } {
  const store = prepareWorkerStore('riposte-writer-', [
    ['feed-1', 'One'],
    ['feed-2', 'Two'],
  ]);
  dataDir = store.dir;
  db = store.db;
  return store;
}

const feedJob = (sourceId: string, url: string) => ({
  sourceId,
  roomId: 'room-1',
  config: SourceConfig.parse({ kind: 'feed', url }) as PolledConfig,
  state: { etag: null, lastModified: null, cursor: null },
  credential: null,
});

describe('createIngestWorker with a writer thread', () => {
  it('stores polled items in the writer thread and hands main only their ids', async () => {
    const store = prepareStore();
    feeds = await startFeedServer({
      '/feed': serve(rssWithItems(5), { 'content-type': 'application/rss+xml' }),
    });
    client = createIngestWorker({ dataDir: store.dir, userAgent: 'riposte-writer-test' });

    const first = await client.poll(feedJob('feed-1', feeds.url('/feed')));
    expect(first.result).toEqual({ kind: 'ok' });
    expect(first.items).toEqual([]);
    expect(first.storedIds).toHaveLength(5);
    const rows = store.db
      .prepare<[], { id: number; ext_id: string; duplicate_of: number | null }>(
        "SELECT id, ext_id, duplicate_of FROM items WHERE source_id = 'feed-1' ORDER BY id",
      )
      .all();
    expect(rows.map((row) => row.ext_id)).toEqual(['gen-0', 'gen-1', 'gen-2', 'gen-3', 'gen-4']);
    expect(rows.map((row) => row.id)).toEqual(first.storedIds);
    const found = store.db
      .prepare<[string], { rowid: number }>('SELECT rowid FROM items_fts WHERE items_fts MATCH ?')
      .all('"Item 3"');
    expect(found.map((row) => row.rowid)).toEqual([rows[3]?.id]);

    // The same page again: nothing new is stored or reported.
    const again = await client.poll(feedJob('feed-1', feeds.url('/feed')));
    expect(again.storedIds).toEqual([]);
    // Another source carrying the same links: stored, marked as duplicates of the first rows.
    const other = await client.poll(feedJob('feed-2', feeds.url('/feed')));
    expect(other.storedIds).toHaveLength(5);
    const duplicates = store.db
      .prepare<[], { duplicate_of: number | null }>(
        "SELECT duplicate_of FROM items WHERE source_id = 'feed-2' ORDER BY id",
      )
      .all();
    expect(duplicates.map((row) => row.duplicate_of)).toEqual(rows.map((row) => row.id));
    expect(store.db.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 10 });
  });

  it('sends a large feed to the writer in slices, every row stored once and reported in order', async () => {
    const store = prepareStore();
    // Slices of 100 here (5,000 by default): a huge feed is never one message holding every item.
    feeds = await startFeedServer({
      '/feed': serve(rssWithItems(1_050), { 'content-type': 'application/rss+xml' }),
    });
    client = createIngestWorker({ dataDir: store.dir, userAgent: 'riposte-writer-test', writeSliceItems: 100 });

    const outcome = await client.poll(feedJob('feed-1', feeds.url('/feed')));
    expect(outcome.result).toEqual({ kind: 'ok' });
    const ids = store.db
      .prepare<[], { id: number }>("SELECT id FROM items WHERE source_id = 'feed-1' ORDER BY id")
      .all();
    expect(ids).toHaveLength(1_050);
    expect(outcome.storedIds).toEqual(ids.map((row) => row.id));
  });

  it('fails the pending poll clearly when the writer thread dies, then restarts the pair', async () => {
    const store = prepareStore();
    let releaseFeed: () => void = () => undefined;
    const feedHeld = new Promise<void>((resolve) => {
      releaseFeed = resolve;
    });
    feeds = await startFeedServer({
      '/slow': async (_req, res) => {
        await feedHeld;
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssWithItems(3));
      },
      '/feed': serve(rssWithItems(3), { 'content-type': 'application/rss+xml' }),
    });
    const writers: Worker[] = [];
    const crashes: string[] = [];
    client = createIngestWorker({
      dataDir: store.dir,
      minRestartIntervalMs: 0,
      onWriterStarted: (writer) => writers.push(writer),
      onCrash: (message) => crashes.push(message),
    });
    const pending = client.poll(feedJob('feed-1', feeds.url('/slow')));
    await vi.waitFor(() => expect(writers).toHaveLength(1));
    await writers[0]?.terminate();
    await expect(pending).rejects.toThrow(/stopped unexpectedly \(the item writer thread stopped/);
    expect(crashes).toHaveLength(1);
    releaseFeed();

    const next = await client.poll(feedJob('feed-1', feeds.url('/feed')));
    expect(next.storedIds).toHaveLength(3);
    expect(writers).toHaveLength(2);
  });
  it('stores main’s own items (replay batches) in the writer thread too, in order, deduped', async () => {
    const store = prepareStore();
    client = createIngestWorker({ dataDir: store.dir, userAgent: 'riposte-writer-test' });
    const item = (n: number) => ({
      extId: `replay-${n}`,
      url: null,
      authorHandle: null,
      authorName: null,
      text: `Replayed ${n}`,
      html: null,
      language: 'fr',
      publishedAt: n,
      engagement: {},
      mediaUrls: [],
    });
    const storeItems = client.storeItems;
    if (!storeItems) throw new Error('a writer thread comes with a dataDir');
    const [first, second] = await Promise.all([
      storeItems('room-1', 'feed-1', [item(1), item(2)]),
      storeItems('room-1', 'feed-1', [item(2), item(3)]),
    ]);
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(1);
    const rows = store.db
      .prepare<[], { id: number; ext_id: string }>(
        "SELECT id, ext_id FROM items WHERE source_id = 'feed-1' ORDER BY id",
      )
      .all();
    expect(rows.map((row) => row.ext_id)).toEqual(['replay-1', 'replay-2', 'replay-3']);
    expect([...(first ?? []), ...(second ?? [])]).toEqual(rows.map((row) => row.id));
  });

  it('has no writer thread to store in without a data directory', () => {
    client = createIngestWorker({ userAgent: 'riposte-writer-test' });
    expect(client.storeItems).toBeNull();
  });
});
