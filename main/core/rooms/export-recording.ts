import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Room } from '../../../shared/rooms/room';
import type { Db } from '../db/open-database';
import { itemColumns, toItem, type ItemRow } from '../items/item-rows';
import {
  recordingLines,
  RECORDING_FORMAT,
  RECORDING_VERSION,
  type RecordedItem,
} from '../ingest/sources/replay/recording';

/**
 * Writes a room as a replayable recording (JSONL, oldest first) under <dataDir>/exports,
 * streaming rows from SQLite to the file so memory stays flat at any room size.
 */
export function exportRoomRecording(db: Db, dataDir: string, room: Room, now: number): { path: string; items: number } {
  const rows = db
    .prepare<[string], ItemRow & { source_label: string }>(
      `SELECT ${itemColumns}, s.label AS source_label FROM items i JOIN sources s ON s.id = i.source_id
       WHERE i.room_id = ? AND i.duplicate_of IS NULL ORDER BY i.published_at, i.id`,
    )
    .iterate(room.id);
  const first = db
    .prepare<[string], { at: number | null; last: number | null }>(
      'SELECT MIN(published_at) AS at, MAX(published_at) AS last FROM items WHERE room_id = ?',
    )
    .get(room.id);
  const header = {
    format: RECORDING_FORMAT,
    version: RECORDING_VERSION,
    title: room.name,
    startsAt: Math.min(room.startsAt, first?.at ?? room.startsAt),
    endsAt: Math.max(room.endsAt, first?.last ?? room.endsAt),
    timeZone: room.timeZone,
    language: room.language,
  } as const;

  function* recorded(): Generator<RecordedItem> {
    for (const row of rows) {
      const {
        id: _id,
        roomId: _room,
        sourceId: _source,
        sourceKind,
        fetchedAt: _fetched,
        duplicateOf: _dup,
        ...item
      } = toItem(row);
      yield { ...item, source: { kind: sourceKind, label: row.source_label } };
    }
  }

  const dir = join(dataDir, 'exports');
  mkdirSync(dir, { recursive: true });
  const slug =
    room.name
      .normalize('NFKD')
      .replace(/[^\w]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'room';
  const path = join(dir, `${slug}-${new Date(now).toISOString().replace(/[:.]/g, '-')}.jsonl`);
  const fd = openSync(path, 'wx');
  let count = -1; // the header line is not an item
  try {
    let buffer = '';
    for (const line of recordingLines(header, recorded())) {
      buffer += line;
      count++;
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
  return { path, items: count };
}
