import type { QueryNode } from '../../../../shared/query/ast';
import type { QueryFilters } from '../../../../shared/query/filters';
import type { ReadableDb } from '../../db/read-db';
import { ensureMatchFunctions } from './match-functions';
import { cachedStatement } from './statement-cache';
import { toSqlWhere } from './to-sql';

/**
 * The ids of a room's items with ids in (afterId, throughId] that match a column query:
 * what a page of newly stored items adds to a column. Bound to the id range (the items
 * rowid and FTS5 both seek by it), so the cost follows the new items, never the room.
 */
export function idsMatchingInRange(
  db: ReadableDb,
  roomId: string,
  ast: QueryNode | null,
  filters: QueryFilters,
  ids: { after: number; through: number },
): number[] {
  ensureMatchFunctions(db);
  const where = toSqlWhere(roomId, ast, filters, ids);
  // NOT INDEXED: the rowid range is the narrowest way in; the room index would scan the room.
  return cachedStatement(db, `SELECT i.id AS id FROM items i NOT INDEXED WHERE ${where.sql}`)
    .pluck()
    .all(...where.params) as number[];
}
