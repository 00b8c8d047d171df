import { Agent, request } from 'undici';
import { said } from '../../../shared/sources/health-problem';
import { classifyNetworkError, failure, httpFailure, timeoutFailure } from './fetch-failure';
import { createHostLimiter } from './host-limiter';
import { BadEncodingError, BodyTooLargeError, readBody } from './read-body';
import { isPrivateHost, PrivateAddressError, publicOnlyLookup, type Lookup } from './private-addresses';
import { headerText, parseMaxAge, parseRetryAfter } from './response-headers';
import type { PoliteFetcher, PoliteRequest, PoliteResponse } from './types';

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_BODY_BYTES = 15 * 1024 * 1024;
export const MAX_REDIRECTS = 5;
export const DEFAULT_USER_AGENT = 'Riposte/0.1 (feed reader; polls politely)';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, ' +
  'application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8';

export interface PoliteFetcherOptions {
  userAgent?: string;
  maxInFlight?: number;
  maxPerHost?: number;
  /** Clock used to read Retry-After dates; injectable for tests. */
  now?: () => number;
  /**
   * Whether an address the person typed may be inside this machine or its network
   * (a feed on the LAN). Redirects into such addresses are never followed. Default true.
   */
  allowTypedPrivate?: boolean;
  /** Host name resolution (tests point names at loopback); the private-address check wraps it. */
  lookup?: Lookup;
}

export interface ClosablePoliteFetcher extends PoliteFetcher {
  /** Closes idle keep-alive connections; pending requests finish first. */
  close(): Promise<void>;
}

class TimedOut extends Error {}

