import { canonicalUrl } from '../../../../shared/domain/canonical-url';
import type { NormalizedItem } from '../../../../shared/domain/item';
import type { Db } from '../../db/open-database';

export interface WriteResult {
  inserted: number;
  /** Ids of the new rows, oldest first. */
  ids: number[];
}

/**
 * The store end of the pipeline: one transaction per batch, dedupe by
 * UNIQUE(source_id, ext_id), and items whose canonical URL is already in the room (from
 * another source, usually) marked as duplicates of the first. The FTS index follows by trigger.
 */
export interface ItemWriter {
  writeBatch(roomId: string, sourceId: string, items: readonly NormalizedItem[], fetchedAt: number): WriteResult;
}

export function createItemWriter(db: Db): ItemWriter {
  const insert = db.prepare(
    `INSERT INTO items (room_id, source_id, ext_id, url, canonical_url, author_handle, author_name, text, html,
       language, published_at, fetched_at, likes, reposts, replies, engagement, media, has_media, duplicate_of)
     VALUES (@roomId, @sourceId, @extId, @url, @canonicalUrl, @authorHandle, @authorName, @text, @html,
       @language, @publishedAt, @fetchedAt, @likes, @reposts, @replies, @engagement, @media, @hasMedia,
       CASE WHEN @canonicalUrl IS NULL THEN NULL
            ELSE (SELECT id FROM items WHERE room_id = @roomId AND canonical_url = @canonicalUrl ORDER BY id LIMIT 1) END)
     ON CONFLICT (source_id, ext_id) DO NOTHING`,
  );

  const writeBatch = db.transaction(
    (roomId: string, sourceId: string, items: readonly NormalizedItem[], fetchedAt: number): WriteResult => {
      const ids: number[] = [];
      for (const item of items) {
        const { likes, reposts, replies } = item.engagement;
        const result = insert.run({
          roomId,
          sourceId,
          extId: item.extId,
          url: item.url,
          canonicalUrl: canonicalUrl(item.url),
          authorHandle: item.authorHandle,
          authorName: item.authorName,
          text: item.text,
          html: item.html,
          language: item.language,
          publishedAt: item.publishedAt,
          fetchedAt,
          likes: likes ?? null,
          reposts: reposts ?? null,
          replies: replies ?? null,
          engagement: (likes ?? 0) + (reposts ?? 0) + (replies ?? 0),
          media: item.mediaUrls.length > 0 ? JSON.stringify(item.mediaUrls) : null,
          hasMedia: item.mediaUrls.length > 0 ? 1 : 0,
        });
        if (result.changes === 1) ids.push(Number(result.lastInsertRowid));
      }
      return { inserted: ids.length, ids };
    },
  );

  return { writeBatch };
}
