import { said } from '../../../../shared/sources/health-problem';
import type { PoliteFetcher, PoliteRequest, PoliteResponse } from '../types';

/**
 * A tiny PoliteFetcher on top of global fetch, for protocol tests only: it maps statuses to
 * the same result shape as the real fetcher (429/503 + Retry-After → rate_limited, other
 * 4xx/5xx → http, refused → offline) without its limits, caching or body cap.
 */
export function createTestFetcher(): PoliteFetcher & { requests: PoliteRequest[] } {
  const requests: PoliteRequest[] = [];
  return {
    requests,
    async get(request: PoliteRequest): Promise<PoliteResponse> {
      requests.push(request);
      const headers: Record<string, string> = { ...request.headers };
      if (request.etag) headers['if-none-match'] = request.etag;
      if (request.lastModified) headers['if-modified-since'] = request.lastModified;
      let response: Response;
      try {
        response = await fetch(request.url, {
          headers,
          signal: request.signal ?? AbortSignal.timeout(request.timeoutMs ?? 20_000),
        });
      } catch (error) {
        return {
          status: 'failed',
          kind: 'offline',
          httpStatus: null,
          retryAfterMs: null,
          message: `Could not reach the server: ${error instanceof Error ? error.message : String(error)}`,
          problem: said('offline').problem,
        };
      }
      if (response.status === 304) return { status: 'not_modified', finalUrl: response.url, maxAgeMs: null };
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      if (response.status === 429 || (response.status === 503 && retryAfter !== null)) {
        await response.body?.cancel();
        return {
          status: 'failed',
          kind: 'rate_limited',
          httpStatus: response.status,
          retryAfterMs: retryAfter,
          message: `The server asked us to slow down (${response.status})`,
          problem: said('httpStatus', { status: String(response.status) }).problem,
        };
      }
      if (response.status >= 400) {
        await response.body?.cancel();
        return {
          status: 'failed',
          kind: 'http',
          httpStatus: response.status,
          retryAfterMs: retryAfter,
          message: `The server answered ${response.status} ${response.statusText}`,
          problem: said('httpStatus', { status: `${response.status} ${response.statusText}` }).problem,
        };
      }
      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, key) => {
        responseHeaders[key.toLowerCase()] = value;
      });
      return {
        status: 'ok',
        httpStatus: response.status,
        finalUrl: response.url,
        body: Buffer.from(await response.arrayBuffer()),
        contentType: response.headers.get('content-type'),
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
        maxAgeMs: null,
        headers: responseHeaders,
      };
    },
  };
}

function parseRetryAfter(value: string | null): number | null {
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : null;
}
