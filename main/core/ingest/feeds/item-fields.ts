import { createHash } from 'node:crypto';
import type { NormalizedItem } from '../../../../shared/domain/item';
import { collapseWhitespace, sanitizeWithText } from '../../sanitize/sanitize-html';

const MAX_EXT_ID = 2048;
const MAX_URL = 4096;
const MAX_NAME = 512;
const MAX_LANGUAGE = 16;
const MAX_TEXT = 100_000;
const MAX_HTML = 200_000;
const MAX_MEDIA = 16;

/** What a format-specific reader found in one entry, before limits and sanitizing. */
export interface RawEntry {
  id: string | null;
  link: string | null;
  title: string | null;
  /** Markup as the feed gave it (RSS description, content:encoded, Atom html content). */
  html: string | null;
  /** Text the feed marked as plain (Atom type="text", JSON content_text). */
  plainText: string | null;
  authorName: string | null;
  date: string | null;
  language: string | null;
  media: ReadonlyArray<string | undefined>;
  /** The entry's own xml:base chain, already resolved; null when it has none. */
  base: string | null;
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

function titleText(title: string | null): string {
  if (!title) return '';
  // Titles are text in theory and HTML in practice (entities, the odd <sup>).
  if (!title.includes('<') && !title.includes('&')) return collapseWhitespace(title);
  return sanitizeWithText(title).text;
}

/** guid/id, else the link, else a hash of title and date: stable across polls, known before sanitizing. */
export function entryExtId(entry: RawEntry, base: string | null): string {
  const chosen = clip(entry.id, Number.POSITIVE_INFINITY) ?? resolveUrl(entry.link, base ?? null);
  if (chosen && chosen.length <= MAX_EXT_ID) return chosen;
  const digest = createHash('sha256')
    .update(chosen ?? `${entry.title ?? ''}\u0000${entry.date ?? ''}`)
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
  const title = titleText(entry.title);
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
    text,
    html,
    language: clip(entry.language ?? context.language, MAX_LANGUAGE),
    publishedAt: parseDate(entry.date, context.now),
    engagement: {},
    mediaUrls: media,
  };
}
