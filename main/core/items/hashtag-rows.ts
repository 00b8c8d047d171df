import type Database from 'better-sqlite3';
import { hashtagsOf } from '../../../shared/domain/hashtags';

export type AddHashtagRows = (roomId: string, itemId: number, publishedAt: number, text: string) => void;

/**
 * Writes an item's item_hashtags rows, as the insert trigger would (migration 0010), for
 * code that inserts items inside withOwnHashtagRows (db/store-functions.ts).
 */
export function hashtagRowsWriter(db: Database.Database): AddHashtagRows {
  const insert = db.prepare<[string, string, number, number]>(
    'INSERT INTO item_hashtags (room_id, tag, published_at, item_id) VALUES (?, ?, ?, ?)',
  );
  return (roomId, itemId, publishedAt, text) => {
    for (const tag of hashtagsOf(text)) insert.run(roomId, tag, publishedAt, itemId);
  };
}
