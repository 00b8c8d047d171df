import type { IncomingHttpHeaders } from 'node:http';

/** A server may not hold us off longer than this with max-age: a live event cannot wait a day for news. */
export const MAX_CACHE_AGE_MS = 5 * 60 * 60 * 1000;
/** A Retry-After further out than this is treated as a typo, not a request to stop for days. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

export type HeaderValue = string | string[] | undefined;

export function headerText(headers: IncomingHttpHeaders | Record<string, HeaderValue>, name: string): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Cache-Control max-age in ms, capped at 5 h; null when absent or when caching is refused. */
export function parseMaxAge(cacheControl: string | null): number | null {
  if (!cacheControl) return null;
  const directives = cacheControl
    .toLowerCase()
    .split(',')
    .map((part) => part.trim());
  if (directives.some((d) => d === 'no-store' || d === 'no-cache')) return null;
  for (const directive of directives) {
    const match = /^max-age\s*=\s*"?(\d+)"?$/.exec(directive);
    if (match?.[1] !== undefined) return Math.min(Number(match[1]) * 1000, MAX_CACHE_AGE_MS);
  }
  return null;
}

/** Retry-After as a delay in ms: either delta-seconds or an HTTP date relative to `now`. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(at - now, 0), MAX_RETRY_AFTER_MS);
}
