import type { QueryNode } from '../../../../shared/query/ast';
import type { QueryFilters } from '../../../../shared/query/filters';
import { parseQuery } from '../../../../shared/query/parse-query';
import type { ReadableDb } from '../../db/read-db';
import { AppError } from '../../errors';
import { cachedStatement } from './statement-cache';
import type { SqlParam } from './sql-fragment';
import { compileQuery, type CompiledQuery } from './to-sql';
import { ensureMatchFunctions } from './match-functions';
import { newestWithHashtag } from './hashtag-sql';
import { newestByBlocks, type MatchedItem } from './newest-by-blocks';
import { prefixExpander } from './prefix-expansion';

export type { MatchedItem } from './newest-by-blocks';

export interface NewestOptions {
  limit: number;
  /** Page on: items that come after this one in newest-first order. */
  beforeId?: number;
}

interface Row {
  id: number;
  p: number;
}

/** Parses a typed query, turning a syntax problem into an invalid_input error. */
export function toAst(query: string | QueryNode | null): QueryNode | null {
  if (typeof query !== 'string') return query;
  const parsed = parseQuery(query);
  if (!parsed.ok)
    throw new AppError('invalid_input', parsed.message, { field: 'query', messageKey: parsed.messageKey });
  return parsed.ast;
}

/**
 * The newest `limit` items of a room matching a column query, by published_at desc, id desc.
 *
 * Without words: one walk down the (room, published_at) index. With words: FTS5 matches
 * read block of item ids by block, newest blocks first (see newest-by-blocks.ts), each
 * joined to items for the room, filters and exact per-row checks. A hashtag without words:
 * one walk down that tag's rows in item_hashtags (see hashtag-sql.ts). Everything runs in
 * one read transaction, so rows ingested meanwhile are either all seen or not at all.
 * The answer is always exact; only the cost changes with the shape of the data.
 */
export function newestMatching(
  db: ReadableDb,
  roomId: string,
  query: string | QueryNode | null,
  filters: QueryFilters,
  options: NewestOptions,
): MatchedItem[] {
  ensureMatchFunctions(db);
  const limit = Math.max(1, Math.min(1000, Math.floor(options.limit)));
  const ast = toAst(query);
  return db.transaction(() => {
    const compiled = compileQuery(roomId, ast, filters, prefixExpander(db));
    const cursor = options.beforeId === undefined ? null : cursorOf(db, options.beforeId);
    if (options.beforeId !== undefined && cursor === null) return [];
    const check = withCursor(compiled, cursor);
    const to = filters.timeRange?.to;
    const from = filters.timeRange?.from ?? Number.MIN_SAFE_INTEGER;
    const through = Math.min(
      cursor?.publishedAt ?? Number.MAX_SAFE_INTEGER,
      to === undefined ? Number.MAX_SAFE_INTEGER : to - 1,
    );
    if (compiled.hashtag !== null) {
      return newestWithHashtag(db, roomId, compiled.hashtag, check, limit, { from, through });
    }
    if (compiled.fts === null) return walkTimeIndex(db, check, limit);
    return newestByBlocks(db, roomId, compiled.fts, check, limit, { from, through });
  })();
}

function cursorOf(db: ReadableDb, id: number): MatchedItem | null {
  const row = cachedStatement(db, 'SELECT id, published_at AS p FROM items WHERE id = ?').get(id) as Row | undefined;
  return row ? { id: row.id, publishedAt: row.p } : null;
}

function withCursor(compiled: CompiledQuery, cursor: MatchedItem | null): { sql: string; params: SqlParam[] } {
  if (!cursor) return compiled.check;
  return {
    sql: `${compiled.check.sql} AND (i.published_at, i.id) < (?, ?)`,
    params: [...compiled.check.params, cursor.publishedAt, cursor.id],
  };
}

function walkTimeIndex(db: ReadableDb, check: { sql: string; params: SqlParam[] }, limit: number): MatchedItem[] {
  const sql = `SELECT i.id AS id, i.published_at AS p FROM items i INDEXED BY items_room_published
    WHERE ${check.sql} ORDER BY i.published_at DESC, i.id DESC LIMIT ?`;
  const rows = cachedStatement(db, sql).all(...check.params, limit) as Row[];
  return rows.map((row) => ({ id: row.id, publishedAt: row.p }));
}
