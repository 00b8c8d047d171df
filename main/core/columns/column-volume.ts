import type { ColumnFilters, VolumeOutput } from '../../../shared/columns/column';
import type { Db } from '../db/open-database';
import { minuteMs, volumePerMinute } from '../items/query';

export interface VolumeRequest {
  roomId: string;
  query: string;
  filters: ColumnFilters;
  from?: number;
  to?: number;
}

const defaultSpanMs = 3 * 3_600_000;
// A histogram wider than this many minutes is not readable anyway; refuse rather than stall.
const maxSpanMs = 14 * 24 * 3_600_000;

/** Items per minute over a range; without one, up to three hours ending at the room's newest item. */
export function createColumnVolume(db: Db) {
  const span = db.prepare<[string], { first: number | null; last: number | null }>(
    'SELECT min(published_at) AS first, max(published_at) AS last FROM items WHERE room_id = ?',
  );
  return (request: VolumeRequest): VolumeOutput => {
    const known = span.get(request.roomId);
    const last = known?.last ?? Date.now();
    const to = request.to ?? last - (last % minuteMs) + minuteMs;
    const first = known?.first ?? to - defaultSpanMs;
    const from = Math.max(request.from ?? Math.max(to - defaultSpanMs, first - (first % minuteMs)), to - maxSpanMs);
    const minutes = volumePerMinute(db, request.roomId, request.query, { from, to }, request.filters);
    return { from, to, minutes };
  };
}
