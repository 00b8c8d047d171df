import type { Item, SourceKind } from '../../../shared/domain/item';

/** The columns of `items` (plus the source's kind) as SQLite returns them. */
export interface ItemRow {
  id: number;
  room_id: string;
  source_id: string;
  source_kind: SourceKind;
  ext_id: string;
  url: string | null;
  author_handle: string | null;
  author_name: string | null;
  title: string | null;
  text: string;
  html: string | null;
  language: string | null;
  published_at: number;
  fetched_at: number;
  likes: number | null;
  reposts: number | null;
  replies: number | null;
  media: string | null;
  duplicate_of: number | null;
}

export const itemColumns = `i.id, i.room_id, i.source_id, s.kind AS source_kind, i.ext_id, i.url, i.author_handle,
  i.author_name, i.title, i.text, i.html, i.language, i.published_at, i.fetched_at, i.likes, i.reposts, i.replies, i.media,
  i.duplicate_of`;

/**
 * An item's media addresses. A damaged value reads as none: one such row must never make a
 * column or a timeline fail to list (a plain check, not zod: this runs for every row shown).
 */
function mediaUrlsOf(json: string): string[] {
  try {
    const urls: unknown = JSON.parse(json);
    return Array.isArray(urls) ? urls.filter((url): url is string => typeof url === 'string') : [];
  } catch {
    return [];
  }
}
export function toItem(row: ItemRow): Item {
  return {
    id: row.id,
    roomId: row.room_id,
    sourceId: row.source_id,
    sourceKind: row.source_kind,
    extId: row.ext_id,
    url: row.url,
    authorHandle: row.author_handle,
    authorName: row.author_name,
    title: row.title,
    text: row.text,
    html: row.html,
    language: row.language,
    publishedAt: row.published_at,
    fetchedAt: row.fetched_at,
    engagement: {
      ...(row.likes !== null ? { likes: row.likes } : {}),
      ...(row.reposts !== null ? { reposts: row.reposts } : {}),
      ...(row.replies !== null ? { replies: row.replies } : {}),
    },
    mediaUrls: row.media ? mediaUrlsOf(row.media) : [],
    duplicateOf: row.duplicate_of,
  };
}
