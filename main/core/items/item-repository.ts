import type { ReadableDb } from '../db/read-db';
import { itemColumns, type ItemRow } from './item-rows';

/** An item as detection reads it: what it tokenizes and where it places it in time. */
export interface NewItemRow {
  id: number;
  source_id: string;
  published_at: number;
  text: string;
}

/** An item as a moment quotes it. */
export interface SampleItemRow {
  id: number;
  text: string;
  author_handle: string | null;
  published_at: number;
}

/**
 * New items read per page by detection, one page per turn of the event loop. Tokenizing is
 * most of a page's cost (~0.1 ms an item on a busy laptop): 100 a page held the loop past
 * 10 ms when the host served a team at 1,000 items/s; 40 keeps a page near 2–4 ms.
 */
export const newItemsPageSize = 40;

export type ItemRepository = ReturnType<typeof createItemRepository>;

/**
 * The reads of the `items` table that other areas need (columns, moments, rooms, drafts),
 * in one place, prepared once per connection. Column queries themselves are compiled in
 * ./query; the ingest writes through ./item-writer.ts. Give it the read-only connection
 * wherever the caller only reads.
 */
export function createItemRepository(db: ReadableDb) {
  const byIds = db.prepare<[string], ItemRow>(
    `SELECT ${itemColumns} FROM items i JOIN sources s ON s.id = i.source_id
     WHERE i.id IN (SELECT value FROM json_each(?))`,
  );
  // Two subqueries: SQLite answers a lone min() or max() from the index ends, not both in one.
  const span = db.prepare<[string, string], { first: number | null; last: number | null }>(
    `SELECT (SELECT min(published_at) FROM items WHERE room_id = ?) AS first,
            (SELECT max(published_at) FROM items WHERE room_id = ?) AS last`,
  );
  const newestPublished = db.prepare<[string], { at: number | null }>(
    'SELECT max(published_at) AS at FROM items WHERE room_id = ?',
  );
  const roomOf = db.prepare<[number], { room_id: string }>('SELECT room_id FROM items WHERE id = ?');
  const publishedInRoom = db.prepare<[number, string], { published_at: number }>(
    'SELECT published_at FROM items WHERE id = ? AND room_id = ?',
  );
  const forRecording = db.prepare<[string], ItemRow & { source_label: string }>(
    `SELECT ${itemColumns}, s.label AS source_label FROM items i JOIN sources s ON s.id = i.source_id
     WHERE i.room_id = ? AND i.duplicate_of IS NULL ORDER BY i.published_at, i.id`,
  );
  // A rowid range read: the unary + keeps SQLite off the room index, which would scan
  // the whole room for every page.
  const newItems = db.prepare<[string, number, number], NewItemRow>(
    `SELECT id, source_id, published_at, text FROM items
      WHERE +room_id = ? AND id > CAST(? AS INTEGER) AND id <= CAST(? AS INTEGER) ORDER BY id LIMIT ${newItemsPageSize}`,
  );
  const maxId = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM items');
  const samples = db.prepare<[string], SampleItemRow>(
    `SELECT i.id, i.text, i.author_handle, i.published_at FROM json_each(?) AS s
     JOIN items i ON i.id = CAST(s.value AS INTEGER) ORDER BY s.key`,
  );

  return {
    /** These items with their source's kind, in no particular order; missing ids are left out. */
    byIds: (ids: number[]): ItemRow[] => byIds.all(JSON.stringify(ids)),
    /** The first and last publication times of a room's items (null when it has none). */
    publishedSpan: (roomId: string): { first: number | null; last: number | null } =>
      span.get(roomId, roomId) ?? { first: null, last: null },
    /** The newest publication time in the room: what "clear up to now" hides through. */
    newestPublishedAt: (roomId: string): number | null => newestPublished.get(roomId)?.at ?? null,
    roomOf: (itemId: number): string | undefined => roomOf.get(itemId)?.room_id,
    /** When the item was published, if it is in this room. */
    publishedAtInRoom: (itemId: number, roomId: string): number | undefined =>
      publishedInRoom.get(itemId, roomId)?.published_at,
    /** A room's first-seen items (duplicates left out), oldest first, streamed, with their source's label. */
    forRecording: (roomId: string): IterableIterator<ItemRow & { source_label: string }> =>
      forRecording.iterate(roomId),
    /** Up to newItemsPageSize items of a room with ids in (afterId, throughId], by id. */
    newInRoom: (roomId: string, afterId: number, throughId: number): NewItemRow[] =>
      newItems.all(roomId, afterId, throughId),
    /** The highest item id stored, 0 when there is none. */
    maxId: (): number => maxId.get()?.id ?? 0,
    /** The items of a JSON array of ids (as moments store them), in its order; missing ids are left out. */
    samples: (idsJson: string): SampleItemRow[] => samples.all(idsJson),
  };
}
