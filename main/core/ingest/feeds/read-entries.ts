import type { AtomFeed, JsonFeed, MediaNs, RdfFeed, RssFeed } from 'feedsmith';
import { resolveBase, type RawEntry } from './item-fields';

/** Turns each format's entries into RawEntry: which field means what, nothing more. */

function first<T>(values: readonly T[] | undefined): T | null {
  return values?.[0] ?? null;
}

function mediaUrls(media: MediaNs.ItemOrFeed | undefined): string[] {
  if (!media) return [];
  const urls: string[] = [];
  const add = (url: string | undefined): void => {
    if (url) urls.push(url);
  };
  for (const content of media.contents ?? []) add(content.url);
  for (const group of media.groups ?? []) for (const content of group.contents ?? []) add(content.url);
  for (const thumbnail of media.thumbnails ?? []) add(thumbnail.url);
  return urls;
}

export function readRssItem(item: RssFeed.Item<string>, parentBase: string | null): RawEntry {
  const author = first(item.authors);
  return {
    id: item.guid?.value ?? null,
    link: item.link ?? null,
    title: item.title ?? null,
    html: item.content?.encoded ?? item.description ?? null,
    plainText: null,
    authorName: author?.name ?? author?.email ?? first(item.dc?.creators) ?? item.itunes?.author ?? null,
    date: item.pubDate ?? first(item.dc?.dates) ?? null,
    language: first(item.dc?.languages) ?? item.xml?.lang ?? null,
    media: [...(item.enclosures ?? []).map((e) => e.url), ...mediaUrls(item.media)],
    base: item.xml?.base === undefined ? null : resolveBase(item.xml.base, parentBase),
  };
}

export function readRdfItem(item: RdfFeed.Item<string>, parentBase: string | null): RawEntry {
  return {
    id: item.rdf?.about ?? null,
    link: item.link ?? null,
    title: item.title ?? null,
    html: item.content?.encoded ?? item.description ?? null,
    plainText: null,
    authorName: first(item.dc?.creators),
    date: first(item.dc?.dates),
    language: first(item.dc?.languages) ?? item.xml?.lang ?? null,
    media: mediaUrls(item.media),
    base: item.xml?.base === undefined ? null : resolveBase(item.xml.base, parentBase),
  };
}

type AtomText = { value?: string; type?: string } | undefined;

function isMarkup(text: AtomText): boolean {
  const type = text?.type?.toLowerCase();
  return type === 'html' || type === 'xhtml' || type === 'text/html' || type === 'application/xhtml+xml';
}

function alternateLink(links: AtomFeed.Link<string>[] | undefined): string | null {
  if (!links) return null;
  const alternates = links.filter((link) => !link.rel || link.rel === 'alternate');
  const html = alternates.find((link) => !link.type || link.type.includes('html'));
  return (html ?? alternates[0])?.href ?? null;
}

export function readAtomEntry(entry: AtomFeed.Entry<string>, parentBase: string | null): RawEntry {
  const base = entry.xml?.base === undefined ? null : resolveBase(entry.xml.base, parentBase);
  const body: AtomText = entry.content?.value ? entry.content : entry.summary;
  const markup = isMarkup(body);
  return {
    id: entry.id ?? null,
    link: alternateLink(entry.links),
    title: entry.title?.value ?? null,
    html: markup ? (body?.value ?? null) : null,
    plainText: markup ? null : (body?.value ?? null),
    authorName: first(entry.authors)?.name ?? first(entry.dc?.creators) ?? null,
    date: entry.published ?? entry.updated ?? first(entry.dc?.dates) ?? null,
    language: entry.xml?.lang ?? null,
    media: [
      ...(entry.links ?? []).filter((link) => link.rel === 'enclosure').map((link) => link.href),
      ...mediaUrls(entry.media),
    ],
    base,
  };
}

export function readJsonItem(item: JsonFeed.Item<string>, feedAuthor: string | null): RawEntry {
  return {
    id: item.id ?? null,
    link: item.url ?? item.external_url ?? null,
    title: item.title ?? null,
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
  };
}
