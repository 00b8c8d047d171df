import type { ColumnShare, Count, MinutePoint, SourceHealth, TopPost } from '../../../../shared/report/figures';
import type { ReadableDb } from '../../db/read-db';
import { minuteMs, volumePerMinute } from '../../items/query';
import { columnFilters, type ColumnRecord, type SourceRecord } from './room-records';

/**
 * Figures over the room's items, counted in SQL: most come from item_minute_counts (one row
 * per minute and source, kept by triggers), so a million items cost what their minutes cost.
 */

/** The span the timeline draws: the event, widened to the items around it, at most a week. */
export function timelineSpan(
  db: ReadableDb,
  roomId: string,
  event: { startsAt: number; endsAt: number },
): { from: number; to: number } {
  const span = db
    .prepare('SELECT min(minute) AS first, max(minute) AS last FROM item_minute_counts WHERE room_id = ?')
    .get(roomId) as { first: number | null; last: number | null };
  const floor = (at: number) => at - (at % minuteMs);
  const to = floor(Math.max(event.endsAt - 1, span.last ?? event.endsAt - 1)) + minuteMs;
  const from = Math.max(floor(Math.min(event.startsAt, span.first ?? event.startsAt)), to - 7 * 24 * 3_600_000);
  return { from, to };
}

export function minuteVolume(db: ReadableDb, roomId: string, span: { from: number; to: number }): MinutePoint[] {
  return db
    .prepare(
      `SELECT minute, sum(count) AS count FROM item_minute_counts
       WHERE room_id = ? AND minute >= ? AND minute < ? GROUP BY minute ORDER BY minute`,
    )
    .all(roomId, span.from, span.to) as MinutePoint[];
}

export function itemTotals(
  db: ReadableDb,
  roomId: string,
  event: { startsAt: number; endsAt: number },
): { total: number; duringEvent: number } {
  const row = db
    .prepare(
      `SELECT coalesce(sum(count), 0) AS total,
         coalesce(sum(CASE WHEN minute >= ? AND minute < ? THEN count ELSE 0 END), 0) AS duringEvent
       FROM item_minute_counts WHERE room_id = ?`,
    )
    .get(event.startsAt - (event.startsAt % minuteMs), event.endsAt, roomId) as { total: number; duringEvent: number };
  return row;
}

export function languages(db: ReadableDb, roomId: string): Count[] {
  return db
    .prepare(
      `SELECT coalesce(language, '') AS key, count(*) AS count FROM items WHERE room_id = ?
       GROUP BY 1 ORDER BY count DESC, key`,
    )
    .all(roomId) as Count[];
}

export function sourceHealth(
  db: ReadableDb,
  roomId: string,
  sources: SourceRecord[],
  event: { startsAt: number; endsAt: number },
): SourceHealth[] {
  const first = event.startsAt - (event.startsAt % minuteMs);
  const eventMinutes = Math.max(1, Math.ceil((event.endsAt - first) / minuteMs));
  const minutesOf = db.prepare(
    `SELECT minute, count FROM item_minute_counts WHERE room_id = ? AND source_id = ? AND minute >= ? AND minute < ?
     ORDER BY minute`,
  );
  const totalOf = db
    .prepare('SELECT coalesce(sum(count), 0) FROM item_minute_counts WHERE room_id = ? AND source_id = ?')
    .pluck();
  return sources.map((source) => {
    const minutes = minutesOf.all(roomId, source.id, first, event.endsAt) as MinutePoint[];
    let longest = 0;
    let previous = first - minuteMs;
    for (const { minute } of minutes) {
      longest = Math.max(longest, (minute - previous) / minuteMs - 1);
      previous = minute;
    }
    longest = Math.max(longest, (first + eventMinutes * minuteMs - previous) / minuteMs - 1);
    return {
      ...source,
      items: totalOf.get(roomId, source.id) as number,
      activeShare: minutes.length / eventMinutes,
      longestSilenceMinutes: Math.round(longest),
    };
  });
}

export function alliedSplit(db: ReadableDb, roomId: string): { allied: number; other: number } {
  const rows = db
    .prepare(
      `SELECT coalesce(s.allied, 0) AS allied, sum(c.count) AS count FROM item_minute_counts c
       LEFT JOIN sources s ON s.id = c.source_id WHERE c.room_id = ? GROUP BY 1`,
    )
    .all(roomId) as Array<{ allied: number; count: number }>;
  return {
    allied: rows.find((row) => row.allied === 1)?.count ?? 0,
    other: rows.find((row) => row.allied !== 1)?.count ?? 0,
  };
}

const excerptLength = 280;

export function topPosts(db: ReadableDb, roomId: string, limit = 10): TopPost[] {
  const rows = db
    .prepare(
      `SELECT id, author_handle AS author, text, url, published_at AS publishedAt, engagement, likes, reposts, replies
       FROM items WHERE room_id = ? AND duplicate_of IS NULL ORDER BY engagement DESC, published_at, id LIMIT ?`,
    )
    .all(roomId, limit) as TopPost[];
  return rows.map((row) => ({ ...row, text: row.text.slice(0, excerptLength) }));
}

export function topAuthors(db: ReadableDb, roomId: string, limit = 10): Count[] {
  return db
    .prepare(
      `SELECT author_handle AS key, count(*) AS count FROM items WHERE room_id = ? AND author_handle IS NOT NULL
       GROUP BY author_handle ORDER BY count DESC, key LIMIT ?`,
    )
    .all(roomId, limit) as Count[];
}

/** Each column's items per minute over the span, and its share of all columns' items. */
export function columnShares(
  db: ReadableDb,
  roomId: string,
  columns: ColumnRecord[],
  span: { from: number; to: number },
  onColumn: () => void,
): ColumnShare[] {
  const counted = columns.map((column) => {
    const filters = columnFilters(column.filters);
    const series = volumePerMinute(db, roomId, column.query.trim() === '' ? null : column.query, span, filters);
    onColumn();
    return { id: column.id, name: column.name, series, total: series.reduce((sum, point) => sum + point.count, 0) };
  });
  const all = counted.reduce((sum, column) => sum + column.total, 0);
  return counted.map((column) => ({ ...column, share: all === 0 ? 0 : column.total / all }));
}
