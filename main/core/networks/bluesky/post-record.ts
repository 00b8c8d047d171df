import { z } from 'zod';
import type { NormalizedItem } from '../../../../shared/domain/item';

/**
 * The app.bsky.feed.post record as Jetstream and the AppView send it (JSON, blobs as
 * {ref: {$link}}), and its conversion to a NormalizedItem. Bluesky gives plain text only,
 * so `html` is always null and nothing needs sanitizing.
 */

const BlobRef = z.object({
  ref: z.object({ $link: z.string() }).optional(),
  /** Legacy blob form, still found in old records. */
  cid: z.string().optional(),
});

const ImagesEmbed = z.object({
  $type: z.literal('app.bsky.embed.images'),
  images: z.array(z.object({ image: BlobRef.optional() })).catch([]),
});
const ExternalEmbed = z.object({
  $type: z.literal('app.bsky.embed.external'),
  external: z.object({ thumb: BlobRef.optional() }),
});

const Facet = z.object({
  features: z.array(z.object({ $type: z.string().optional(), tag: z.string().optional() })).catch([]),
});

export const PostRecord = z.object({
  text: z.string().catch(''),
  createdAt: z.string().optional(),
  langs: z.array(z.string()).optional().catch(undefined),
  facets: z.array(Facet).optional().catch(undefined),
  /** Outline tags: hashtags that are not in the text. */
  tags: z.array(z.string()).optional().catch(undefined),
  embed: z.unknown().optional(),
});
export type PostRecord = z.infer<typeof PostRecord>;

const postCollection = 'app.bsky.feed.post';

export function postUri(did: string, rkey: string): string {
  return `at://${did}/${postCollection}/${rkey}`;
}

export function postWebUrl(did: string, rkey: string): string {
  return `https://bsky.app/profile/${did}/post/${rkey}`;
}

/** Hashtags of a post, lower-cased without '#': tag facets and outline tags. */
export function recordHashtags(record: PostRecord): string[] {
  const tags: string[] = [];
  for (const facet of record.facets ?? []) {
    for (const feature of facet.features) {
      if (feature.$type === 'app.bsky.richtext.facet#tag' && feature.tag) tags.push(feature.tag.toLowerCase());
    }
  }
  for (const tag of record.tags ?? []) tags.push(tag.replace(/^#/, '').toLowerCase());
  return tags;
}

/** Image URLs on Bluesky's CDN for an images embed (also inside recordWithMedia) or a link card thumbnail. */
export function recordMediaUrls(did: string, embed: unknown): string[] {
  const cids: string[] = [];
  const visit = (value: unknown): void => {
    const images = ImagesEmbed.safeParse(value);
    if (images.success) {
      for (const { image } of images.data.images) {
        const cid = image?.ref?.$link ?? image?.cid;
        if (cid) cids.push(cid);
      }
      return;
    }
    const external = ExternalEmbed.safeParse(value);
    if (external.success) {
      const cid = external.data.external.thumb?.ref?.$link ?? external.data.external.thumb?.cid;
      if (cid) cids.push(cid);
      return;
    }
    if (typeof value === 'object' && value !== null && 'media' in value) visit(value.media);
  };
  visit(embed);
  return cids
    .slice(0, 16)
    .map((cid) => `https://cdn.bsky.app/img/feed_fullsize/plain/${did}/${encodeURIComponent(cid)}@jpeg`);
}

const fiveMinutesMs = 5 * 60_000;

export interface PostIdentity {
  did: string;
  rkey: string;
  /** When the network saw it (Jetstream time_us / AppView indexedAt), in ms. */
  receivedAt: number;
  authorHandle: string | null;
  authorName: string | null;
}

export function normalizePostRecord(record: PostRecord, identity: PostIdentity): NormalizedItem {
  // createdAt is set by the client and can be anything; a post "from the future" is pinned to when it was seen.
  const createdAt = record.createdAt ? Date.parse(record.createdAt) : Number.NaN;
  const publishedAt =
    Number.isFinite(createdAt) && createdAt <= identity.receivedAt + fiveMinutesMs ? createdAt : identity.receivedAt;
  return {
    extId: postUri(identity.did, identity.rkey),
    url: postWebUrl(identity.did, identity.rkey),
    authorHandle: identity.authorHandle?.slice(0, 512) ?? null,
    authorName: identity.authorName?.slice(0, 512) || null,
    text: record.text.slice(0, 100_000),
    html: null,
    language: record.langs?.[0]?.slice(0, 16) ?? null,
    publishedAt: Math.trunc(publishedAt),
    engagement: {},
    mediaUrls: recordMediaUrls(identity.did, record.embed),
  };
}
