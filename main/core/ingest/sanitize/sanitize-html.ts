import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import { JSDOM } from 'jsdom';

/**
 * Feed HTML is hostile until proven otherwise (DESIGN.md section 6): only a small
 * formatting subset survives, links open outside the app, and nothing can run code.
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
const ALLOWED_ATTR = [
  'href',
  'src',
  'alt',
  'title',
  'width',
  'height',
  'cite',
  'datetime',
  'colspan',
  'rowspan',
  'lang',
  'dir',
  'target',
  'rel',
];
const URL_ATTRIBUTES = new Set(['href', 'src', 'cite']);
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const MEDIA_PROTOCOLS = new Set(['http:', 'https:']);

/** Elements whose boundaries separate words when the HTML is read as plain text. */
const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BR',
  'CAPTION',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TD',
  'TH',
  'TR',
  'UL',
]);

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // Schemes are checked in the hook below, after relative URLs are resolved.
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  KEEP_CONTENT: true,
  WHOLE_DOCUMENT: false,
};

interface Purifier {
  purify: DOMPurify;
}

let purifier: Purifier | null = null;
/** Base for the call in progress; sanitizing is synchronous so one slot is enough. */
let currentBase: URL | null = null;

/** jsdom takes tens of milliseconds to create: one window serves every call. */
function getPurifier(): Purifier {
  if (purifier) return purifier;
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  purify.addHook('afterSanitizeAttributes', (node) => {
    for (const name of URL_ATTRIBUTES) {
      const value = node.getAttribute(name);
      if (value === null) continue;
      const safe = safeUrl(value, node.nodeName === 'A' ? LINK_PROTOCOLS : MEDIA_PROTOCOLS);
      if (safe === null) node.removeAttribute(name);
      else node.setAttribute(name, safe);
    }
    if (node.nodeName === 'A') {
      node.setAttribute('rel', 'noopener noreferrer');
      node.setAttribute('target', '_blank');
    } else {
      node.removeAttribute('rel');
      node.removeAttribute('target');
    }
  });
  // Config parsed once, not per call. Measured in jsdom: DOMPurify's own throwaway document per
  // call (RETURN_DOM) beats parsing into the shared window (IN_PLACE), whose live-range and
  // node-iterator bookkeeping grows with every call.
  purify.setConfig({ ...CONFIG, RETURN_DOM: true });
  purifier = { purify };
  return purifier;
}

function safeUrl(value: string, protocols: ReadonlySet<string>): string | null {
  let url: URL;
  try {
    url = currentBase ? new URL(value.trim(), currentBase) : new URL(value.trim());
  } catch {
    return null;
  }
  return protocols.has(url.protocol) ? url.href : null;
}

function parseBase(baseUrl: string | undefined): URL | null {
  if (!baseUrl) return null;
  try {
    return new URL(baseUrl);
  } catch {
    return null;
  }
}

/** The cleaned <body> of a throwaway document holding `html`. */
function isElement(node: Node): node is Element {
  return node.nodeType === 1;
}

function sanitizeToBody(html: string, baseUrl: string | undefined): Element {
  const { purify } = getPurifier();
  currentBase = parseBase(baseUrl);
  try {
    // The config set once above wins; this argument only selects the RETURN_DOM typing.
    const body = purify.sanitize(html, { RETURN_DOM: true });
    if (!isElement(body)) throw new Error('DOMPurify returned no body element');
    return body;
  } finally {
    currentBase = null;
  }
}

function textOf(node: Node): string {
  const parts: string[] = [];
  const walk = (current: Node): void => {
    for (let child = current.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) parts.push(child.nodeValue ?? '');
      else if (child.nodeType === 1) {
        const block = BLOCK_TAGS.has(child.nodeName);
        if (block) parts.push(' ');
        walk(child);
        if (block) parts.push(' ');
      }
    }
  };
  walk(node);
  return collapseWhitespace(parts.join(''));
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Markup-free strings need no DOM: nothing in them can be a tag or an entity. */
function isPlain(html: string): boolean {
  return !html.includes('<') && !html.includes('&');
}

/**
 * Returns HTML safe to insert into a page: formatting, lists, quotes, code, links and
 * images only; links are http(s)/mailto and open in a new context without an opener;
 * relative URLs are resolved against `baseUrl` (dropped when they cannot be).
 */
export function sanitizeHtml(html: string, baseUrl?: string): string {
  if (isPlain(html)) return html;
  return sanitizeToBody(html, baseUrl).innerHTML;
}

/** Plain text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  if (isPlain(html)) return collapseWhitespace(html);
  return textOf(sanitizeToBody(html, undefined));
}

/** Both forms from one parse: what the feed pipeline needs for every item with markup. */
export function sanitizeWithText(html: string, baseUrl?: string): { html: string; text: string } {
  if (isPlain(html)) return { html, text: collapseWhitespace(html) };
  const body = sanitizeToBody(html, baseUrl);
  return { html: body.innerHTML, text: textOf(body) };
}
