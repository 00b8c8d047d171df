import { parseJsonFeed, type JsonFeed } from 'feedsmith';
import type { NormalizedItem } from '../../../../shared/domain/item';
import type { HealthNotice } from '../../../../shared/sources/source';
import { decodeBody, type DecodedBody } from './decode-body';
import { looksMalformed, malformedAt } from './well-formed';
import { entryExtId, resolveBase, toNormalizedItem, type EntryContext, type RawEntry } from './item-fields';
import { readJsonItem } from './read-entries';
import { entryFingerprint, type EntryKey, type KnownEntries } from './entry-fingerprint';
import { readXmlFeed } from './xml-feed';
import {
  said,
  type HealthProblemCode,
  type HealthProblemParams,
  type SaidProblem,
} from '../../../../shared/sources/health-problem';

export interface ParseFeedOptions {
  /** The address the body came from (after redirects): the base for relative links. */
  url: string;
  contentType: string | null;
  /** The response's Content-Location: the document's own address, the base for its relative links. */
  contentLocation?: string | null;
  /** Stands in for missing or unreadable dates. */
  now: number;
  /**
   * The entries of this source already stored. An entry found here with the same fingerprint
   * is left out before its body is decoded or its HTML sanitized: that is most of the cost,
   * and a re-poll mostly brings entries already stored. An edited entry (same extId, new
   * fingerprint) is read again. Given (even empty), the result lists every entry's key.
   */
  known?: KnownEntries;
  /**
   * How many keys to list, the first entries': the caller keeps no more. Past them an entry
   * is fingerprinted only when its extId is known (a 200k-entry feed is not hashed whole).
   */
  keysWanted?: number;
}

export type { EntryKey, KnownEntries } from './entry-fingerprint';

export type ParseFeedResult =
  | {
      ok: true;
      title: string | null;
      items: NormalizedItem[];
      /** Left out as already known, unchanged. */
      skipped: number;
      /** The complete entries' keys, in document order (`keysWanted` of them): only when `known` was given. */
      keys: EntryKey[];
      /** For the health line: recovered XML, a guessed encoding, entries with nothing readable. */
      notices: HealthNotice[];
    }
  | ({ ok: false } & SaidProblem);

function fail(code: HealthProblemCode, params: HealthProblemParams = {}): ParseFeedResult {
  return { ok: false, ...said(code, params) };
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
  const decoded = decodeBody(body, opts.contentType);
  const text = decoded.text.trimStart();
  if (text.trim() === '') return fail('emptyResponse');
  const notices = encodingNotices(decoded);

  if (text.startsWith('{') || (isJsonType(opts.contentType) && !text.startsWith('<'))) {
    return withNotices(parseJson(text, opts), notices);
  }
  if (looksLikeHtmlPage(text)) return fail('htmlPage');
  if (!text.startsWith('<')) return fail('notAFeed');

  const urlBase = documentBase(opts);
  // XML normalizes line ends before anything reads the document; the raw slices taken below must too.
  const xml = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const feed = readXmlFeed(xml, urlBase);
  if (feed.format === null) {
    return fail(opts.contentType?.toLowerCase().includes('html') ? 'htmlPage' : 'notAFeed');
  }
  if (feed.tooDeep) return fail('nestedTooDeep');
  // htmlparser2 reads past what a conforming XML parser rejects, keeping every entry that
  // closed (or that the next entry ended) and leaving out one the document ends inside. The
  // full validator runs only when the parse or a cheap scan saw a flaw, to say so and where.
  if (feed.suspect || looksMalformed(xml)) {
    const flaw = malformedAt(xml);
    if (flaw) {
      if (feed.entries.length === 0) return fail('malformedXml', { line: String(flaw.line), detail: flaw.detail });
      notices.push({
        key: 'recoveredMalformed',
        params: { count: feed.entries.length, line: flaw.line, cut: feed.truncated },
      });
    }
  }
  const context = makeContext(feed.base, feed.language, opts);
  return withNotices(finish(clean(feed.title), feed.entries, context, opts), notices);
}

/** Content-Location names the document's own address; relative, it is read against the fetched one. */
function documentBase(opts: ParseFeedOptions): string | null {
  const fetched = resolveBase(opts.url, null);
  return opts.contentLocation ? resolveBase(opts.contentLocation.trim(), fetched) : fetched;
}

function encodingNotices(decoded: DecodedBody): HealthNotice[] {
  if (!decoded.guessed) return [];
  const { declared } = decoded.guessed;
  return declared === null
    ? [{ key: 'encodingGuessed', params: { encoding: decoded.charset } }]
    : [{ key: 'encodingMisdeclared', params: { encoding: decoded.charset, declared } }];
}

function withNotices(result: ParseFeedResult, notices: readonly HealthNotice[]): ParseFeedResult {
  return result.ok && notices.length > 0 ? { ...result, notices: [...notices, ...result.notices] } : result;
}

function parseJson(text: string, opts: ParseFeedOptions): ParseFeedResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail('malformedJson', { detail: describe(error) });
  }
  try {
    return normalizeJson(parseJsonFeed(value), opts);
  } catch {
    return fail('notJsonFeed');
  }
}

function normalizeJson(feed: JsonFeed.Feed<string>, opts: ParseFeedOptions): ParseFeedResult {
  const base = resolveBase(feed.feed_url, documentBase(opts));
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
  const keys: EntryKey[] = [];
  const known = opts.known;
  const keysWanted = opts.keysWanted ?? Number.POSITIVE_INFINITY;
  let skipped = 0;
  let unreadable = 0;
  for (const entry of entries) {
    const extId = entryExtId(entry, entry.base ?? context.base);
    const stored = known?.get(extId);
    const listed = known !== undefined && keys.length < keysWanted;
    const fingerprint = stored !== undefined || listed ? entryFingerprint(entry, context) : '';
    if (stored !== undefined && stored.fingerprint === fingerprint) {
      skipped += 1;
      // Still counted, so the health line says the same on every poll of an unchanged feed.
      if (stored.unreadable) unreadable += 1;
      if (listed) keys.push({ extId, fingerprint, unreadable: stored.unreadable });
      continue;
    }
    const item = toNormalizedItem(entry, context, extId);
    // Kept, so nothing the feed sent vanishes; the health line says what was missing.
    const empty = item.text === '' && item.url === null;
    if (empty) unreadable += 1;
    if (listed) keys.push({ extId, fingerprint, unreadable: empty });
    items.push(item);
  }
  const notices: HealthNotice[] =
    unreadable > 0 ? [{ key: 'entriesMissingFields', params: { count: unreadable } }] : [];
  return { ok: true, title, items, skipped, keys, notices };
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
