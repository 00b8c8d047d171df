/**
 * Ingest benchmark: 200k items through the whole pipeline — a local HTTP server serves them as
 * JSON Feed pages (one per source), and the core's scheduler polls them through the real ingest
 * worker (fetch → parse → sanitize) and writer thread (dedupe → batched writes with FTS), then
 * health and batched pushes on main — beside raw better-sqlite3 batch inserts of the same rows
 * into the same tables (FTS by the same triggers, hashtag rows as the writer writes them), in
 * the same run. Also the main event loop's delay while ingesting. Prints one JSON object per line.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../main/core/create-core';
import { createSession } from '../../main/core/session/session';
import { migrate } from '../../main/core/db/migrate';
import { withOwnHashtagRows } from '../../main/core/db/store-functions';
import { hashtagRowsWriter } from '../../main/core/items/hashtag-rows';
import { canonicalUrl } from '../../shared/domain/canonical-url';
import type { NormalizedItem } from '../../shared/domain/item';
import { syntheticItems } from './synthetic-items';

const json = process.argv.includes('--json');
const total = Number(process.env.BENCH_ITEMS ?? 200_000);
const pageSize = 500;
const sourceCount = Math.ceil(total / pageSize);

function print(result: Record<string, unknown>) {
  if (json) console.log(JSON.stringify(result));
  else
    console.log(
      Object.entries(result)
        .map(([key, value]) => `${key}=${String(value)}`)
        .join('  '),
    );
}

function rawInsert(items: NormalizedItem[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'riposte-bench-raw-'));
  const db = new Database(join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  db.prepare("INSERT INTO rooms VALUES ('r', 'Bench', 0, 1, 'UTC', 'fr', NULL, 0, 0)").run();
  const insertSource = db.prepare(
    "INSERT INTO sources (id, room_id, kind, label, config, created_at, updated_at) VALUES (?, 'r', 'feed', ?, '{}', 0, 0)",
  );
  for (let index = 0; index < sourceCount; index++) insertSource.run(`s${index}`, `s${index}`);
  const insert = db.prepare(
    `INSERT INTO items (room_id, source_id, ext_id, url, canonical_url, author_handle, author_name, text, html,
       language, published_at, fetched_at, likes, reposts, replies, engagement, media, has_media)
     VALUES ('r', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // The same rows the pipeline stores, canonical URL included (computed before the clock starts).
  const canonical = items.map((item) => canonicalUrl(item.url));
  // Hashtag rows written the way the item writer writes them.
  const addHashtags = hashtagRowsWriter(db);
  let row = 0;
  const batch = db.transaction((page: NormalizedItem[], sourceId: string) => {
    for (const item of page) {
      const result = insert.run(
        sourceId,
        item.extId,
        item.url,
        canonical[row++] ?? null,
        item.authorHandle,
        item.authorName,
        item.text,
        item.html,
        item.language,
        item.publishedAt,
        0,
        item.engagement.likes ?? null,
        item.engagement.reposts ?? null,
        null,
        (item.engagement.likes ?? 0) + (item.engagement.reposts ?? 0),
        item.mediaUrls.length ? JSON.stringify(item.mediaUrls) : null,
        item.mediaUrls.length ? 1 : 0,
      );
      addHashtags('r', Number(result.lastInsertRowid), item.publishedAt, item.text);
    }
  });
  const started = performance.now();
  for (let page = 0; page < sourceCount; page++) {
    const rows = items.slice(page * pageSize, (page + 1) * pageSize);
    withOwnHashtagRows(db, () => batch(rows, `s${page}`));
  }
  const elapsed = performance.now() - started;
  // The peer pays for every index the pipeline's rows get.
  if (!db.prepare('SELECT 1 FROM item_hashtags LIMIT 1').get()) throw new Error('The raw peer wrote no hashtag rows');
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return total / (elapsed / 1000);
}

/** One JSON Feed page per source, serialized before the clock starts. */
function jsonFeedPages(items: NormalizedItem[]): Buffer[] {
  const pages: Buffer[] = [];
  for (let page = 0; page < sourceCount; page++) {
    const entries = items.slice(page * pageSize, (page + 1) * pageSize).map((item) => ({
      id: item.extId,
      ...(item.url !== null ? { url: item.url } : {}),
      ...(item.html !== null ? { content_html: item.html } : { content_text: item.text }),
      date_published: new Date(item.publishedAt).toISOString(),
      authors: [{ name: item.authorName ?? 'anonymous' }],
      ...(item.language !== null ? { language: item.language } : {}),
      ...(item.mediaUrls.length > 0 ? { image: item.mediaUrls[0] } : {}),
    }));
    const feed = { version: 'https://jsonfeed.org/version/1.1', title: `Feed ${page}`, items: entries };
    pages.push(Buffer.from(JSON.stringify(feed)));
  }
  return pages;
}

