import type { JsonFeed } from 'feedsmith';
import type { RawEntry } from './item-fields';

/** JSON Feed items as RawEntry (XML formats are read by xml-feed.ts and entry-draft.ts). */

function first<T>(values: readonly T[] | undefined): T | null {
  return values?.[0] ?? null;
}

export function readJsonItem(item: JsonFeed.Item<string>, feedAuthor: string | null): RawEntry {
  return {
    id: item.id ?? null,
    link: item.url ?? item.external_url ?? null,
    title: item.title ?? null,
    // JSON Feed 1.1: "title (optional, string) is plain text".
    titleType: 'text',
    html: item.content_html ?? null,
    plainText: item.content_text ?? item.summary ?? null,
    authorName: first(item.authors)?.name ?? feedAuthor,
    date: item.date_published ?? item.date_modified ?? null,
    language: item.language ?? null,
    media: [
      ...(item.attachments ?? []).map((a) => a.url),
      ...(item.image ? [item.image] : []),
      ...(item.banner_image ? [item.banner_image] : []),
    ],
    base: null,
    get sourceText() {
      return JSON.stringify(item);
    },
  };
}
