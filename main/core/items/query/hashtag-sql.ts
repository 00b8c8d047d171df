import type { ReadableDb } from '../../db/read-db';
import type { MatchedItem } from './newest-by-blocks';
import { cachedStatement } from './statement-cache';
import type { SqlFragment, SqlParam } from './sql-fragment';

/**
 * `#tag` in SQL, from item_hashtags (migration 0010: one row per item and folded tag,
 * written by trigger as ../hashtags.ts reads text). A tag is given folded (indexedTag).
 */

/** 1 when item `i` carries the tag: one primary-key probe, reading only the id, room and time of `i`. */
export function hashtagSql(tag: string, params: SqlParam[]): string {
  params.push(tag);
  return `EXISTS (SELECT 1 FROM item_hashtags ht
    WHERE ht.room_id = i.room_id AND ht.tag = ? AND ht.published_at = i.published_at AND ht.item_id = i.id)`;
}

/**
 * The newest `limit` items of a room carrying `tag`, published in [from, through], that pass
 * `check` (over `items AS i`, paging cursor included): the tag's rows are read newest first
 * from the primary key, each joined to its item, until `limit` pass.
 */
export function newestWithHashtag(
  db: ReadableDb,
  roomId: string,
  tag: string,
  check: SqlFragment,
  limit: number,
  bounds: { from: number; through: number },
): MatchedItem[] {
  // The cursor stays in `check`: a row value on h here leads the planner (with STAT4) off the key order.
  const rows = cachedStatement(
    db,
    `SELECT h.item_id, h.published_at FROM item_hashtags h CROSS JOIN items i ON i.id = h.item_id
      WHERE h.room_id = ? AND h.tag = ? AND h.published_at >= ? AND h.published_at <= ? AND ${check.sql}
      ORDER BY h.published_at DESC, h.item_id DESC LIMIT ?`,
  )
    .raw(true)
    .all(roomId, tag, bounds.from, bounds.through, ...check.params, limit) as Array<[number, number]>;
  return rows.map(([id, publishedAt]) => ({ id, publishedAt }));
}
