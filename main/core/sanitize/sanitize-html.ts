import { decodeHTML } from 'entities';
import sanitize from 'sanitize-html';

/**
 * Feed HTML is hostile until proven otherwise (anyone can write a feed): only a small
 * formatting subset survives, links open outside the app, and nothing can run code.
 *
 * This is the way-in pass, run in the main process on every stored item. It uses
 * sanitize-html (an htmlparser2 allow-list filter, no DOM): DOMPurify on jsdom cost
 * ~80% of feed parsing. The renderer sanitizes AGAIN with DOMPurify in the browser's
 * real DOM before inserting anything, so "sanitize on the way in and again when
 * rendering" still holds (either pass alone would be one bug away from a script), and a parser differential between
 * htmlparser2 and the browser is covered by that second, DOM-based pass.
 */
const ALLOWED_TAGS = [
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
  'dfn',
  'div',
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
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'u',
  'ul',
];
/** No style, no class, no id, no event handlers, no data-*: anything not listed is dropped. */
const COMMON_ATTR = ['title', 'width', 'height', 'datetime', 'colspan', 'rowspan', 'lang', 'dir'];
const URL_ATTRIBUTES = ['href', 'src', 'cite'] as const;
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const MEDIA_PROTOCOLS = new Set(['http:', 'https:']);

/**
 * Disallowed elements dropped together with everything inside them (the rest lose only
 * their tags). Raw-text and foreign-content elements are here so that their contents are
 * never re-read as markup: that is where mutation XSS lives.
 */
const DROP_WITH_CONTENT = [
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'noscript',
  'noembed',
  'noframes',
  'template',
  'svg',
  'math',
  'textarea',
  'select',
  'option',
  'title',
  'head',
  'xmp',
  'plaintext',
  'audio',
  'video',
];

/** Elements whose boundaries separate words when the HTML is read as plain text. */
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'caption',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);

/** State of the call in progress; sanitizing is synchronous so one slot is enough. */
let currentBase: URL | null = null;
let textParts: string[] | null = null;

function safeUrl(value: string, protocols: ReadonlySet<string>): string | null {
  let url: URL;
  try {
    url = currentBase ? new URL(value.trim(), currentBase) : new URL(value.trim());
  } catch {
    return null;
  }
  return protocols.has(url.protocol) ? url.href : null;
}

/** Runs on every opening tag before the allow-list: resolves URLs and pins link behaviour. */
function transformTag(tagName: string, attribs: sanitize.Attributes): sanitize.Tag {
  for (const name of URL_ATTRIBUTES) {
    const value = attribs[name];
    if (value === undefined) continue;
    const safe = safeUrl(value, tagName === 'a' ? LINK_PROTOCOLS : MEDIA_PROTOCOLS);
    if (safe === null) Reflect.deleteProperty(attribs, name);
    else attribs[name] = safe;
  }
  if (tagName === 'a') {
    attribs.rel = 'noopener noreferrer';
    attribs.target = '_blank';
  }
  return { tagName, attribs };
}

/** htmlparser2 decodes entities, sanitize-html re-escapes exactly these three in text. */
function unescapeText(escaped: string): string {
  if (!escaped.includes('&')) return escaped;
  return escaped.replace(/&(lt|gt|amp);/g, (_m, name: string) => (name === 'lt' ? '<' : name === 'gt' ? '>' : '&'));
}

function markBoundary(name: string): void {
  if (textParts && BLOCK_TAGS.has(name)) textParts.push(' ');
}

