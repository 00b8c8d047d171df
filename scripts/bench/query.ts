/**
 * Column query benchmark: newest-50, per-minute volume and the volume panel's live refresh
 * over a 1M-item room.
 *   node --import tsx scripts/bench/query.ts --json [--items N] [--keep PATH]
 * Prints one JSON object per line: the measured value, its budget (limit) and, for
 * newest-50, the plain "FTS MATCH ORDER BY published_at" query measured in the same run
 * (peer) and whether both gave the same rows (exact). The room is built on the first
 * schema, then the query_speed and item_hashtags migrations are applied to it, timed, as an
 * upgrade would.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueryFilters } from '../../shared/query/filters';
import { registerStoreFunctions } from '../../main/core/db/store-functions';
import { createColumnVolume } from '../../main/core/columns/column-volume';
import { openReadDb } from '../../main/core/db/read-db';
import { createItemRepository } from '../../main/core/items/item-repository';
import {
  ensureMatchFunctions,
  newestItemId,
  newestMatching,
  toAst,
  toSqlWhere,
  volumePerMinute,
} from '../../main/core/items/query';
import { buildSyntheticRoom } from './synthetic-room';

const args = process.argv.slice(2);
const argValue = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const itemCount = Number(argValue('--items') ?? 1_000_000);
const keepPath = argValue('--keep');
const roomId = 'room-bench';
const startMs = Date.UTC(2026, 6, 19, 19, 0, 0);
const durationMs = 3 * 3_600_000;

function openBenchDb(): { db: Database.Database; cleanup: () => void } {
  const reuse = keepPath !== undefined && existsSync(keepPath);
  const dir = keepPath ? null : mkdtempSync(join(tmpdir(), 'riposte-bench-query-'));
  const file = keepPath ?? join(dir ?? tmpdir(), 'bench.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  registerStoreFunctions(db);
  if (!reuse) {
    const started = performance.now();
    for (const name of ['0001_init.sql', '0002_sources_items.sql']) db.exec(readMigration(name));
    buildSyntheticRoom(db, { items: itemCount, roomId, startMs, durationMs, seed: 42 });
    log({ name: 'query.build_room', value: Math.round(performance.now() - started), unit: 'ms', items: itemCount });
    // Applied to the full room, like an upgrade of an existing database: its cost is a figure too.
    const migrating = performance.now();
    db.transaction(() => db.exec(readMigration(migrationNamed('query_speed'))))();
    log({
      name: 'query.migrate_full_room',
      value: Math.round(performance.now() - migrating),
      unit: 'ms',
      items: itemCount,
    });
    const indexingTags = performance.now();
    db.transaction(() => db.exec(readMigration(migrationNamed('item_hashtags'))))();
    log({
      name: 'query.migrate_hashtags_full_room',
      value: Math.round(performance.now() - indexingTags),
      unit: 'ms',
      items: itemCount,
      rows: db.prepare('SELECT count(*) FROM item_hashtags').pluck().get() as number,
    });
    db.exec('ANALYZE');
  }
  return {
    db,
    cleanup: () => {
      db.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

const migrationsDir = new URL('../../main/core/db/migrations/', import.meta.url);

function readMigration(name: string): string {
  return readFileSync(new URL(name, migrationsDir), 'utf8');
}

/**
 * A migration by name, whatever number it was given: query_speed (indexes, counts, id
 * blocks) and item_hashtags (the hashtag index, filled through riposte_hashtags).
 */
function migrationNamed(name: string): string {
  const file = readdirSync(migrationsDir).find(
    (candidate) => /^\d{4}_/u.test(candidate) && candidate.slice(5) === `${name}.sql`,
  );
  if (!file) throw new Error(`${name} migration not found`);
  return file;
}

function log(record: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

function measure(runs: number, run: () => unknown): { p50: number; p95: number } {
  for (let w = 0; w < 5; w += 1) run();
  const times: number[] = [];
  for (let r = 0; r < runs; r += 1) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const round = (value: number): number => Math.round(value * 1000) / 1000;
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) };
}

