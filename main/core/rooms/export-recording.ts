import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Room } from '../../../shared/rooms/room';
import type { ItemRepository } from '../items/item-repository';
import { toItem } from '../items/item-rows';
import { recordingLines, RECORDING_FORMAT, RECORDING_VERSION, type RecordedItem } from '../recordings/recording';

/**
 * Writes a room as a replayable recording (JSONL, oldest first) under <dataDir>/exports,
 * streaming rows from SQLite to the file so memory stays flat at any room size.
 */
export function exportRoomRecording(
  items: Pick<ItemRepository, 'forRecording' | 'publishedSpan'>,
  dataDir: string,
  room: Room,
  now: number,
): { path: string; items: number } {
  const rows = items.forRecording(room.id);
  const span = items.publishedSpan(room.id);
  const header = {
    format: RECORDING_FORMAT,
    version: RECORDING_VERSION,
    title: room.name,
    startsAt: Math.min(room.startsAt, span.first ?? room.startsAt),
    endsAt: Math.max(room.endsAt, span.last ?? room.endsAt),
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