const OPTIONS: sanitize.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    '*': COMMON_ATTR,
    a: ['href', 'rel', 'target'],
    img: ['src', 'alt'],
    abbr: ['title'],
    blockquote: ['cite'],
    q: ['cite'],
    del: ['cite'],
    ins: ['cite'],
  },
  // Defence in depth: transformTag has already resolved and checked these.
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'], blockquote: ['http', 'https'], q: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: [...URL_ATTRIBUTES],
  allowProtocolRelative: false,
  allowedClasses: {},
  allowedStyles: {},
  parseStyleAttributes: false,
  disallowedTagsMode: 'discard',
  nonTextTags: DROP_WITH_CONTENT,
  // Written as "<img>" like a browser's innerHTML; see toHtml.
  selfClosing: ['img', 'br', 'hr'],
  transformTags: { '*': transformTag },
  textFilter: (text) => {
    textParts?.push(unescapeText(text));
    return text;
  },
  onOpenTag: (name) => markBoundary(name),
  onCloseTag: (name) => markBoundary(name),
};

/**
 * sanitize-html writes void elements as "<br />". Attribute values and text have every
 * '>' escaped, so " />" can only be the end of a tag it wrote.
 */
function toHtml(sanitized: string): string {
  return sanitized.includes(' />') ? sanitized.replaceAll(' />', '>') : sanitized;
}

function parseBase(baseUrl: string | undefined): URL | null {
  if (!baseUrl) return null;
  try {
    return new URL(baseUrl);
  } catch {
    return null;
  }
}

function run(html: string, baseUrl: string | undefined, withText: boolean): { html: string; text: string } {
  currentBase = parseBase(baseUrl);
  textParts = withText ? [] : null;
  try {
    const clean = toHtml(sanitize(html, OPTIONS));
    return { html: clean, text: textParts ? collapseWhitespace(textParts.join('')) : '' };
  } finally {
    currentBase = null;
    textParts = null;
  }
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Markup-free strings need no parsing: nothing in them can be a tag or an entity. */
function isPlain(html: string): boolean {
  return !html.includes('<') && !html.includes('&');
}

/**
 * Without '<' a fragment is text with entities: decoding it and escaping the three characters
 * sanitize-html escapes gives its exact output without its per-call setup, which dominates
 * on the short escaped descriptions and titles most feeds carry. Nothing can open a tag.
 */
function hasNoTags(html: string): boolean {
  return !html.includes('<');
}

/**
 * Pathological markup (tens of thousands of tags, deep nesting closed by stray end tags)
 * makes htmlparser2 crawl: past this many tags an item keeps its text only.
 */
const maxTags = 5_000;

function tooMuchMarkup(html: string): boolean {
  let count = 0;
  for (let at = html.indexOf('<'); at !== -1; at = html.indexOf('<', at + 1)) {
    if (++count > maxTags) return true;
  }
  return false;
}

/** Drops every tag, even an unfinished one, without parsing. */
const stripTags = (html: string) => html.replace(/<[^>]*>?/g, ' ');

function textOnly(html: string): { html: string; text: string } {
  const decoded = decodeHTML(html);
  const escaped = decoded.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
  return { html: escaped, text: collapseWhitespace(decoded) };
}

/**
 * Returns HTML safe to insert into a page: formatting, lists, quotes, code, links and
 * images only; links are http(s)/mailto and open in a new context without an opener;
 * relative URLs are resolved against `baseUrl` (dropped when they cannot be).
 */
export function sanitizeHtml(html: string, baseUrl?: string): string {
  if (isPlain(html)) return html;
  if (hasNoTags(html)) return textOnly(html).html;
  if (tooMuchMarkup(html)) return textOnly(stripTags(html)).html;
  return run(html, baseUrl, false).html;
}

/** Plain text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  if (isPlain(html)) return collapseWhitespace(html);
  if (hasNoTags(html)) return textOnly(html).text;
  if (tooMuchMarkup(html)) return textOnly(stripTags(html)).text;
  return run(html, undefined, true).text;
}

/** Both forms from one parse: what the feed pipeline needs for every item with markup. */
export function sanitizeWithText(html: string, baseUrl?: string): { html: string; text: string } {
  if (isPlain(html)) return { html, text: collapseWhitespace(html) };
  if (hasNoTags(html)) return textOnly(html);
  if (tooMuchMarkup(html)) return textOnly(stripTags(html));
  return run(html, baseUrl, true);
}