/** One item from outside the measured set: polled first so both threads are up when the clock starts. */
const warmUpPage = Buffer.from(
  JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Warm-up',
    items: [{ id: 'warm-up', content_text: 'échauffement', date_published: '2026-07-19T18:00:00Z' }],
  }),
);

async function serveFeeds(pages: Buffer[]): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const page = req.url === '/warm-up' ? warmUpPage : pages[Number(/^\/feed\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1)];
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/feed+json', 'cache-control': 'max-age=3600' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function pipeline(pages: Buffer[]): Promise<{ itemsPerSec: number; lagP99Ms: number; lagMaxMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'riposte-bench-pipeline-'));
  const feeds = await serveFeeds(pages);
  // No ingestRuntime: the core starts the real ingest worker and writer thread (from source, with tsx).
  const core = createCore({ dataDir: dir, shell: 'serve', version: 'bench', seedDemo: false, startIngest: false });
  // The benchmark is one connection, as a window would be; none of its calls act as a person.
  const session = createSession();
  const room = await core.dispatch(
    'rooms.create',
    {
      name: 'Bench',
      startsAt: 0,
      endsAt: 1,
      timeZone: 'UTC',
      language: 'fr',
    },
    session,
  );
  if (!room.ok) throw new Error(room.message);
  const roomId = (room.value as { id: string }).id;

  let stored = 0;
  let reachedTotal: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    reachedTotal = resolve;
  });
  core.events.subscribe((event, payload) => {
    if (event !== 'items.added') return;
    stored += (payload as { count: number }).count;
    if (stored >= total) reachedTotal();
  });

  // Sources are added paused so every poll starts together when the clock starts.
  const ids: string[] = [];
  for (let index = 0; index < sourceCount; index++) {
    const added = await core.dispatch(
      'sources.add',
      {
        roomId,
        label: `Feed ${index}`,
        config: { kind: 'feed', url: `${feeds.origin}/feed/${index}` },
      },
      session,
    );
    if (!added.ok) throw new Error(added.message);
    const id = (added.value as { id: string }).id;
    await core.dispatch('sources.pause', { id }, session);
    ids.push(id);
  }

  // Start the ingest worker and writer thread (tsx compiles them from source) before the clock.
  const warmUp = await core.dispatch(
    'sources.add',
    {
      roomId,
      label: 'Warm-up',
      config: { kind: 'feed', url: `${feeds.origin}/warm-up` },
    },
    session,
  );
  if (!warmUp.ok) throw new Error(warmUp.message);
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (stored === 0) return;
      clearInterval(check);
      resolve();
    }, 20);
  });
  stored = 0;

  // Event-loop delay: how late a 10 ms timer fires while ingesting.
  const delays: number[] = [];
  let expected = performance.now() + 10;
  const probe = setInterval(() => {
    const at = performance.now();
    delays.push(Math.max(0, at - expected));
    expected = at + 10;
  }, 10);
  const started = performance.now();
  for (const id of ids) await core.dispatch('sources.resume', { id }, session);
  await done;
  const elapsed = performance.now() - started;
  clearInterval(probe);
  delays.sort((a, b) => a - b);
  // Every row is there (the warm-up item included), and no more.
  const rows = (core.db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
  if (rows !== total + 1) throw new Error(`The pipeline stored ${rows} rows, expected ${total}`);
  await core.close();
  await feeds.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    itemsPerSec: total / (elapsed / 1000),
    lagP99Ms: delays[Math.floor(delays.length * 0.99)] ?? 0,
    lagMaxMs: delays.at(-1) ?? 0,
  };
}

const items = syntheticItems(total);
const raw = rawInsert(items);
const piped = await pipeline(jsonFeedPages(items));
const ratio = piped.itemsPerSec / raw;
print({
  bench: 'ingest',
  items: total,
  pipeline: 'HTTP JSON Feed → ingest worker (parse, sanitize) → writer thread (dedupe, FTS) → main (health, pushes)',
  itemsPerSec: Math.round(piped.itemsPerSec),
  peer: 'raw better-sqlite3 batch insert (same tables, FTS and hashtag index)',
  peerItemsPerSec: Math.round(raw),
  ratio: Number(ratio.toFixed(3)),
  target: 0.7,
  pass: ratio >= 0.7,
});
print({
  bench: 'ingest-event-loop-lag',
  p99Ms: Number(piped.lagP99Ms.toFixed(2)),
  maxMs: Number(piped.lagMaxMs.toFixed(2)),
  limitMs: 20,
  pass: piped.lagP99Ms <= 20,
});
