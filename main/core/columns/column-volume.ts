import type { ColumnFilters, VolumeOutput } from '../../../shared/columns/column';
import type { QueryNode } from '../../../shared/query/ast';
import type { ReadDb } from '../db/read-db';
import type { ItemRepository } from '../items/item-repository';
import { minuteMs, newestItemId, volumePerMinute } from '../items/query';

export interface VolumeRequest {
  roomId: string;
  /** The column's query, parsed once per request by the caller (toAst). */
  query: QueryNode | null;
  filters: ColumnFilters;
  from?: number;
  to?: number;
  afterId?: number;
  throughId?: number;
}

const defaultSpanMs = 3 * 3_600_000;
// A histogram wider than this many minutes is not readable anyway; refuse rather than stall.
const maxSpanMs = 14 * 24 * 3_600_000;

/**
 * Items per minute over a range; without one, up to three hours ending at the room's newest
 * item. Read in one transaction, so `throughId` is exactly the newest item counted.
 */
export function createColumnVolume(
  db: ReadDb,
  items: Pick<ItemRepository, 'publishedSpan'>,
): (request: VolumeRequest) => VolumeOutput {
  return db.transaction((request: VolumeRequest): VolumeOutput => {
    const known = items.publishedSpan(request.roomId);
    const last = known.last ?? Date.now();
    const to = request.to ?? last - (last % minuteMs) + minuteMs;
    const first = known.first ?? to - defaultSpanMs;
    const from = Math.max(request.from ?? Math.max(to - defaultSpanMs, first - (first % minuteMs)), to - maxSpanMs);
    const throughId = Math.min(request.throughId ?? Number.POSITIVE_INFINITY, newestItemId(db));
    const ids = request.afterId !== undefined ? { after: request.afterId, through: throughId } : { through: throughId };
    const minutes = volumePerMinute(db, request.roomId, request.query, { from, to }, request.filters, ids);
    return { from, to, minutes, throughId };
  });
}
