import { parseJsonFeed, type JsonFeed } from 'feedsmith';
import type { NormalizedItem } from '../../../../shared/domain/item';
import { decodeBody } from './decode-body';
import { looksMalformed, malformedMessage } from './well-formed';
import { entryExtId, resolveBase, toNormalizedItem, type EntryContext, type RawEntry } from './item-fields';
import { readJsonItem } from './read-entries';
import { readXmlFeed } from './xml-feed';

export interface ParseFeedOptions {
  /** The address the body came from (after redirects): the base for relative links. */
  url: string;
  contentType: string | null;
  /** Stands in for missing or unreadable dates. */
  now: number;
  /**
   * Entries whose extId this returns true for are left out before their HTML is sanitized:
   * sanitizing is most of the cost, and a re-poll mostly brings entries already stored.
   */
  isKnown?: (extId: string) => boolean;
}

export type ParseFeedResult =
  | { ok: true; title: string | null; items: NormalizedItem[]; /** Left out by isKnown. */ skipped: number }
  | { ok: false; message: string };

const HTML_PAGE = 'This address returned an HTML page, not a feed';
const NOT_A_FEED = 'This document is not a feed we recognize (RSS, Atom or JSON Feed)';

function fail(message: string): ParseFeedResult {
  return { ok: false, message };
}

/** Leading comments are skipped by a walk: a regex repeating a lazy comment backtracks exponentially. */
function looksLikeHtmlPage(text: string): boolean {
  let index = 0;
  while (text.startsWith('<!--', index)) {
    const end = text.indexOf('-->', index + 4);
    if (end < 0) return false;
    index = end + 3;
    while (/\s/.test(text[index] ?? '')) index += 1;
  }
  return /^(?:<!doctype\s+html|<html[\s>])/i.test(text.slice(index, index + 16));
}

function isJsonType(contentType: string | null): boolean {
  return contentType !== null && /\bjson\b/i.test(contentType);
}

/**
 * Reads RSS 0.9x/2.0, RSS 1.0 (RDF), Atom and JSON Feed into normalized, sanitized items.
 * Pure and synchronous so a worker thread can run it. XML goes through one streaming
 * htmlparser2 pass (xml-feed.ts), which never reads a DOCTYPE's entity declarations, so
 * billion laughs and external entities stay inert text; JSON Feed through feedsmith.
 */
export function parseFeed(body: Buffer, opts: ParseFeedOptions): ParseFeedResult {
  const text = decodeBody(body, opts.contentType).text.trimStart();
  if (text.trim() === '') return fail('The server sent an empty response, not a feed');

  if (text.startsWith('{') || (isJsonType(opts.contentType) && !text.startsWith('<'))) {
    return parseJson(text, opts);
  }
  if (looksLikeHtmlPage(text)) return fail(HTML_PAGE);
  if (!text.startsWith('<')) return fail(NOT_A_FEED);

  const urlBase = resolveBase(opts.url, null);
  // XML normalizes line ends before anything reads the document; the raw slices taken below must too.
  const xml = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const feed = readXmlFeed(xml, urlBase);
  if (feed.format === null) {
    return fail(opts.contentType?.toLowerCase().includes('html') ? HTML_PAGE : NOT_A_FEED);
  }
  // htmlparser2 recovers from anything; the full validator runs only when the parse or a cheap
  // scan saw what a conforming XML parser would reject, so the message can name the line.
  if (feed.suspect || looksMalformed(xml)) {
    const message = malformedMessage(xml);
    if (message) return fail(message);
  }
  if (feed.tooDeep) return fail('The feed nests its elements too deeply to be read');
  const context = makeContext(feed.base, feed.language, opts);
  return finish(clean(feed.title), feed.entries, context, opts);
}

function parseJson(text: string, opts: ParseFeedOptions): ParseFeedResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(`The feed's JSON is malformed: ${describe(error)}`);
  }
  try {
    return normalizeJson(parseJsonFeed(value), opts);
  } catch {
    return fail('This JSON document is not a JSON Feed (version 1.x)');
  }
}

function normalizeJson(feed: JsonFeed.Feed<string>, opts: ParseFeedOptions): ParseFeedResult {
  const base = resolveBase(feed.feed_url, resolveBase(opts.url, null));
  const context = makeContext(base, feed.language, opts);
  const feedAuthor = feed.authors?.[0]?.name ?? null;
  const entries = (feed.items ?? []).map((item) => readJsonItem(item, feedAuthor));
  return finish(clean(feed.title), entries, context, opts);
}

function finish(
  title: string | null,
  entries: RawEntry[],
  context: EntryContext,
  opts: ParseFeedOptions,
): ParseFeedResult {
  const items: NormalizedItem[] = [];
  let skipped = 0;
  for (const entry of entries) {
    const extId = entryExtId(entry, entry.base ?? context.base);
    if (opts.isKnown?.(extId)) skipped += 1;
    else items.push(toNormalizedItem(entry, context, extId));
  }
  return { ok: true, title, items, skipped };
}

function makeContext(base: string | null, language: string | undefined, opts: ParseFeedOptions): EntryContext {
  return { base, language: language ?? null, now: opts.now };
}

function clean(title: string | undefined): string | null {
  const trimmed = title?.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed : null;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
