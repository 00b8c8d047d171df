import { decodeHTML } from 'entities';
import { filterHtml } from './html-filter';

/**
 * Feed HTML is hostile until proven otherwise (anyone can write a feed): only a small
 * formatting subset survives (allow-list.ts), links open outside the app, and nothing can
 * run code.
 *
 * This is the way-in pass, run in the main process on every stored item: an htmlparser2
 * allow-list filter with no DOM (html-filter.ts; DOMPurify on jsdom cost ~80% of feed
 * parsing, sanitize-html most of a first poll). The renderer sanitizes AGAIN with DOMPurify
 * in the browser's real DOM before inserting anything, so "sanitize on the way in and again
 * when rendering" still holds (either pass alone would be one bug away from a script), and a
 * parser differential between htmlparser2 and the browser is covered by that second,
 * DOM-based pass.
 */

function run(html: string, baseUrl: string | undefined, withText: boolean): { html: string; text: string } {
  const filtered = filterHtml(html, baseUrl, withText);
  return withText ? { html: filtered.html, text: collapseWhitespace(filtered.text) } : filtered;
}

/** Whitespace other than one space between words: only then is there anything to collapse. */
const UNCOLLAPSED = /[^\S ]|\s\s|^\s|\s$/;

export function collapseWhitespace(text: string): string {
  return UNCOLLAPSED.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

/** Markup-free strings need no parsing: nothing in them can be a tag or an entity. */
function isPlain(html: string): boolean {
  return !html.includes('<') && !html.includes('&');
}

/**
 * Without '<' a fragment is text with entities: decoding it and escaping the three characters
 * the filter escapes gives its exact output without parsing, which matters on the short
 * escaped descriptions and titles most feeds carry. Nothing can open a tag: an entity that
 * decodes to '<' is a character of the text, written back escaped.
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
