import { XMLValidator } from 'fast-xml-parser';
import { DetectError, parseFeed as parseAnyFeed, parseJsonFeed, type AnyFeed } from 'feedsmith';
import type { NormalizedItem } from '../../../../shared/domain/item';
import { decodeBody } from './decode-body';
import { entryExtId, resolveBase, toNormalizedItem, type EntryContext, type RawEntry } from './item-fields';
import { readAtomEntry, readJsonItem, readRdfItem, readRssItem } from './read-entries';

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

function looksLikeHtmlPage(text: string): boolean {
  return /^(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>])/i.test(text);
}

function isJsonType(contentType: string | null): boolean {
  return contentType !== null && /\bjson\b/i.test(contentType);
}

/**
 * Reads RSS 0.9x/2.0, RSS 1.0 (RDF), Atom and JSON Feed into normalized, sanitized items.
 * Pure and synchronous so a worker thread can run it. Entities declared in a DOCTYPE are
 * never expanded (feedsmith runs fast-xml-parser with processEntities off), so billion
 * laughs and external entities stay inert text.
 */
export function parseFeed(body: Buffer, opts: ParseFeedOptions): ParseFeedResult {
  const text = decodeBody(body, opts.contentType).text.trimStart();
  if (text.trim() === '') return fail('The server sent an empty response, not a feed');

  if (text.startsWith('{') || (isJsonType(opts.contentType) && !text.startsWith('<'))) {
    return parseJson(text, opts);
  }
  if (looksLikeHtmlPage(text)) return fail(HTML_PAGE);
  if (!text.startsWith('<')) return fail(NOT_A_FEED);

  const validation = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (validation !== true) {
    const { line, msg } = validation.err;
    return fail(`The feed's XML is malformed near line ${line}: ${msg}`);
  }
  let parsed: AnyFeed;
  try {
    parsed = parseAnyFeed(text);
  } catch (error) {
    if (error instanceof DetectError) {
      return fail(opts.contentType?.toLowerCase().includes('html') ? HTML_PAGE : NOT_A_FEED);
    }
    return fail(`The feed could not be read: ${describe(error)}`);
  }
  return normalize(parsed, opts);
}

function parseJson(text: string, opts: ParseFeedOptions): ParseFeedResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(`The feed's JSON is malformed: ${describe(error)}`);
  }
  try {
    return normalize({ format: 'json', feed: parseJsonFeed(value) }, opts);
  } catch {
    return fail('This JSON document is not a JSON Feed (version 1.x)');
  }
}

function normalize(parsed: AnyFeed, opts: ParseFeedOptions): ParseFeedResult {
  const urlBase = resolveBase(opts.url, null);
  switch (parsed.format) {
    case 'rss': {
      const feed = parsed.feed;
      const base = resolveBase(feed.xml?.base, urlBase);
      const context = makeContext(base, feed.language ?? feed.dc?.languages?.[0] ?? feed.xml?.lang, opts);
      const entries = (feed.items ?? []).map((item) => readRssItem(item, base));
      return finish(clean(feed.title), entries, context, opts);
    }
    case 'rdf': {
      const feed = parsed.feed;
      const base = resolveBase(feed.xml?.base, urlBase);
      const context = makeContext(base, feed.dc?.languages?.[0] ?? feed.xml?.lang, opts);
      const entries = (feed.items ?? []).map((item) => readRdfItem(item, base));
      return finish(clean(feed.title), entries, context, opts);
    }
    case 'atom': {
      const feed = parsed.feed;
      const base = resolveBase(feed.xml?.base, urlBase);
      const context = makeContext(base, feed.xml?.lang, opts);
      const entries = (feed.entries ?? []).map((entry) => readAtomEntry(entry, base));
      return finish(clean(feed.title?.value), entries, context, opts);
    }
    case 'json': {
      const feed = parsed.feed;
      const base = resolveBase(feed.feed_url, urlBase);
      const context = makeContext(base, feed.language, opts);
      const feedAuthor = feed.authors?.[0]?.name ?? null;
      const entries = (feed.items ?? []).map((item) => readJsonItem(item, feedAuthor));
      return finish(clean(feed.title), entries, context, opts);
    }
  }
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
