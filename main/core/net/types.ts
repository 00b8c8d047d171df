import type { HealthProblem } from '../../../shared/sources/health-problem';

/**
 * The polite HTTP client every poller uses (conditional GET, limits, back-off). One instance per core:
 * it owns the global (16) and per-host (2) in-flight limits.
 */
export interface PoliteRequest {
  url: string;
  /** Validators from the previous 200, sent as If-None-Match / If-Modified-Since. */
  etag?: string | null;
  lastModified?: string | null;
  headers?: Record<string, string>;
  /** Defaults: 20 s timeout, 15 MiB body cap after decompression. */
  timeoutMs?: number;
  maxBodyBytes?: number;
  signal?: AbortSignal;
}

export type FetchFailureKind =
  | 'offline' // DNS / connection refused / no route: "waiting for network", not an error storm
  | 'timeout'
  | 'http' // 4xx/5xx other than 429
  | 'rate_limited' // 429 or 503 with Retry-After
  | 'too_large'
  | 'redirect_loop'
  | 'bad_response'; // e.g. broken compression

export type PoliteResponse =
  | {
      status: 'ok';
      httpStatus: number;
      finalUrl: string;
      body: Buffer;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
      /** From Cache-Control max-age, capped at 5 h; null when absent. */
      maxAgeMs: number | null;
      /** Response headers, names lower-cased (e.g. Reddit's x-ratelimit-remaining). Optional for fetchers that do not keep them. */
      headers?: Record<string, string>;
    }
  | { status: 'not_modified'; finalUrl: string; maxAgeMs: number | null }
  | {
      status: 'failed';
      kind: FetchFailureKind;
      httpStatus: number | null;
      /** From Retry-After, when the server gave one. */
      retryAfterMs: number | null;
      /** Plain English words, e.g. "The server answered 404 Not Found" (logs, the report). */
      message: string;
      /** The same as a code and its parameters, which the health line says in the reader's language. */
      problem: HealthProblem;
    };

export interface PoliteFetcher {
  get(request: PoliteRequest): Promise<PoliteResponse>;
}
