/**
 * Finds the links a network would shorten, the way twitter-text roughly does: anything with
 * http(s):// and bare domains on common TLDs ("example.com/x"). twitter-text checks bare
 * domains against the full IANA TLD list; this list is the common ones, so an unusual bare
 * domain may be counted as text. Links with a scheme are always found.
 */
const COMMON_TLDS = [
  'com',
  'org',
  'net',
  'edu',
  'gov',
  'int',
  'info',
  'biz',
  'io',
  'co',
  'ai',
  'app',
  'dev',
  'me',
  'tv',
  'ly',
  'gg',
  'to',
  'fm',
  'xyz',
  'online',
  'site',
  'news',
  'blog',
  'social',
  'fr',
  'be',
  'ch',
  'ca',
  'lu',
  'mc',
  'ma',
  'sn',
  'ci',
  'tn',
  'dz',
  're',
  'eu',
  'uk',
  'de',
  'es',
  'it',
  'nl',
  'pt',
  'ie',
  'at',
  'se',
  'no',
  'dk',
  'fi',
  'pl',
  'cz',
  'us',
  'jp',
  'cn',
  'kr',
  'in',
  'br',
  'mx',
  'ar',
  'au',
  'nz',
  'ru',
  'ua',
  'paris',
  'bzh',
  'quebec',
].join('|');

const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?';
const SCHEME_URL = 'https?:\\/\\/[^\\s<>"]+';
const BARE_URL = `(?<![\\p{L}\\p{N}_@.\\/-])(?:${LABEL}\\.)+(?:${COMMON_TLDS})(?::\\d{1,5})?(?:\\/[^\\s<>"]*)?(?![\\p{L}\\p{N}_-])`;
const URL_PATTERN = new RegExp(`(${SCHEME_URL})|${BARE_URL}`, 'giu');

/** Trailing characters that end a sentence rather than a link. */
const TRAILING = /[.,;:!?'"»”’)\]}]+$/u;

export interface UrlSpan {
  start: number;
  end: number;
  text: string;
  hasScheme: boolean;
}

// The length counters and the auto checks all look for links in the same body on every
// keystroke; remembering the last answer makes that one scan instead of three.
let lastText: string | null = null;
let lastSpans: readonly UrlSpan[] = [];

export function findUrls(text: string): readonly UrlSpan[] {
  if (text !== lastText) {
    lastSpans = Object.freeze(scanUrls(text));
    lastText = text;
  }
  return lastSpans;
}

function scanUrls(text: string): UrlSpan[] {
  const spans: UrlSpan[] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    let value = match[0];
    const trailing = TRAILING.exec(value);
    if (trailing) {
      value = value.slice(0, trailing.index);
      // Keep a closing parenthesis that closes one opened inside the link (Wikipedia style).
      if (trailing[0].startsWith(')') && value.includes('(')) value += ')';
    }
    if (value.length === 0) continue;
    const start = match.index;
    spans.push({ start, end: start + value.length, text: value, hasScheme: match[1] !== undefined });
  }
  return spans;
}
