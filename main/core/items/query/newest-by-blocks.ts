import type { ReadableDb } from '../../db/read-db';
import { cachedStatement } from './statement-cache';
import type { SqlParam } from './sql-fragment';

export interface MatchedItem {
  id: number;
  publishedAt: number;
}

/** 2^10: must match `id >> 10` in the item_id_blocks triggers (migration 0007). */
export const blockSize = 1024;
// Blocks asked of FTS5 at most at once: later rounds grow so rare words take few rounds.
const maxBatch = 64;
// With this few matches in all rooms, checking them all beats visiting blocks.
const fewMatches = 256;

interface Bounds {
  /** Only items published at or after this can match. */
  from: number;
  /** Only items published at or before this can match. */
  through: number;
}

type Check = { sql: string; params: SqlParam[] };

export const newer = (a: MatchedItem, b: MatchedItem): number => b.publishedAt - a.publishedAt || b.id - a.id;

/**
 * The newest `limit` FTS matches of a room that pass `check`. item_id_blocks bounds the
 * publication times of each block of 1024 item ids; blocks are visited newest first, each
 * run of neighbouring blocks as one FTS rowid range, until `limit` rows are found and no
 * block left can hold a newer one. Exact whatever the insertion order (backfills, late
 * items): a block is only skipped when its newest item is older than the limit-th found.
 */
export function newestByBlocks(
  db: ReadableDb,
  roomId: string,
  fts: string,
  check: Check,
  limit: number,
  bounds: Bounds,
): MatchedItem[] {
  const matchStatement = (range: string): string =>
    `SELECT c.rowid AS id, i.published_at AS p, (${check.sql}) AS ok
      FROM (SELECT rowid FROM items_fts WHERE items_fts MATCH ?${range}) AS c
      JOIN items i ON i.id = c.rowid`;
  const matches = cachedStatement(
    db,
    `SELECT count(*) FROM (SELECT 1 FROM items_fts WHERE items_fts MATCH ? LIMIT ${fewMatches + 1})`,
  )
    .pluck(true)
    .get(fts) as number;
  if (matches <= fewMatches) {
    const rows = cachedStatement(db, matchStatement(''))
      .raw(true)
      .all(...check.params, fts) as Array<[number, number, number]>;
    return passing(rows).sort(newer).slice(0, limit);
  }
  const blocks = cachedStatement(
    db,
    `SELECT block, max_published FROM item_id_blocks
      WHERE room_id = ? AND max_published >= ? AND min_published <= ?`,
  )
    .raw(true)
    .all(roomId, bounds.from, bounds.through) as Array<[number, number]>;
  blocks.sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  const rangeStatement = cachedStatement(
    db,
    matchStatement(' AND rowid >= CAST(? AS INTEGER) AND rowid < CAST(? AS INTEGER)'),
  ).raw(true);
  let found: MatchedItem[] = [];
  let next = 0;
  let batchSize = 1;
  while (next < blocks.length) {
    const kth = found.length >= limit ? found[limit - 1] : undefined;
    const batch: number[] = [];
    for (; next < blocks.length && batch.length < batchSize; next += 1) {
      const [block, maxPublished] = blocks[next] ?? [0, 0];
      if (kth && maxPublished < kth.publishedAt) {
        next = blocks.length;
        break;
      }
      batch.push(block);
    }
    for (const [first, last] of runs(batch)) {
      const rows = rangeStatement.all(...check.params, fts, first * blockSize, (last + 1) * blockSize) as Array<
        [number, number, number]
      >;
      found = found.concat(passing(rows));
    }
    if (found.length >= limit) found = found.sort(newer).slice(0, limit);
    batchSize = Math.min(maxBatch, batchSize * 2);
  }
  return found.sort(newer).slice(0, limit);
}

function passing(rows: Array<[number, number, number]>): MatchedItem[] {
  const out: MatchedItem[] = [];
  for (const [id, publishedAt, ok] of rows) if (ok === 1) out.push({ id, publishedAt });
  return out;
}

/** Sorted runs of consecutive block numbers, as [first, last]. */
function runs(blocks: number[]): Array<[number, number]> {
  const sorted = [...blocks].sort((a, b) => a - b);
  const out: Array<[number, number]> = [];
  for (const block of sorted) {
    const current = out.at(-1);
    if (current && block === current[1] + 1) current[1] = block;
    else out.push([block, block]);
  }
  return out;
}
