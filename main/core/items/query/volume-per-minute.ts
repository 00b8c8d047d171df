import { combineMinuteCounts, type MinuteCount } from '../../../../shared/columns/minute-counts';
import type { QueryNode } from '../../../../shared/query/ast';
import type { QueryFilters } from '../../../../shared/query/filters';
import type { ReadableDb } from '../../db/read-db';
import { ensureMatchFunctions } from './match-functions';
import { toAst } from './newest-matching';
import { prefixExpander } from './prefix-expansion';
import { cachedStatement } from './statement-cache';
import type { SqlParam } from './sql-fragment';
import { compileQuery, toSqlWhere, type CompiledQuery } from './to-sql';

export type { MinuteCount };
export const minuteMs = 60_000;

/** Which stored items to count, by id (ids grow in the order items are stored). */
export interface StoredIds {
  /** Only items stored after this one: what arrived since an earlier count. */
  after?: number;
  /** Only items up to this one. */
  through: number;
}

const bucket = `(i.published_at - (i.published_at % ${minuteMs}))`;

/** What is counted: the room's items matching `ast` and `filters`, published in [from, to). */
interface Counting {
  db: ReadableDb;
  roomId: string;
  ast: QueryNode | null;
  filters: QueryFilters;
  from: number;
  to: number;
}

/** The newest stored item id, of any room (0 when there is none). */
export function newestItemId(db: ReadableDb): number {
  return (cachedStatement(db, 'SELECT max(rowid) FROM items').pluck().get() as number | null) ?? 0;
}

/**
 * Items per minute in [from, to) matching a column query (null: all items of the room).
 * Minutes with no item are left out; the result is in time order.
 *
 * Without words and with at most source filters, whole minutes come from
 * item_minute_counts (kept by triggers), the partial minutes at the ends from the time
 * index. With words and no other condition, FTS rowids are mapped to minutes through the
 * narrow (id, room_id, published_at) index; anything else reads each match's items row.
 * A hashtag alone is counted from its rows in item_hashtags, without reading items.
 * Negations and two-part ORs that SQL cannot decide at once are counted by parts (see
 * countByParts).
 * With `ids.after`, only the items stored since are read, by rowid: a live refresh costs
 * what arrived, not the hours before it. With only `ids.through`, the full count has the
 * items stored after it taken away, so a column counts what the room's answer counted.
 * All read in one transaction, so the parts agree.
 */
export function volumePerMinute(
  db: ReadableDb,
  roomId: string,
  query: string | QueryNode | null,
  range: { from: number; to: number },
  filters: QueryFilters = {},
  ids?: StoredIds,
): MinuteCount[] {
  ensureMatchFunctions(db);
  const ast = toAst(query);
  const from = Math.max(range.from, filters.timeRange?.from ?? range.from);
  const to = Math.min(range.to, filters.timeRange?.to ?? range.to);
  if (!(from < to)) return [];
  const counting: Counting = { db, roomId, ast, filters, from, to };
  return db.transaction(() => {
    if (ids?.after !== undefined) return storedBetween(counting, ids.after, ids.through);
    const all = ast === null && countsTableFits(filters) && from >= 0 ? fromCountsTable(counting) : scan(counting);
    const newest = newestItemId(db);
    if (ids === undefined || newest <= ids.through) return all;
    return combineMinuteCounts(all, storedBetween(counting, ids.through, newest), -1, { from, to });
  })();
}

/** Counts of the items with ids in (after, through]: a rowid range seek, FTS matches bounded alike. */
function storedBetween(
  { db, roomId, ast, filters, from, to }: Counting,
  after: number,
  through: number,
): MinuteCount[] {
  if (through <= after) return [];
  const where = toSqlWhere(roomId, ast, { ...filters, timeRange: { from, to } }, { after, through });
  return cachedStatement(
    db,
    `SELECT ${bucket} AS minute, count(*) AS count FROM items i NOT INDEXED WHERE ${where.sql}
      GROUP BY minute ORDER BY minute`,
  ).all(...where.params) as MinuteCount[];
}

function countsTableFits(filters: QueryFilters): boolean {
  return (
    !filters.hasMedia &&
    !(filters.languages && filters.languages.length > 0) &&
    !(filters.minEngagement && filters.minEngagement > 0)
  );
}