export function createPoliteFetcher(options: PoliteFetcherOptions = {}): ClosablePoliteFetcher {
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const now = options.now ?? Date.now;
  const limiter = createHostLimiter(options.maxInFlight ?? 16, options.maxPerHost ?? 2);
  // Own agent: our keep-alive pool and limits never mix with other undici users in the process.
  // Two pools: names resolved for the public agent must not resolve inside (checked at connect
  // time, so DNS rebinding gains nothing); the open one serves only a private address the person typed.
  const agent = new Agent({
    keepAliveTimeout: 10_000,
    connections: options.maxPerHost ?? 2,
    connect: { lookup: publicOnlyLookup(options.lookup) },
  });
  const typedPrivateAgent = new Agent({
    keepAliveTimeout: 10_000,
    connections: options.maxPerHost ?? 2,
    ...(options.lookup ? { connect: { lookup: options.lookup } } : {}),
  });
  const allowTypedPrivate = options.allowTypedPrivate ?? true;

  async function get(req: PoliteRequest): Promise<PoliteResponse> {
    const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const maxBodyBytes = req.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const timer = new AbortController();
    // One budget for the whole fetch: queueing, every redirect hop and the body.
    const handle = setTimeout(() => timer.abort(new TimedOut('timeout')), timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timer.signal]) : timer.signal;
    try {
      return await follow(req, signal, maxBodyBytes, timeoutMs);
    } catch (error) {
      if (timer.signal.aborted) return timeoutFailure(timeoutMs);
      if (req.signal?.aborted) throw req.signal.reason;
      if (error instanceof BodyTooLargeError) {
        return failure('too_large', said('tooLarge', { maxBytes: error.maxBytes }));
      }
      if (error instanceof BadEncodingError) return failure('bad_response', error.why);
      if (causedByPrivateAddress(error)) return failure('bad_response', said('privateAddress'));
      return classifyNetworkError(error, timeoutMs);
    } finally {
      clearTimeout(handle);
    }
  }

  async function follow(
    req: PoliteRequest,
    signal: AbortSignal,
    maxBodyBytes: number,
    timeoutMs: number,
  ): Promise<PoliteResponse> {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return failure('bad_response', said('invalidAddress'));
    }
    const visited = new Set<string>();
    // A private address is fetched only when typed, and redirects stay on that very host.
    const typedHost = url.hostname;
    const typedPrivate = allowTypedPrivate && isPrivateHost(typedHost);
    for (let hop = 0; ; hop += 1) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return failure('bad_response', said('unsupportedScheme', { scheme: url.protocol }));
      }
      const open = typedPrivate && url.hostname === typedHost;
      if (!open && isPrivateHost(url.hostname)) return failure('bad_response', said('privateAddress'));
      visited.add(url.href);
      const release = await limiter.acquire(url.host, signal);
      try {
        const res = await request(url, {
          method: 'GET',
          dispatcher: open ? typedPrivateAgent : agent,
          signal,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          headers: requestHeaders(req, userAgent),
        });
        const status = res.statusCode;
        const location = headerText(res.headers, 'location');
        if (REDIRECT_STATUSES.has(status) && location) {
          await discard(res.body);
          const next = resolveLocation(location, url);
          if (next === null) return failure('bad_response', said('badRedirect'), status);
          if (visited.has(next.href)) return failure('redirect_loop', said('redirectLoop'), status);
          if (hop + 1 > MAX_REDIRECTS) {
            return failure('redirect_loop', said('tooManyRedirects', { max: MAX_REDIRECTS }), status);
          }
          url = next;
          continue;
        }
        const maxAgeMs = parseMaxAge(headerText(res.headers, 'cache-control'));
        if (status === 304) {
          await discard(res.body);
          return { status: 'not_modified', finalUrl: url.href, maxAgeMs };
        }
        if (status < 200 || status >= 300) {
          await discard(res.body);
          const retryAfterMs = parseRetryAfter(headerText(res.headers, 'retry-after'), now());
          return httpFailure(status, retryAfterMs);
        }
        const declared = Number(headerText(res.headers, 'content-length') ?? NaN);
        const encoding = headerText(res.headers, 'content-encoding');
        if (!encoding && Number.isFinite(declared) && declared > maxBodyBytes) {
          dropBody(res.body);
          throw new BodyTooLargeError(maxBodyBytes);
        }
        let body: Buffer;
        try {
          body = await readBody(res.body, encoding, maxBodyBytes);
        } finally {
          dropBody(res.body);
        }
        return {
          status: 'ok',
          httpStatus: status,
          finalUrl: url.href,
          body,
          contentType: headerText(res.headers, 'content-type'),
          etag: headerText(res.headers, 'etag'),
          lastModified: headerText(res.headers, 'last-modified'),
          maxAgeMs,
          headers: lowerCasedHeaders(res.headers),
        };
      } finally {
        release();
      }
    }
  }

  return {
    get,
    close: async () => {
      await Promise.all([agent.close(), typedPrivateAgent.close()]);
    },
  };
}

function causedByPrivateAddress(error: unknown): boolean {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof PrivateAddressError) return true;
  }
  return false;
}

function requestHeaders(req: PoliteRequest, userAgent: string): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  for (const [name, value] of Object.entries(req.headers ?? {})) headers[name.toLowerCase()] = value;
  if (req.etag) headers['if-none-match'] = req.etag;
  if (req.lastModified) headers['if-modified-since'] = req.lastModified;
  return headers;
}

/** Reddit's x-ratelimit-* and other per-protocol headers, for the pollers that read them. */
function lowerCasedHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function resolveLocation(location: string, base: URL): URL | null {
  try {
    return new URL(location, base);
  } catch {
    return null;
  }
}

function dropBody(body: { on(event: 'error', listener: () => void): unknown; destroy(): unknown }): void {
  // Destroying an undici body emits an abort error nobody else is listening for.
  body.on('error', () => undefined);
  body.destroy();
}

/** Drains a small error or redirect body so the connection can be reused, without waiting long. */
async function discard(body: { dump(opts?: { limit?: number }): Promise<void> }): Promise<void> {
  try {
    await body.dump({ limit: 64 * 1024 });
  } catch {
    // The body is thrown away either way.
  }
}
