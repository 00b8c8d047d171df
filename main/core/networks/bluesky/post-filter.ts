import { recordHashtags, type PostRecord } from './post-record';

export interface PostFilterSpec {
  /** Words or phrases matched case-insensitively on word boundaries ("art" does not match "start"). */
  keywords?: readonly string[];
  /** With or without '#'; matched against tag facets, outline tags and "#tag" in the text. */
  hashtags?: readonly string[];
}

export type PostFilter = (record: PostRecord) => boolean;

const escapeRegExp = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const notWordBefore = '(?<![\\p{L}\\p{N}_])';
const notWordAfter = '(?![\\p{L}\\p{N}_])';

/**
 * Jetstream can only filter by collection and DID, so keyword and hashtag matching happens
 * here, once per post of the whole network: one compiled regular expression for all terms.
 * An empty spec matches every post (a wantedDids-only source).
 */
export function compilePostFilter(spec: PostFilterSpec): PostFilter {
  const keywords = (spec.keywords ?? []).map((word) => word.trim().normalize('NFC')).filter(Boolean);
  const hashtags = (spec.hashtags ?? [])
    .map((tag) => tag.trim().replace(/^#/, '').normalize('NFC').toLowerCase())
    .filter(Boolean);
  if (keywords.length === 0 && hashtags.length === 0) return () => true;
  const alternatives = [
    ...keywords.map((word) => `${notWordBefore}${escapeRegExp(word)}${notWordAfter}`),
    ...hashtags.map((tag) => `#${escapeRegExp(tag)}${notWordAfter}`),
  ];
  const textPattern = new RegExp(alternatives.join('|'), 'iu');
  const wantedTags = new Set(hashtags);
  return (record) => {
    if (wantedTags.size > 0 && recordHashtags(record).some((tag) => wantedTags.has(tag.normalize('NFC')))) return true;
    return textPattern.test(record.text.normalize('NFC'));
  };
}
