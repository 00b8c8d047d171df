import { z } from 'zod';
import type { NormalizedItem } from '../../../../shared/domain/item';
import type { SanitizeWithText } from '../../sanitize/sanitizer';

const count = z.number().int().nonnegative().catch(0);

const MediaAttachment = z.object({
  url: z.string().nullable().optional(),
  preview_url: z.string().nullable().optional(),
  remote_url: z.string().nullable().optional(),
});

const Account = z.object({
  acct: z.string(),
  display_name: z.string().nullable().optional(),
});

const StatusCore = z.object({
  id: z.string().min(1),
  uri: z.string().optional(),
  url: z.string().nullable().optional(),
  created_at: z.string(),
  content: z.string(),
  spoiler_text: z.string().optional().catch(''),
  language: z.string().nullable().optional().catch(null),
  replies_count: count.optional(),
  reblogs_count: count.optional(),
  favourites_count: count.optional(),
  account: Account,
  media_attachments: z.array(MediaAttachment).catch([]).optional(),
});

/** A Mastodon status as far as Riposte reads it (REST entity and streaming `update` payload). */
export const MastodonStatus = StatusCore.extend({ reblog: StatusCore.nullable().optional() });
export type MastodonStatus = z.infer<typeof MastodonStatus>;

export interface NormalizeContext {
  /** The instance host the status was read from; local accounts get it appended to their acct. */
  instanceHost: string;
  sanitize: SanitizeWithText;
}

const maxMedia = 16;

/** Statuses that cannot be normalized (bad date) answer null and are skipped by the caller. */
export function normalizeMastodonStatus(status: MastodonStatus, context: NormalizeContext): NormalizedItem | null {
  // Hashtag timelines do not carry boosts, but a payload might: the boosted post is the content.
  const post = status.reblog ?? status;
  const publishedAt = Date.parse(post.created_at);
  if (!Number.isFinite(publishedAt)) return null;
  const { html, text: body } = context.sanitize(post.content, post.url ?? undefined);
  const warning = post.spoiler_text?.trim() ?? '';
  const text = warning ? `${warning}\n\n${body}` : body;
  const acct = post.account.acct.includes('@') ? post.account.acct : `${post.account.acct}@${context.instanceHost}`;
  const mediaUrls = (post.media_attachments ?? [])
    .map((media) => media.url ?? media.remote_url ?? media.preview_url ?? null)
    .filter((url): url is string => typeof url === 'string' && isHttpUrl(url) && url.length <= 4096)
    .slice(0, maxMedia);
  const url = post.url ?? post.uri ?? null;
  return {
    extId: post.id,
    url: url !== null && isHttpUrl(url) ? url.slice(0, 4096) : null,
    authorHandle: `@${acct}`.slice(0, 512),
    authorName: post.account.display_name ? post.account.display_name.slice(0, 512) : null,
    text: text.slice(0, 100_000),
    html: html.length <= 200_000 ? html : null,
    language: post.language ? post.language.slice(0, 16) : null,
    publishedAt: Math.trunc(publishedAt),
    engagement: {
      likes: post.favourites_count ?? 0,
      reposts: post.reblogs_count ?? 0,
      replies: post.replies_count ?? 0,
    },
    mediaUrls,
  };
}

/**
 * Orders Mastodon ids. Mastodon's are decimal snowflakes (compare by length, then digits);
 * other servers (Akkoma, GoToSocial) use fixed-width sortable strings, where plain string order works.
 */
export function compareStatusIds(a: string, b: string): number {
  const bothNumeric = /^\d+$/.test(a) && /^\d+$/.test(b);
  if (bothNumeric && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxStatusId(ids: Iterable<string>, start: string | null): string | null {
  let max = start;
  for (const id of ids) if (max === null || compareStatusIds(id, max) > 0) max = id;
  return max;
}

export function isHttpUrl(value: string): boolean {
  return value.startsWith('https://') || value.startsWith('http://');
}

/** Accepts "mastodon.social", "https://mastodon.social/" or a URL with a path, and answers the base origin. */
export function instanceOrigin(instance: string): URL {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(instance) ? instance : `https://${instance}`;
  const url = new URL(withScheme);
  return new URL(url.origin);
}

/** Hashtags are sent without '#' and compared case-insensitively, as Mastodon does. */
export function normalizeTag(tag: string): string {
  return tag.trim().replace(/^#/, '').toLowerCase();
}
