import { STATUS_CODES } from 'node:http';
import { said, type SaidProblem } from '../../../shared/sources/health-problem';
import type { FetchFailureKind, PoliteResponse } from './types';

export type FailedResponse = Extract<PoliteResponse, { status: 'failed' }>;

/** Network errors that mean "we are not connected", shown as a state rather than an error. */
// ECONNREFUSED is not here: a refused connection means the network works and that server
// is down, which the source's health must say rather than "waiting for network".
const OFFLINE_CODES = new Set([
  'ENOTFOUND',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EADDRNOTAVAIL',
]);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** A failed fetch: why, as a code the health line translates, with its English sentence. */
export function failure(
  kind: FetchFailureKind,
  why: SaidProblem,
  httpStatus: number | null = null,
  retryAfterMs: number | null = null,
): FailedResponse {
  return { status: 'failed', kind, httpStatus, retryAfterMs, message: why.message, problem: why.problem };
}

export function statusLine(status: number): string {
  const reason = STATUS_CODES[status];
  return reason ? `${status} ${reason}` : String(status);
}

export function httpFailure(status: number, retryAfterMs: number | null): FailedResponse {
  const line = statusLine(status);
  if (status === 429 || (status === 503 && retryAfterMs !== null)) {
    const why =
      retryAfterMs === null
        ? said('httpStatus', { status: line })
        : said('rateLimitedWait', { status: line, waitMs: retryAfterMs });
    return failure('rate_limited', why, status, retryAfterMs);
  }
  return failure('http', said('httpStatus', { status: line }), status, retryAfterMs);
}

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string') codes.push(code);
    if (current instanceof AggregateError) {
      for (const inner of current.errors) codes.push(...errorCodes(inner));
    }
    current = current.cause;
  }
  return codes;
}

/** Turns a thrown network error into a failure a person can read on the source health line. */
export function classifyNetworkError(error: unknown, timeoutMs: number): FailedResponse {
  const codes = errorCodes(error);
  if (codes.some((code) => OFFLINE_CODES.has(code))) return failure('offline', said('offline'));
  if (codes.some((code) => TIMEOUT_CODES.has(code))) return timeoutFailure(timeoutMs);
  const detail = error instanceof Error ? error.message : String(error);
  if (codes.some((code) => code.startsWith('ERR_TLS') || code.includes('CERT'))) {
    return failure('bad_response', said('untrustedCertificate', { detail }));
  }
  if (codes.includes('ECONNREFUSED')) {
    return failure('http', said('connectionRefused'));
  }
  if (codes.some((code) => code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')) {
    return failure('bad_response', said('connectionClosed'));
  }
  return failure('bad_response', said('requestFailed', { detail }));
}

export function timeoutFailure(timeoutMs: number): FailedResponse {
  return failure('timeout', said('timeout', { timeoutMs }));
}
