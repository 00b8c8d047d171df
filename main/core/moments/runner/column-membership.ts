import type { Column } from '../../../../shared/columns/column';
import type { QueryNode } from '../../../../shared/query/ast';
import type { ColumnRepository } from '../../columns/column-repository';
import type { ReadDb } from '../../db/read-db';
import { idsMatchingInRange, toAst } from '../../items/query';
import type { WatchedColumn } from './room-detection';

/**
 * Which of a room's columns each newly stored item falls in, so detection can watch every
 * column's volume, not only the room's. One query per column per page of new items, bound
 * to the page's id range (the items rowid and FTS5 both seek by it), so the cost follows
 * the new items and never the size of the room. Filters count as they do in the column;
 * pausing or clearing a column only changes what it shows, not what it measures.
 */
export function createColumnMembership(read: ReadDb, columns: Pick<ColumnRepository, 'ofRoom'>) {
  // Pages of new items come several times a second: a column's query is parsed when it is
  // first seen (or changed), not on every page. Few distinct queries exist; the cap only
  // guards against a room whose queries are edited all day.
  const parsed = new Map<string, QueryNode | null>();
  const astOf = (query: string): QueryNode | null => {
    const known = parsed.get(query);
    if (known !== undefined) return known;
    const ast = toAst(query);
    if (parsed.size >= 256) parsed.clear();
    parsed.set(query, ast);
    return ast;
  };

  const matching = (column: Column, afterId: number, throughId: number): number[] =>
    idsMatchingInRange(read, column.roomId, astOf(column.query), column.filters, {
      after: afterId,
      through: throughId,
    });

  return {
    /**
     * The room's columns (with their watch rules), and item id → the columns it matches, for
     * the items with ids in (afterId, throughId].
     */
    of(
      roomId: string,
      afterId: number,
      throughId: number,
    ): { columns: WatchedColumn[]; byItem: Map<number, string[]> } {
      const found = new Map<number, string[]>();
      const ofRoom = columns.ofRoom(roomId);
      for (const column of ofRoom) {
        let ids: number[];
        try {
          ids = matching(column, afterId, throughId);
        } catch {
          continue; // a stored query that no longer parses measures nothing; the column says why when opened
        }
        for (const id of ids) {
          const list = found.get(id);
          if (list) list.push(column.id);
          else found.set(id, [column.id]);
        }
      }
      return { columns: ofRoom.map(({ id, alert }) => ({ id, alert })), byItem: found };
    },
  };
}
export type ColumnMembership = ReturnType<typeof createColumnMembership>;