const { db, cleanup } = openBenchDb();
ensureMatchFunctions(db);
try {
  const cases: Array<{ name: string; query: string; filters?: QueryFilters }> = [
    { name: 'all_items', query: '' },
    { name: 'common_term', query: 'arbitre' },
    { name: 'very_common_term', query: 'le' },
    { name: 'rare_term', query: 'zlatanesque' },
    { name: 'absent_term', query: 'introuvable' },
    { name: 'phrase', query: '"coup franc"' },
    { name: 'prefix', query: 'arbit*' },
    { name: 'hashtag', query: '#ChaussetteGate' },
    { name: 'hashtag_and_term', query: '#VAR arbitre' },
    { name: 'hashtag_or_term', query: '#Blackout OR panne' },
    { name: 'or', query: 'blackout OR panne' },
    { name: 'not', query: '"coup franc" -pub' },
    { name: 'mention_and_not', query: '(var OR arbitre) AND NOT @SodaFizz' },
    { name: 'only_negative', query: '-arbitre' },
    { name: 'term_with_filters', query: 'blackout', filters: { languages: ['fr'], hasMedia: true, minEngagement: 20 } },
    { name: 'term_allied_only', query: 'arbitre', filters: { alliedOnly: true } },
    { name: 'rare_term_with_filters', query: 'panne', filters: { languages: ['en'], alliedOnly: true } },
  ];
  for (const testCase of cases) {
    const filters = testCase.filters ?? {};
    const ours = newestMatching(db, roomId, testCase.query, filters, { limit: 50 });
    const where = toSqlWhere(roomId, toAst(testCase.query), filters);
    const peerSql = `SELECT i.id AS id FROM items i WHERE ${where.sql} ORDER BY i.published_at DESC, i.id DESC LIMIT 50`;
    const peerStatement = db.prepare(peerSql);
    const peerIds = (peerStatement.all(...where.params) as Array<{ id: number }>).map((row) => row.id);
    const exact = peerIds.length === ours.length && peerIds.every((id, index) => ours[index]?.id === id);
    const timing = measure(200, () => newestMatching(db, roomId, testCase.query, filters, { limit: 50 }));
    const peer = measure(testCase.name === 'very_common_term' || testCase.name === 'all_items' ? 5 : 20, () =>
      peerStatement.all(...where.params),
    );
    log({
      name: `query.newest50.${testCase.name}`,
      query: testCase.query,
      filters,
      unit: 'ms',
      p50: timing.p50,
      value: timing.p95,
      limit: 5,
      ok: timing.p95 <= 5,
      peer: peer.p95,
      peerNote: 'WHERE ... ORDER BY published_at DESC LIMIT 50 (same WHERE)',
      rows: ours.length,
      exact,
    });
  }
  for (const [name, query] of [
    ['common_term', 'arbitre'],
    ['hashtag', '#ChaussetteGate'],
  ] as const) {
    const last = newestMatching(db, roomId, query, {}, { limit: 50 }).at(-1);
    if (!last) continue;
    const paging = measure(100, () => newestMatching(db, roomId, query, {}, { limit: 50, beforeId: last.id }));
    log({
      name: `query.newest50.${name}_page2`,
      unit: 'ms',
      p50: paging.p50,
      value: paging.p95,
      limit: 5,
      ok: paging.p95 <= 5,
    });
  }
  const range = { from: startMs, to: startMs + durationMs };
  for (const [name, query] of [
    ['term', 'blackout'],
    ['common_term', 'arbitre'],
    ['hashtag', '#ChaussetteGate'],
    ['rare_hashtag', '#blackout'],
    ['all_items', null],
    // Counted by parts (all minus the negated part; A + B − both), beside one plain GROUP BY.
    ['only_negative', '-arbitre'],
    ['negative_hashtag', '-#var'],
    ['hashtag_or_term', '#Blackout OR panne'],
  ] as const) {
    const minutes = volumePerMinute(db, roomId, query, range);
    const timing = measure(30, () => volumePerMinute(db, roomId, query, range));
    const where = toSqlWhere(roomId, toAst(query), { timeRange: range });
    const plain = db.prepare(
      `SELECT (i.published_at - (i.published_at % 60000)) AS minute, count(*) AS count FROM items i
        WHERE ${where.sql} GROUP BY minute ORDER BY minute`,
    );
    const plainMinutes = plain.all(...where.params) as typeof minutes;
    const peer = measure(5, () => plain.all(...where.params));
    log({
      name: `query.volume_per_minute.${name}`,
      query,
      unit: 'ms',
      p50: timing.p50,
      value: timing.p95,
      limit: 20,
      ok: timing.p95 <= 20,
      peer: peer.p95,
      peerNote: 'one plain SELECT ... GROUP BY minute with the same WHERE',
      exact: JSON.stringify(plainMinutes) === JSON.stringify(minutes),
      minutes: minutes.length,
      total: minutes.reduce((sum, m) => sum + m.count, 0),
    });
  }
  // The volume panel's live refresh, every 2 s while items arrive: through the contract's
  // column volume (room span included), counting only the items stored since its last
  // answer (2,000: two seconds at 1,000 items/s), against recounting the whole range.
  // As the app does: the column reads go through the read-only connection.
  const read = openReadDb(db);
  const columnVolume = createColumnVolume(read.db, createItemRepository(read.db));
  const newest = newestItemId(db);
  for (const [name, query] of [
    ['term', 'blackout'],
    ['hashtag', '#ChaussetteGate'],
    ['all_items', ''],
  ] as const) {
    // The handler parses the query once per request: so does each measured call here.
    const request = { roomId, query, filters: {} };
    const volumeOf = (asked: typeof request & { from?: number; to?: number; afterId?: number }) =>
      columnVolume({ ...asked, query: toAst(asked.query) });
    const full = volumeOf(request);
    const sinceRequest = { ...request, from: full.from, to: full.to, afterId: newest - 2000 };
    const since = volumeOf(sinceRequest);
    const refresh = measure(100, () => volumeOf(sinceRequest));
    const recount = measure(30, () => volumeOf(request));
    log({
      name: `query.volume_refresh.${name}`,
      query,
      unit: 'ms',
      p50: refresh.p50,
      value: refresh.p95,
      limit: 20,
      ok: refresh.p95 <= 20,
      peer: recount.p95,
      peerNote: 'the same column volume recounted over the whole range',
      newItems: since.minutes.reduce((sum, m) => sum + m.count, 0),
    });
  }
  read.close();
} finally {
  cleanup();
}
