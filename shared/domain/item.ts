import { z } from 'zod';

/** Source kinds a room can poll or stream. */
export const sourceKinds = ['feed', 'mastodon', 'bluesky', 'reddit', 'replay'] as const;
export const SourceKind = z.enum(sourceKinds);
export type SourceKind = z.infer<typeof SourceKind>;

export const Engagement = z.object({
  likes: z.number().int().nonnegative().optional(),
  reposts: z.number().int().nonnegative().optional(),
  replies: z.number().int().nonnegative().optional(),
});
export type Engagement = z.infer<typeof Engagement>;

/**
 * One post / article / message taken in, after normalization and sanitizing.
 * Times are integer milliseconds UTC.
 */
export const NormalizedItem = z.object({
  extId: z.string().min(1).max(2048),
  url: z.string().max(4096).nullable(),
  authorHandle: z.string().max(512).nullable(),
  authorName: z.string().max(512).nullable(),
  /**
   * The headline, as text, when the source gives one (feeds); shown above the body. `text`
   * starts with it, so search and detection read both.
   */
  title: z.string().max(1000).nullable().optional(),
  /** Plain text (no markup), used for search and detection: the title, then the body. */
  text: z.string().max(100_000),
  /** Sanitized HTML (DOMPurify) or null when the source only gives text. */
  html: z.string().max(200_000).nullable(),
  language: z.string().max(16).nullable(),
  publishedAt: z.number().int(),
  engagement: Engagement,
  mediaUrls: z.array(z.string().max(4096)).max(16),
});
export type NormalizedItem = z.infer<typeof NormalizedItem>;

/** An item as stored: a normalized item plus its identity in the room. */
export const Item = NormalizedItem.extend({
  title: z.string().max(1000).nullable(),
  id: z.number().int(),
  roomId: z.string(),
  sourceId: z.string(),
  sourceKind: SourceKind,
  fetchedAt: z.number().int(),
  /** Set when the same canonical URL was already taken in from another source. */
  duplicateOf: z.number().int().nullable(),
});
export type Item = z.infer<typeof Item>;

/**
 * The body of an item as plain text: its text without the title it starts with. For items
 * without HTML, the card shows the title and then this.
 */
export function bodyTextOf(item: Pick<NormalizedItem, 'text' | 'title'>): string {
  const { title, text } = item;
  if (!title || !text.startsWith(title)) return text;
  return text.slice(title.length).trimStart();
}
