import { z } from 'zod';
import type { NormalizedItem } from '../../../../shared/domain/item';
import type { SanitizeWithText } from '../../sanitize/sanitizer';

const ImageSource = z.object({ url: z.string() });

/** A Reddit link (t3) as /new.json and /search.json send it with raw_json=1 (no &amp; escaping). */
export const RedditPost = z.object({
  name: z.string().regex(/^t3_[a-z0-9]+$/i),
  title: z.string().catch(''),
  selftext: z.string().nullable().optional().catch(null),
  selftext_html: z.string().nullable().optional().catch(null),
  author: z.string().nullable().optional().catch(null),
  subreddit: z.string().optional(),
  permalink: z.string(),
  url_overridden_by_dest: z.string().nullable().optional().catch(null),
  created_utc: z.number(),
  score: z.number().int().catch(0).optional(),
  num_comments: z.number().int().nonnegative().catch(0).optional(),
  num_crossposts: z.number().int().nonnegative().catch(0).optional(),
  thumbnail: z.string().nullable().optional().catch(null),
  preview: z
    .object({ images: z.array(z.object({ source: ImageSource.optional() })).catch([]) })
    .optional()
    .catch(undefined),
  media_metadata: z
    .record(z.string(), z.object({ s: z.object({ u: z.string().optional() }).optional() }))
    .nullable()
    .optional()
    .catch(null),
});
export type RedditPost = z.infer<typeof RedditPost>;

const directImage = /^https:\/\/(i\.redd\.it|i\.imgur\.com)\/|\.(jpe?g|png|gif|webp)(\?|$)/i;
const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function normalizeRedditPost(
  post: RedditPost,
  sanitize: SanitizeWithText,
  webOrigin: string,
): NormalizedItem | null {
  if (!Number.isFinite(post.created_utc)) return null;
  let url: string;
  try {
    url = new URL(post.permalink, webOrigin).toString();
  } catch {
    return null;
  }
  const selftext = post.selftext_html ? sanitize(post.selftext_html, url) : null;
  // The renderer shows html when there is some, so the (escaped, hence inert) title goes in it too.
  const html = selftext ? `<p><strong>${escapeHtml(post.title)}</strong></p>${selftext.html}` : null;
  const body = [post.title, selftext ? selftext.text : (post.selftext ?? '')].filter(Boolean).join('\n\n');
  const author = post.author && post.author !== '[deleted]' ? post.author : null;
  return {
    extId: post.name,
    url: url.slice(0, 4096),
    authorHandle: author ? `u/${author}` : null,
    authorName: null,
    text: body.slice(0, 100_000),
    html: html !== null && html.length <= 200_000 ? html : null,
    language: null,
    publishedAt: Math.round(post.created_utc * 1000),
    engagement: {
      likes: Math.max(0, post.score ?? 0),
      reposts: post.num_crossposts ?? 0,
      replies: post.num_comments ?? 0,
    },
    mediaUrls: mediaUrls(post),
  };
}

function mediaUrls(post: RedditPost): string[] {
  const urls = new Set<string>();
  for (const image of post.preview?.images ?? []) if (image.source) urls.add(image.source.url);
  for (const media of Object.values(post.media_metadata ?? {})) if (media.s?.u) urls.add(media.s.u);
  if (post.url_overridden_by_dest && directImage.test(post.url_overridden_by_dest))
    urls.add(post.url_overridden_by_dest);
  // "self", "default", "nsfw", "spoiler" are placeholders, not images.
  if (urls.size === 0 && post.thumbnail?.startsWith('https://')) urls.add(post.thumbnail);
  return [...urls].filter((url) => url.startsWith('https://') && url.length <= 4096).slice(0, 16);
}
