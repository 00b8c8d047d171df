/**
 * What a hashtag is, in one place: the item_hashtags index (filled at write time, see
 * migration 0010, main/core/db/store-functions.ts and items/hashtag-rows.ts) and the JS
 * matcher (items/query/match-functions.ts) both read text through these functions. Plain
 * text rules with no store behind them, so they live in shared/ where infrastructure may use them.
 *
 * Text is folded (case and accents ignored, see foldForMatch), then `#tag` is a '#'
 * followed by a run of tag characters: letters, digits and '_', one UTF-16 unit at a
 * time, so a character outside the BMP ends a tag. A query `#tag` matches a text when its
 * folded tag is the whole run after one of the text's '#'.
 */

export function foldForMatch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

// Folding never makes a '#', and leaves ASCII text as its lower case: two exact shortcuts.
// eslint-disable-next-line no-control-regex -- every ASCII character, control ones included
const asciiOnly = /^[\x00-\x7f]*$/u;

/** foldForMatch, with the ASCII shortcut. */
export function foldText(text: string): string {
  return asciiOnly.test(text) ? text.toLowerCase() : foldForMatch(text);
}

const tagCharacter = /[\p{L}\p{N}_]/u;

/**
 * Does this UTF-16 unit (a one-unit string, '' past the end) continue a tag? The same answer
 * as testing it against /[\p{L}\p{N}_]/u, with ASCII decided without the regex. A surrogate
 * half on its own is no letter, so a character outside the BMP ends a tag.
 */
export function continuesTag(unit: string): boolean {
  if (unit === '') return false;
  const code = unit.charCodeAt(0);
  if (code < 0x80) {
    const lower = code | 0x20;
    return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x5f;
  }
  return tagCharacter.test(unit);
}

/**
 * The folded tags of a text, each once, in order of first appearance: what item_hashtags
 * holds for an item. Changing this changes which items a stored index finds: a migration
 * must then rebuild item_hashtags.
 */
export function hashtagsOf(text: string): string[] {
  if (!text.includes('#')) return [];
  const folded = foldText(text);
  const tags = new Set<string>();
  for (let at = folded.indexOf('#'); at !== -1; at = folded.indexOf('#', at + 1)) {
    let end = at + 1;
    while (end < folded.length && continuesTag(folded.charAt(end))) end += 1;
    if (end > at + 1) tags.add(folded.slice(at + 1, end));
  }
  return [...tags];
}

/**
 * The folded form of a queried tag, as item_hashtags stores it; null when the index cannot
 * answer for it (a tag that folds to nothing, or with a character outside the BMP), which
 * then goes to the JS matcher.
 */
export function indexedTag(tag: string): string | null {
  const folded = foldForMatch(tag);
  if (folded.length === 0) return null;
  for (let at = 0; at < folded.length; at += 1) if (!continuesTag(folded.charAt(at))) return null;
  return folded;
}

/** The matcher's test, read from the text itself: the reference the index is checked against. */
export function textHasHashtag(text: string, tag: string): boolean {
  if (!text.includes('#')) return false;
  const folded = foldText(text);
  const needle = `#${foldForMatch(tag)}`;
  for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + 1)) {
    if (!continuesTag(folded.charAt(at + needle.length))) return true;
  }
  return false;
}
