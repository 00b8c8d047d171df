import type { ColumnFilters, ColumnItem, ColumnItemsOutput, ItemTimeRange } from '../../../shared/columns/column';
import type { QueryNode } from '../../../shared/query/ast';
import type { QueryFilters } from '../../../shared/query/filters';
import { highlightTerms } from '../../../shared/query/parse-query';
import type { ReadDb } from '../db/read-db';
import type { ItemRepository } from '../items/item-repository';
import { toItem } from '../items/item-rows';
import { newestMatching } from '../items/query';
import type { ItemStateRepository } from './item-state-repository';

export interface ColumnItemsRequest {
  roomId: string;
  /** The column's query, parsed once per request by the caller (toAst). */
  query: QueryNode | null;
  filters: ColumnFilters;
  /** Items published at or before this are left out (the column was cleared). */
  clearedThrough: number | null;
  /** Only items published in [from, to). */
  timeRange?: ItemTimeRange;
  limit: number;
  beforeId?: number;
}

// Noise and hidden authors are taken out after the query: a few extra rounds at most,
// since they are a small share of any column.
const maxRounds = 6;

/**
 * The newest items of a column, with their state and the words to highlight.
 */
export function createColumnItems(db: ReadDb, items: Pick<ItemRepository, 'byIds'>, states: ItemStateRepository) {
  return (request: ColumnItemsRequest): ColumnItemsOutput => {
    const ast = request.query;
    const filters: QueryFilters = { ...request.filters, ...timeRangeOf(request) };
    const hidden = new Set(states.hiddenAuthors(request.roomId));
    const found: ColumnItem[] = [];
    let beforeId = request.beforeId;
    let hasMore = true;
    for (let round = 0; round < maxRounds && found.length < request.limit; round += 1) {
      const want = request.limit - found.length;
      // Ask for a little more than needed so one hidden item does not cost a round.
      const batch = newestMatching(db, request.roomId, ast, filters, {
        limit: want + 8,
        ...(beforeId !== undefined ? { beforeId } : {}),
      });
      if (batch.length < want + 8) hasMore = false;
      if (batch.length === 0) break;
      const rows = new Map(items.byIds(batch.map((match) => match.id)).map((row) => [row.id, row]));
      const marks = states.many(batch.map((match) => match.id));
      for (const match of batch) {
        const row = rows.get(match.id);
        if (!row) continue;
        const state = marks.get(match.id) ?? { starred: false, handled: false, assignedTo: null, noise: false };
        if (state.noise || (row.author_handle !== null && hidden.has(row.author_handle))) continue;
        if (found.length < request.limit) found.push({ ...toItem(row), state });
        else hasMore = true;
      }
      const last = batch.at(-1);
      if (!hasMore || !last) break;
      beforeId = last.id;
    }
    return { items: found, terms: highlightTerms(ast), hasMore };
  };
}

/** The clear point and the asked-for range together: the later start wins. */
function timeRangeOf({ clearedThrough, timeRange }: ColumnItemsRequest): Pick<QueryFilters, 'timeRange'> {
  const clearedFrom = clearedThrough !== null ? clearedThrough + 1 : undefined;
  const from = clearedFrom === undefined ? timeRange?.from : Math.max(clearedFrom, timeRange?.from ?? clearedFrom);
  const to = timeRange?.to;
  if (from === undefined && to === undefined) return {};
  return { timeRange: { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) } };
}
