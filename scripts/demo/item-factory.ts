import type { RecordedItem } from '../../main/core/recordings/recording';
import type { Account } from './accounts';
import type { Random } from './prng';

/**
 * Turns a drafted post into a recorded item shaped like what each source's normalizer
 * produces: the ids, URLs, HTML and engagement fields a real Mastodon status, Bluesky post
 * or Reddit comment would give.
 */
export interface SocialPost {
  account: Account;
  at: number;
  text: string;
  mediaUrls: string[];
  /** Multiplies the account's usual likes (a viral post, a brand account). */
  boost: number;
  /** Where the recording says the item came from (a hashtag stream, a subreddit). */
  sourceLabel: string;
  /** Subreddit and thread a Reddit comment belongs to. */
  thread?: { subreddit: string; id: string };
}

export interface FeedArticle {
  site: { host: string; label: string; language: 'fr' | 'en'; section: string };
  author: string;
  at: number;
  title: string;
  summary: string;
  slug: string;
  mediaUrls: string[];
}

const BASE32 = '234567abcdefghijklmnopqrstuvwxyz';

export class ItemFactory {
  private counter = 0;

  constructor(private readonly random: Random) {}

  social(post: SocialPost): RecordedItem {
    const { account } = post;
    this.counter++;
    const likes = this.random.heavyTail(account.reach * post.boost, 0.9);
    const reposts = Math.round(likes * (0.05 + 0.3 * this.random.next()));
    const replies = Math.round(likes * (0.02 + 0.18 * this.random.next()));
    const common = {
      authorHandle: account.handle,
      authorName: account.name,
      text: post.text,
      publishedAt: post.at,
      mediaUrls: post.mediaUrls,
      source: { kind: account.platform, label: post.sourceLabel },
    } as const;
    switch (account.platform) {
      case 'mastodon': {
        const host = account.host ?? 'social.example.org';
        // Mastodon ids are a millisecond timestamp shifted 16 bits plus a sequence.
        const id = ((BigInt(post.at) << 16n) + BigInt(this.counter & 0xffff)).toString();
        return {
          ...common,
          extId: id,
          url: `https://${host}/@${account.slug}/${id}`,
          html: mastodonHtml(post.text, host),
          language: account.language,
          engagement: { likes, reposts, replies },
        };
      }
      case 'bluesky': {
        const tid = timestampId(post.at, this.counter);
        return {
          ...common,
          extId: `at://did:plc:${didFor(account.slug)}/app.bsky.feed.post/${tid}`,
          url: `https://bsky.example.com/profile/${account.handle}/post/${tid}`,
          html: null,
          language: account.language,
          engagement: { likes, reposts, replies },
        };
      }
      case 'reddit': {
        const thread = post.thread ?? { subreddit: 'CoupeDesNations', id: '1cdn26' };
        const commentId = (1_900_000_000 + this.counter * 37).toString(36);
        return {
          ...common,
          extId: `t1_${commentId}`,
          url: `https://reddit.example.com/r/${thread.subreddit}/comments/${thread.id}/_/${commentId}/`,
          html: null,
          // Reddit gives no language; the normalizer leaves it unknown.
          language: null,
          engagement: { likes, replies },
        };
      }
    }
  }

  feed(article: FeedArticle): RecordedItem {
    this.counter++;
    const url = `https://${article.site.host}/${article.site.section}/${article.slug}`;
    return {
      extId: url,
      url,
      authorHandle: null,
      authorName: article.author,
      text: `${article.title}. ${article.summary}`,
      html: `<p><strong>${escapeHtml(article.title)}</strong></p><p>${escapeHtml(article.summary)}</p>`,
      language: article.site.language,
      publishedAt: article.at,
      engagement: {},
      mediaUrls: article.mediaUrls,
      source: { kind: 'feed', label: article.site.label },
    };
  }
}

/** Sanitized Mastodon-style HTML: a paragraph with hashtags, mentions and links as anchors. */
function mastodonHtml(text: string, host: string): string {
  const linked = escapeHtml(text).replace(
    /(https:\/\/[^\s<]+)|(^|\s)#([\p{L}\p{N}_]+)|(^|\s)@([a-z0-9_.-]+)/giu,
    (
      match,
      url: string | undefined,
      lead1: string | undefined,
      tag: string | undefined,
      lead2: string | undefined,
      user: string | undefined,
    ) => {
      if (url !== undefined) return `<a href="${url}" rel="nofollow noopener">${url}</a>`;
      if (tag !== undefined)
        return `${lead1 ?? ''}<a href="https://${host}/tags/${tag.toLowerCase()}" rel="tag">#${tag}</a>`;
      if (user !== undefined) return `${lead2 ?? ''}<a href="https://${host}/@${user}">@${user}</a>`;
      return match;
    },
  );
  return `<p>${linked}</p>`;
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** Bluesky record keys are base32-sortable microsecond timestamps. */
function timestampId(at: number, counter: number): string {
  let value = BigInt(at) * 1000n + BigInt(counter % 1000);
  let id = '';
  for (let i = 0; i < 11; i++) {
    id = BASE32.charAt(Number(value & 31n)) + id;
    value >>= 5n;
  }
  return `3${id}${BASE32.charAt(counter % 32)}`;
}

function didFor(slug: string): string {
  let hash = 0x811c9dc5;
  let did = '';
  for (let i = 0; i < 24; i++) {
    hash ^= slug.charCodeAt(i % slug.length) + i;
    hash = Math.imul(hash, 0x01000193) >>> 0;
    did += BASE32.charAt(hash % 32);
  }
  return did;
}
