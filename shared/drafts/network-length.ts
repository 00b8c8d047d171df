import type { Network } from './networks';
import { findUrls } from './url-spans';

export { networks, Network } from './networks';

export const networkLimits: Record<Network, number> = { x: 280, mastodon: 500, bluesky: 300 };

/** Every link counts this many characters on X and Mastodon (they are shortened on the way). */
export const URL_LENGTH = 23;

export interface LengthCheck {
  network: Network;
  count: number;
  limit: number;
  remaining: number;
  ok: boolean;
}

/**
 * Counts a body the way the network does, against its limit (or `limit` for instances that
 * allow longer posts). Approximations are named on each counter.
 */
export function checkLength(body: string, network: Network, options: { limit?: number } = {}): LengthCheck {
  const limit = options.limit ?? networkLimits[network];
  const count = countFor(body, network);
  return { network, count, limit, remaining: limit - count, ok: count <= limit };
}

export function countFor(body: string, network: Network): number {
  switch (network) {
    case 'x':
      return countX(body);
    case 'mastodon':
      return countMastodon(body);
    case 'bluesky':
      return countGraphemes(body);
  }
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Characters that can join a grapheme with a neighbour (UAX #29: marks and other Extend,
 * SpacingMark including Thai/Lao AM, ZWJ and format characters, emoji modifiers, regional
 * indicators, Hangul jamo, Prepend, CR; lone surrogates to be safe). Between two characters
 * outside this set there is always a grapheme break, so only the runs around these need
 * Intl.Segmenter, which costs ~50 µs per 500 characters: too much three times a keystroke.
 * A property test holds the result equal to segmenting the whole text.
 */
const JOINING =
  '\\p{M}\\p{Cf}\\p{Cs}\\p{Regional_Indicator}\\u{1F3FB}-\\u{1F3FF}\\u0E33\\u0EB3\\u1100-\\u11FF\\uA960-\\uA97F\\uD7B0-\\uD7FF\\r' +
  '\\u0D4E\\u{110BD}\\u{110CD}\\u{111C2}\\u{111C3}\\u{1193F}\\u{11941}\\u{11A3A}\\u{11A84}-\\u{11A89}\\u{11D46}\\u{11F02}';
const JOINS_HERE = new RegExp(`[${JOINING}]`, 'uy');

function mayJoin(text: string, index: number, codePoint: number): boolean {
  if (codePoint === 0x0d) return true;
  // Fast answers for Latin, CJK ideographs and Hangul syllables: the bulk of what people type.
  if (codePoint < 0x0300) return false;
  if ((codePoint >= 0x4e00 && codePoint <= 0x9fff) || (codePoint >= 0xac00 && codePoint <= 0xd7a3)) return false;
  JOINS_HERE.lastIndex = index;
  return JOINS_HERE.test(text);
}

/**
 * [start, end) ranges that need the segmenter: each run of joining characters with the
 * plain character before and after it; touching runs are merged.
 */
function joinedRuns(text: string): Array<readonly [number, number]> {
  const runs: Array<readonly [number, number]> = [];
  let previous = -1;
  let runStart = -1;
  let runEnd = -1;
  let lastJoined = false;
  for (let i = 0; i < text.length;) {
    const codePoint = text.codePointAt(i) ?? 0;
    const next = i + (codePoint > 0xffff ? 2 : 1);
    if (mayJoin(text, i, codePoint)) {
      if (runEnd !== i) {
        if (runStart >= 0) runs.push([runStart, runEnd]);
        runStart = previous >= 0 ? previous : i;
      }
      runEnd = next;
      lastJoined = true;
    } else {
      if (lastJoined && runEnd === i) runEnd = next;
      lastJoined = false;
    }
    previous = i;
    i = next;
  }
  if (runStart >= 0) runs.push([runStart, runEnd]);
  return runs;
}

function countCodePoints(text: string, from = 0, to = text.length): number {
  let count = 0;
  for (let i = from; i < to; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < to) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
    count += 1;
  }
  return count;
}

function segmentCount(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count += 1;
  return count;
}

/** Grapheme clusters, as Bluesky (300) and Mastodon's server-side validator count. */
export function countGraphemes(text: string): number {
  let count = 0;
  let cursor = 0;
  for (const [start, end] of joinedRuns(text)) {
    count += countCodePoints(text, cursor, start) + segmentCount(text.slice(start, end));
    cursor = end;
  }
  return count + countCodePoints(text, cursor);
}

/** Segmenting the whole text: the reference the fast path is tested against. */
export function countGraphemesWithSegmenter(text: string): number {
  return segmentCount(text);
}

/** Calls `visit` once per grapheme, segmenting only the runs that may join. */
function forEachGrapheme(text: string, visit: (grapheme: string) => void): void {
  let cursor = 0;
  for (const [start, end] of joinedRuns(text)) {
    for (const char of text.slice(cursor, start)) visit(char);
    for (const { segment } of segmenter.segment(text.slice(start, end))) visit(segment);
    cursor = end;
  }
  for (const char of text.slice(cursor)) visit(char);
}

/** Mastodon: links count 23 whatever their length; @user@domain counts as @user. */
function countMastodon(body: string): number {
  let text = body;
  const urls = findUrls(text).filter((u) => u.hasScheme);
  for (let i = urls.length - 1; i >= 0; i -= 1) {
    const url = urls[i];
    if (url === undefined) continue;
    text = text.slice(0, url.start) + 'x'.repeat(URL_LENGTH) + text.slice(url.end);
  }
  text = text.replace(/(^|[^/\w])@(\w+)@[a-z0-9.-]+[a-z0-9]/giu, '$1@$2');
  return countGraphemes(text);
}

/**
 * X (twitter-text v3 config): code points in these ranges weigh 1, anything else 2 (CJK,
 * most non-Latin scripts), an emoji sequence weighs 2 in all, a link weighs 23; text is
 * NFC-normalised first. Differs from twitter-text on rare bare domains (see url-spans).
 */
const LIGHT_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
];
/**
 * Any code unit outside the light ranges (surrogates included: astral characters weigh 2),
 * plus © and ®: light, but pictographic, so a sequence built on them weighs as one emoji.
 */
const HEAVY = /[\u00a9\u00ae\u1100-\u1fff\u200e\u200f\u2020-\u2031\u2038-\uffff]/;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

function countX(body: string): number {
  const text = body.normalize('NFC');
  const urls = findUrls(text);
  let count = urls.length * URL_LENGTH;
  let cursor = 0;
  for (const url of urls) {
    count += weighText(text.slice(cursor, url.start));
    cursor = url.end;
  }
  return count + weighText(text.slice(cursor));
}

function weighText(text: string): number {
  if (!HEAVY.test(text)) return text.length;
  let weight = 0;
  forEachGrapheme(text, (grapheme) => {
    const first = grapheme.codePointAt(0) ?? 0;
    // Single-unit emoji start at U+203C; a lone light symbol such as © is pictographic but weighs 1.
    if (
      (first >= 0x2000 || grapheme.length > 1) &&
      EMOJI.test(grapheme) &&
      !(grapheme.length === 1 && isLight(first))
    ) {
      weight += 2;
      return;
    }
    for (const char of grapheme) weight += isLight(char.codePointAt(0) ?? 0) ? 1 : 2;
  });
  return weight;
}

function isLight(codePoint: number): boolean {
  return LIGHT_RANGES.some(([low, high]) => codePoint >= low && codePoint <= high);
}
