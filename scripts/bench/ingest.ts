/**
 * Ingest benchmark: 200k items through the core's pipeline (scheduler → worker thread
 * boundary → write queue → dedupe → batched writes with FTS → health → batched pushes) beside raw better-sqlite3
 * batch inserts of the same rows into the same tables, in the same run. Also the main
 * event loop's delay while ingesting. Prints one JSON object per line.
 *
 * The worker's fetch + parse + sanitize are measured by the parse benchmark; here a worker
 * thread answers polls from memory, so the figure is the pipeline's cost over raw SQLite.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../main/core/create-core';
import { migrate } from '../../main/core/db/migrate';
import type { IngestRuntime, PollOutcome } from '../../main/core/ingest/pipeline/ingest-runtime';
import { Worker } from 'node:worker_threads';
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
  let row = 0;
  const batch = db.transaction((page: NormalizedItem[], sourceId: string) => {
    for (const item of page) {
      insert.run(
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
    }
  });
  const started = performance.now();
  for (let page = 0; page < sourceCount; page++) batch(items.slice(page * pageSize, (page + 1) * pageSize), `s${page}`);
  const elapsed = performance.now() - started;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return total / (elapsed / 1000);
}

async function pipeline(): Promise<{ itemsPerSec: number; lagP99Ms: number; lagMaxMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'riposte-bench-pipeline-'));
  const worker = new Worker(new URL('./ingest-page-worker.ts', import.meta.url), {
    execArgv: ['--import', 'tsx'],
    workerData: { total, pageSize },
  });
  const waiting = new Map<string, (outcome: PollOutcome) => void>();
  worker.on('message', (outcome: PollOutcome) => {
    waiting.get(outcome.sourceId)?.(outcome);
    waiting.delete(outcome.sourceId);
  });
  await new Promise((resolve) => worker.once('online', resolve));
  const runtime: IngestRuntime = {
    poll: (job) =>
      new Promise((resolve) => {
        waiting.set(job.sourceId, resolve);
        worker.postMessage(job);
      }),
    startStream: () => {},
    stopStream: () => {},
    close: async () => {},
  };
  const core = createCore({
    dataDir: dir,
    shell: 'serve',
    version: 'bench',
    seedDemo: false,
    ingestRuntime: runtime,
    startIngest: false,
  });
  const room = await core.dispatch('rooms.create', {
    name: 'Bench',
    startsAt: 0,
    endsAt: 1,
    timeZone: 'UTC',
    language: 'fr',
  });
  if (!room.ok) throw new Error(room.message);
  const roomId = (room.value as { id: string }).id;

  // Sources are added paused so every poll starts together when the clock starts.
  const ids: string[] = [];
  for (let index = 0; index < sourceCount; index++) {
    const added = await core.dispatch('sources.add', {
      roomId,
      label: `Feed ${index}`,
      config: { kind: 'feed', url: `https://f${index}.example.com/feed` },
    });
    if (!added.ok) throw new Error(added.message);
    const id = (added.value as { id: string }).id;
    await core.dispatch('sources.pause', { id });
    ids.push(id);
  }

  let stored = 0;
  const done = new Promise<void>((resolve) => {
    core.events.subscribe((event, payload) => {
      if (event !== 'items.added') return;
      stored += (payload as { count: number }).count;
      if (stored >= total) resolve();
    });
  });
  // Event-loop delay: how late a 10 ms timer fires while ingesting.
  const delays: number[] = [];
  let expected = performance.now() + 10;
  const probe = setInterval(() => {
    const at = performance.now();
    delays.push(Math.max(0, at - expected));
    expected = at + 10;
  }, 10);
  const started = performance.now();
  for (const id of ids) await core.dispatch('sources.resume', { id });
  await done;
  const elapsed = performance.now() - started;
  clearInterval(probe);
  delays.sort((a, b) => a - b);
  await core.close();
  await worker.terminate();
  rmSync(dir, { recursive: true, force: true });
  return {
    itemsPerSec: total / (elapsed / 1000),
    lagP99Ms: delays[Math.floor(delays.length * 0.99)] ?? 0,
    lagMaxMs: delays.at(-1) ?? 0,
  };
}

const items = syntheticItems(total);
const raw = rawInsert(items);
const piped = await pipeline();
const ratio = piped.itemsPerSec / raw;
print({
  bench: 'ingest',
  items: total,
  itemsPerSec: Math.round(piped.itemsPerSec),
  peer: 'raw better-sqlite3 batch insert (same tables, FTS)',
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
