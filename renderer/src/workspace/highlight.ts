import DOMPurify from 'dompurify';

/** Folds case and accents the way the search does (unicode61 remove_diacritics). */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Ranges [start, end) of `text` where a term occurs at a word start. Accents are folded on
 * a copy with one folded character per original character, so offsets map back.
 */
export function matchRanges(text: string, terms: readonly string[]): [number, number][] {
  if (terms.length === 0 || text === '') return [];
  const chars = Array.from(text);
  const folded = chars.map((char) => fold(char).charAt(0) || char).join('');
  // Array.from splits by code point; map code point indexes back to UTF-16 offsets.
  const offsets: number[] = [0];
  for (const char of chars) offsets.push((offsets.at(-1) ?? 0) + char.length);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    const needle = fold(term);
    if (needle === '') continue;
    for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + 1)) {
      const before = at > 0 ? folded.charAt(at - 1) : '';
      if (before !== '' && /[\p{L}\p{N}]/u.test(before)) continue;
      ranges.push([offsets[at] ?? 0, offsets[at + Array.from(needle).length] ?? text.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** Splits plain text into pieces, the matched ones flagged, for rendering with <mark>. */
export function highlightText(text: string, terms: readonly string[]): { text: string; match: boolean }[] {
  const pieces: { text: string; match: boolean }[] = [];
  let from = 0;
  for (const [start, end] of matchRanges(text, terms)) {
    if (start > from) pieces.push({ text: text.slice(from, start), match: false });
    pieces.push({ text: text.slice(start, end), match: true });
    from = end;
  }
  if (from < text.length) pieces.push({ text: text.slice(from), match: false });
  return pieces;
}

/**
 * The structure feed HTML keeps on screen, a subset of what main lets through: text
 * formatting, headings, lists, tables, quotes, figures and inline images (deferred, below).
 */
const allowedTags = [
  'a',
  'abbr',
  'b',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'dd',
  'del',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'u',
  'ul',
];
const allowedAttributes = ['href', 'title', 'src', 'alt', 'width', 'height', 'colspan', 'rowspan'];

/** Where an inline image keeps its address until it is on screen (see feed-images.ts). */
export const deferredSrcAttribute = 'data-feed-src';

let purifier: DOMPurifyInstance | null = null;
type DOMPurifyInstance = ReturnType<typeof DOMPurify>;

/**
 * An instance of its own, so its hook touches nothing else that sanitizes. The hook runs in
 * DOMPurify's inert document, before the nodes reach this one: an <img> imported here with
 * its src set would be fetched at once, on screen or not, so its address is parked in
 * data-feed-src and it is told never to send a referrer.
 */
function feedPurifier(): DOMPurifyInstance {
  if (purifier) return purifier;
  const instance = DOMPurify(window);
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'IMG') return;
    const src = node.getAttribute('src') ?? '';
    node.removeAttribute('src');
    if (!/^https?:\/\//i.test(src)) {
      node.remove();
      return;
    }
    node.setAttribute(deferredSrcAttribute, src);
    node.setAttribute('loading', 'lazy');
    node.setAttribute('decoding', 'async');
    node.setAttribute('referrerpolicy', 'no-referrer');
  });
  purifier = instance;
  return instance;
}

/**
 * The item's HTML sanitized again here (main already did: defence in depth), links sent
 * outside the app, and matched terms wrapped in <mark>. Returns markup safe to set.
 */
export function safeHighlightedHtml(html: string, terms: readonly string[]): string {
  const fragment = feedPurifier().sanitize(html, {
    ALLOWED_TAGS: allowedTags,
    ALLOWED_ATTR: allowedAttributes,
    // Main dropped data-* already; the only one here is the one the hook writes.
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
  for (const link of fragment.querySelectorAll('a')) {
    const href = link.getAttribute('href') ?? '';
    if (!/^https?:\/\//i.test(href)) link.removeAttribute('href');
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer');
  }
  if (terms.length > 0) {
    const walker = document.createTreeWalker(fragment, NodeFilter.SHOW_TEXT);
    const textNodes: Text[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) textNodes.push(node as Text);
    for (const node of textNodes) {
      const pieces = highlightText(node.data, terms);
      if (!pieces.some((piece) => piece.match)) continue;
      const replacement = document.createDocumentFragment();
      for (const piece of pieces) {
        if (piece.match) {
          const mark = document.createElement('mark');
          mark.textContent = piece.text;
          replacement.append(mark);
        } else {
          replacement.append(piece.text);
        }
      }
      node.replaceWith(replacement);
    }
  }
  const holder = document.createElement('div');
  holder.append(fragment);
  return holder.innerHTML;
}
