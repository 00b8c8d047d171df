import { createHash } from 'node:crypto';
import { decodeHTML } from 'entities';
import type { NormalizedItem } from '../../../../shared/domain/item';
import { collapseWhitespace, sanitizeWithText } from '../../sanitize/sanitize-html';

const MAX_EXT_ID = 2048;
const MAX_URL = 4096;
const MAX_NAME = 512;
const MAX_LANGUAGE = 16;
const MAX_TEXT = 100_000;
const MAX_HTML = 200_000;
const MAX_MEDIA = 16;
const MAX_TITLE = 1000;

/** What a format-specific reader found in one entry, before limits and sanitizing. */
export interface RawEntry {
  id: string | null;
  link: string | null;
  title: string | null;
  /**
   * text: characters, whatever they look like (Atom type="text", JSON Feed); html: markup to
   * read as text; guess: RSS, whose titles are text by the spec and escaped HTML in practice.
   */
  titleType: 'text' | 'html' | 'guess';
  /** Markup as the feed gave it (RSS description, content:encoded, Atom html content). */
  html: string | null;
  /** Text the feed marked as plain (Atom type="text", JSON content_text). */
  plainText: string | null;
  authorName: string | null;
  date: string | null;
  /** '' when the entry cleared the language in force (xml:lang=""): the feed's does not apply. */
  language: string | null;
  media: ReadonlyArray<string | undefined>;
  /** The entry's own xml:base chain, already resolved; null when it has none. */
  base: string | null;
  /**
   * The entry as the feed wrote it (its XML, or its JSON Feed item): what its fingerprint
   * hashes, so an edited entry is told from a stored one without reading its fields.
   */
  sourceText: string;
}

/** A base changes nothing for these, and parsing without one spares parsing the base again. */
const ABSOLUTE_HTTP = /^https?:\/\//;

export function resolveUrl(value: string | null | undefined, base: string | null): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  try {
    const url = base && !ABSOLUTE_HTTP.test(trimmed) ? new URL(trimmed, base) : new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Resolves an xml:base against its parent base; a bad base leaves the parent in force. */
export function resolveBase(xmlBase: string | null | undefined, parent: string | null): string | null {
  if (xmlBase === undefined || xmlBase === null) return parent;
  try {
    return parent ? new URL(xmlBase, parent).href : new URL(xmlBase).href;
  } catch {
    return parent;
  }
}

function parseDate(value: string | null, now: number): number {
  if (!value) return now;
  const at = Date.parse(value.trim());
  return Number.isFinite(at) ? Math.trunc(at) : now;
}

function clip(value: string | null, max: number): string | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return trimmed.length > max ? trimmed.slice(0, max) : trimmed;
}

/** An end tag of an inline HTML element, or a void one: "List<String>" has neither. */
const HTML_IN_TITLE =
  /<\/(?:a|abbr|b|big|cite|code|del|em|font|i|ins|kbd|mark|q|s|small|span|strike|strong|sub|sup|u|p|div)\s*>|<(?:br|img|hr|wbr)\b[^<>]*>/i;
/** An entity reference left after the XML's own were decoded: the title was escaped twice. */
const ENTITY_LEFT = /&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});/;

function titleText(title: string | null, type: RawEntry['titleType']): string {
  if (!title) return '';
  switch (type) {
    case 'text':
      return collapseWhitespace(title);
    case 'html':
      return sanitizeWithText(title).text;
    case 'guess':
      if (!title.includes('<') && !title.includes('&')) return collapseWhitespace(title);
      if (HTML_IN_TITLE.test(title)) return sanitizeWithText(title).text;
      return collapseWhitespace(ENTITY_LEFT.test(title) ? decodeHTML(title) : title);
  }
}

/** guid/id, else the link, else a hash of title and date: stable across polls, known before sanitizing. */
export function entryExtId(entry: RawEntry, base: string | null): string {
  const chosen = clip(entry.id, Number.POSITIVE_INFINITY) ?? resolveUrl(entry.link, base ?? null);
  if (chosen && chosen.length <= MAX_EXT_ID) return chosen;
  // An entry without title or date hashes what it has, so two such entries stay two items.
  const fallback =
    entry.title || entry.date
      ? `${entry.title ?? ''}\u0000${entry.date ?? ''}`
      : `\u0000${entry.html ?? entry.plainText ?? ''}\u0000${entry.media.join('\u0000')}`;
  const digest = createHash('sha256')
    .update(chosen ?? fallback)
    .digest('hex');
  return `sha256:${digest}`;
}

export interface EntryContext {
  /** Feed-level base: the fetched URL overridden by the feed's xml:base. */
  base: string | null;
  language: string | null;
  now: number;
}

export function toNormalizedItem(entry: RawEntry, context: EntryContext, extId: string): NormalizedItem {
  const base = entry.base ?? context.base;
  const url = resolveUrl(entry.link, base);
  const title = titleText(entry.title, entry.titleType);
  let html: string | null = null;
  let body = '';
  if (entry.html && entry.html.trim() !== '') {
    const clean = sanitizeWithText(entry.html, base ?? undefined);
    html = clean.html.length <= MAX_HTML ? clean.html : null;
    body = clean.text;
  } else if (entry.plainText) {
    body = collapseWhitespace(entry.plainText);
  }
  const combined = body === '' || body === title ? title : title === '' ? body : `${title} ${body}`;
  const text = combined.length > MAX_TEXT ? combined.slice(0, MAX_TEXT) : combined;
  const media: string[] = [];
  for (const candidate of entry.media) {
    const resolved = resolveUrl(candidate, base);
    if (resolved && resolved.length <= MAX_URL && !media.includes(resolved)) media.push(resolved);
    if (media.length === MAX_MEDIA) break;
  }
  return {
    extId,
    url: url !== null && url.length <= MAX_URL ? url : null,
    authorHandle: null,
    authorName: clip(entry.authorName, MAX_NAME),
    title: clip(title, MAX_TITLE),
    text,
    html,
    language: entry.language === '' ? null : clip(entry.language ?? context.language, MAX_LANGUAGE),
    publishedAt: parseDate(entry.date, context.now),
    engagement: {},
    mediaUrls: media,
  };
}
