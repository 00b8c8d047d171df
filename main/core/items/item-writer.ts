import { canonicalUrl } from '../../../shared/domain/canonical-url';
import type { NormalizedItem } from '../../../shared/domain/item';
import type { Db } from '../db/open-database';
import { withOwnHashtagRows } from '../db/store-functions';
import { hashtagRowsWriter } from './hashtag-rows';

type InsertRow = [
  roomId: string,
  sourceId: string,
  extId: string,
  url: string | null,
  canonicalUrl: string | null,
  authorHandle: string | null,
  authorName: string | null,
  title: string | null,
  text: string,
  html: string | null,
  language: string | null,
  publishedAt: number,
  fetchedAt: number,
  likes: number | null,
  reposts: number | null,
  replies: number | null,
  engagement: number,
  media: string | null,
  hasMedia: number,
  duplicateOf: number | null,
];

export interface WriteResult {
  inserted: number;
  /** Ids of the new rows, oldest first. */
  ids: number[];
}

/**
 * The store end of the pipeline: one transaction per batch, dedupe by
 * UNIQUE(source_id, ext_id), and items whose canonical URL is already in the room (from
 * another source, usually) marked as duplicates of the first. The FTS index follows by trigger;
 * hashtag rows are written here, which is cheaper than by trigger (store-functions.ts).
 */
export interface ItemWriter {
  writeBatch(roomId: string, sourceId: string, items: readonly NormalizedItem[], fetchedAt: number): WriteResult;
}

export function createItemWriter(db: Db): ItemWriter {
  // Positional parameters: better-sqlite3 binds them markedly faster than named ones.
  const insert = db.prepare<InsertRow>(
    `INSERT INTO items (room_id, source_id, ext_id, url, canonical_url, author_handle, author_name, title, text,
       html, language, published_at, fetched_at, likes, reposts, replies, engagement, media, has_media, duplicate_of)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (source_id, ext_id) DO NOTHING`,
  );
  const firstWithUrl = db.prepare<[string, string], { id: number }>(
    'SELECT id FROM items WHERE room_id = ? AND canonical_url = ? ORDER BY id LIMIT 1',
  );
  const addHashtags = hashtagRowsWriter(db);

  const transaction = db.transaction(
    (roomId: string, sourceId: string, items: readonly NormalizedItem[], fetchedAt: number): WriteResult => {
      const ids: number[] = [];
      for (const item of items) {
        const { likes, reposts, replies } = item.engagement;
        const canonical = canonicalUrl(item.url);
        const duplicateOf = canonical === null ? null : (firstWithUrl.get(roomId, canonical)?.id ?? null);
        const hasMedia = item.mediaUrls.length > 0;
        const result = insert.run(
          roomId,
          sourceId,
          item.extId,
          item.url,
          canonical,
          item.authorHandle,
          item.authorName,
          item.title ?? null,
          item.text,
          item.html,
          item.language,
          item.publishedAt,
          fetchedAt,
          likes ?? null,
          reposts ?? null,
          replies ?? null,
          (likes ?? 0) + (reposts ?? 0) + (replies ?? 0),
          hasMedia ? JSON.stringify(item.mediaUrls) : null,
          hasMedia ? 1 : 0,
          duplicateOf,
        );
        if (result.changes === 1) {
          const id = Number(result.lastInsertRowid);
          addHashtags(roomId, id, item.publishedAt, item.text);
          ids.push(id);
        }
      }
      return { inserted: ids.length, ids };
    },
  );

  return {
    writeBatch: (roomId, sourceId, items, fetchedAt) =>
      withOwnHashtagRows(db, () => transaction(roomId, sourceId, items, fetchedAt)),
  };
}
