/**
 * What feed HTML may keep on the way in: a small formatting subset, links that open outside
 * the app, images, and nothing that can run code. Anything not listed here is dropped.
 * html-filter.ts applies it; the tests check it against sanitize-html given the same lists.
 */
export const ALLOWED_TAGS: readonly string[] = [
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

/** No style, no class, no id, no event handlers, no data-*. */
export const COMMON_ATTRIBUTES: readonly string[] = [
  'title',
  'width',
  'height',
  'datetime',
  'colspan',
  'rowspan',
  'lang',
  'dir',
];
export const TAG_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'rel', 'target'],
  img: ['src', 'alt'],
  abbr: ['title'],
  blockquote: ['cite'],
  q: ['cite'],
  del: ['cite'],
  ins: ['cite'],
};
/** Kept with an empty value (an image's empty alt says it is decoration); others go when empty. */
export const EMPTY_ALLOWED = 'alt';

/** Resolved against the item's base and checked against the protocols below. */
export const URL_ATTRIBUTES = ['href', 'src', 'cite'] as const;
export const LINK_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);
export const MEDIA_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:']);

/** Written without an end tag, as a browser's innerHTML writes them. */
export const VOID_TAGS: ReadonlySet<string> = new Set(['img', 'br', 'hr']);

/**
 * Disallowed elements dropped together with everything inside them (the rest lose only
 * their tags). Raw-text and foreign-content elements are here so that their contents are
 * never re-read as markup: that is where mutation XSS lives.
 */
export const DROP_WITH_CONTENT: readonly string[] = [
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
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
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
