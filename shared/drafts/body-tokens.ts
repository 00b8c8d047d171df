import { findUrls, type UrlSpan } from './url-spans';

/** What the automatic checks look at in a body, found in one pass over it. */
export interface BodyTokens {
  urls: readonly UrlSpan[];
  /** Body with links blanked out, so their paths don't read as hashtags or shouting. */
  withoutUrls: string;
  hashtags: string[];
  /** Mentions without the leading @: "acme", "acme@mastodon.social", "acme.bsky.social". */
  mentions: string[];
}

const HASHTAG = /(?<![\p{L}\p{N}_&/#])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;
const MENTION =
  /(?<![\p{L}\p{N}_@.])@([\p{L}\p{N}_]+(?:[.-][\p{L}\p{N}_]+)*(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)?)/gu;

export function tokenize(body: string): BodyTokens {
  const urls = findUrls(body);
  let withoutUrls = body;
  if (urls.length > 0) {
    let out = '';
    let cursor = 0;
    for (const url of urls) {
      out += body.slice(cursor, url.start) + ' '.repeat(url.end - url.start);
      cursor = url.end;
    }
    withoutUrls = out + body.slice(cursor);
  }
  const hashtags = [...withoutUrls.matchAll(HASHTAG)].map((m) => `#${m[1] ?? ''}`);
  const mentions = [...withoutUrls.matchAll(MENTION)].map((m) => m[1] ?? '');
  return { urls, withoutUrls, hashtags, mentions };
}

export type LinkProblem = 'unparseable' | 'no_domain' | 'malformed_scheme' | 'not_web';

export interface BrokenLink {
  token: string;
  problem: LinkProblem;
}

const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const WWW = /^www\./i;
/** "http:/x", "https//x", "http:x": someone meant a link and slipped. */
const SLIPPED_SCHEME = /^https?(?::\/?(?!\/)|\/\/)/i;
const EDGE_PUNCTUATION_START = /^[("'«“‘[<]+/u;
const EDGE_PUNCTUATION_END = /[.,;:!?'"»”’)\]>]+$/u;

/**
 * Link-looking words that would not work as links. A browser-grade parser (WHATWG URL)
 * decides; on top of it a web link must name a real-looking domain.
 */
export function findBrokenLinks(body: string): BrokenLink[] {
  const broken: BrokenLink[] = [];
  for (const raw of body.split(/\s+/)) {
    if (raw.length < 4 || !/[:/.]/.test(raw)) continue;
    const token = raw.replace(EDGE_PUNCTUATION_START, '').replace(EDGE_PUNCTUATION_END, '');
    let candidate: string;
    if (ANY_SCHEME.test(token)) candidate = token;
    else if (WWW.test(token)) candidate = `https://${token}`;
    else if (SLIPPED_SCHEME.test(token)) {
      broken.push({ token, problem: 'malformed_scheme' });
      continue;
    } else continue;
    const problem = webLinkProblem(candidate);
    if (problem !== null) broken.push({ token, problem });
  }
  return broken;
}

function webLinkProblem(candidate: string): LinkProblem | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return 'unparseable';
  }
  // In a post, "htp://" or "hxxp://" is a typo or a defanged link: nobody's browser opens it.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'not_web';
  const host = url.hostname;
  if (host.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return null;
  const labels = host.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || labels.some((l) => l === '') || !/^(?:[a-z]{2,}|xn--[a-z0-9-]+)$/.test(tld)) {
    return 'no_domain';
  }
  return null;
}