/** Whole minutes from item_minute_counts; the room's items only (no query). */
function fromCountsTable(counting: Counting): MinuteCount[] {
  const { db, roomId, filters, from, to } = counting;
  const firstWhole = Math.ceil(from / minuteMs) * minuteMs;
  const endWhole = Math.floor(to / minuteMs) * minuteMs;
  if (firstWhole >= endWhole) return scan(counting);
  const head = from < firstWhole ? scan({ ...counting, to: firstWhole }) : [];
  const tail = endWhole < to ? scan({ ...counting, from: endWhole }) : [];
  const params: SqlParam[] = [roomId, firstWhole, endWhole];
  let sources = '';
  if (filters.sources && filters.sources.length > 0) {
    sources += ` AND source_id IN (${filters.sources.map(() => '?').join(', ')})`;
    params.push(...filters.sources);
  }
  if (filters.alliedOnly) sources += ' AND source_id IN (SELECT s.id FROM sources s WHERE s.allied = 1)';
  const whole = cachedStatement(
    db,
    `SELECT minute, sum(count) AS count FROM item_minute_counts
      WHERE room_id = ? AND minute >= ? AND minute < ?${sources} GROUP BY minute HAVING sum(count) > 0 ORDER BY minute`,
  ).all(...params) as MinuteCount[];
  return [...head, ...whole, ...tail];
}

function scan(counting: Counting): MinuteCount[] {
  const { db, roomId, ast, filters, from, to } = counting;
  const compiled = compileQuery(roomId, ast, { ...filters, timeRange: { from, to } }, prefixExpander(db));
  const byParts = ast === null ? null : countByParts(counting, ast, compiled);
  if (byParts) return byParts;
  if (compiled.hashtag !== null) return hashtagScan(db, roomId, compiled, from, to);
  if (compiled.fts === null) {
    return cachedStatement(
      db,
      `SELECT ${bucket} AS minute, count(*) AS count FROM items i INDEXED BY items_room_published
        WHERE ${compiled.check.sql} GROUP BY minute ORDER BY minute`,
    ).all(...compiled.check.params) as MinuteCount[];
  }
  // Nothing but room, time (and hashtags) to check: the narrow index has them, the wide row is not read.
  return cachedStatement(
    db,
    `SELECT ${bucket} AS minute, count(*) AS count
      FROM (SELECT rowid FROM items_fts WHERE items_fts MATCH ?) AS c
      JOIN items i ${compiled.narrow ? 'INDEXED BY items_id_time ' : ''}ON i.id = c.rowid
      WHERE ${compiled.check.sql} GROUP BY minute ORDER BY minute`,
  ).all(compiled.fts, ...compiled.check.params) as MinuteCount[];
}

/**
 * Exact set algebra, so that no query reads every item of the room or runs the JS matcher
 * on a wide superset: a query that is all negation (`-#var`, `-arbitre`) is every item
 * minus those matching what it negates, and an OR of two parts that SQL cannot decide
 * together (`#Blackout OR panne`: FTS5 cannot tell the tag from the word) is A + B − (A AND
 * B), each part counted by its own fast path. Every count has the same filters and range,
 * and an item either matches a part or not, so the result is the same count. Null: count
 * the query directly.
 */
function countByParts(counting: Counting, ast: QueryNode, compiled: CompiledQuery): MinuteCount[] | null {
  const range = { from: counting.from, to: counting.to };
  const countOf = (part: QueryNode | null): MinuteCount[] =>
    part === null && countsTableFits(counting.filters) && counting.from >= 0
      ? fromCountsTable({ ...counting, ast: null })
      : scan({ ...counting, ast: part });
  if (ast.kind === 'not') return combineMinuteCounts(countOf(null), countOf(ast.child), -1, range);
  if (ast.kind !== 'or' || ast.children.length !== 2 || !compiled.matcher) return null;
  const [a, b] = ast.children;
  if (!a || !b) return null;
  const either = combineMinuteCounts(countOf(a), countOf(b), 1, range);
  return combineMinuteCounts(either, countOf({ kind: 'and', children: [a, b] }), -1, range);
}

/** A tag's rows in item_hashtags have room and time: alone, they are the answer; else each is joined to its item. */
function hashtagScan(db: ReadableDb, roomId: string, compiled: CompiledQuery, from: number, to: number): MinuteCount[] {
  const tagged = `h.room_id = ? AND h.tag = ? AND h.published_at >= ? AND h.published_at < ?`;
  const tagBucket = `(h.published_at - (h.published_at % ${minuteMs}))`;
  if (compiled.bare) {
    return cachedStatement(
      db,
      `SELECT ${tagBucket} AS minute, count(*) AS count FROM item_hashtags h
        WHERE ${tagged} GROUP BY minute ORDER BY minute`,
    ).all(roomId, compiled.hashtag, from, to) as MinuteCount[];
  }
  return cachedStatement(
    db,
    `SELECT ${tagBucket} AS minute, count(*) AS count
      FROM item_hashtags h CROSS JOIN items i ${compiled.narrow ? 'INDEXED BY items_id_time ' : ''}ON i.id = h.item_id
      WHERE ${tagged} AND ${compiled.check.sql} GROUP BY minute ORDER BY minute`,
  ).all(roomId, compiled.hashtag, from, to, ...compiled.check.params) as MinuteCount[];
}
