import type { Item } from '../../../shared/domain/item';
import type { ReadableDb } from '../db/read-db';
import { itemColumns, toItem, type ItemRow } from './item-rows';

/** The newest items of a room, or of one of its sources. Walks the (room, published_at) index. */
export function createLatestItems(db: ReadableDb) {
  const ofRoom = db.prepare<[string, number], ItemRow>(
    `SELECT ${itemColumns} FROM items i JOIN sources s ON s.id = i.source_id
     WHERE i.room_id = ? ORDER BY i.published_at DESC, i.id DESC LIMIT ?`,
  );
  const ofSource = db.prepare<[string, string, number], ItemRow>(
    `SELECT ${itemColumns} FROM items i JOIN sources s ON s.id = i.source_id
     WHERE i.room_id = ? AND i.source_id = ? ORDER BY i.published_at DESC, i.id DESC LIMIT ?`,
  );
  return (roomId: string, limit: number, sourceId?: string): Item[] =>
    (sourceId ? ofSource.all(roomId, sourceId, limit) : ofRoom.all(roomId, limit)).map(toItem);
}
