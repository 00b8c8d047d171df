import { STATUS_CODES } from 'node:http';
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

export const OFFLINE_MESSAGE = 'No network: waiting to reconnect';

export function failure(
  kind: FetchFailureKind,
  message: string,
  httpStatus: number | null = null,
  retryAfterMs: number | null = null,
): FailedResponse {
  return { status: 'failed', kind, httpStatus, retryAfterMs, message };
}

export function statusLine(status: number): string {
  const reason = STATUS_CODES[status];
  return reason ? `${status} ${reason}` : String(status);
}

export function formatDuration(ms: number): string {
  if (ms < 10_000) {
    const tenths = Math.round(ms / 100) / 10;
    return `${tenths} second${tenths === 1 ? '' : 's'}`;
  }
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} minutes`;
  return `${Math.round(minutes / 60)} hours`;
}

export function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${bytes} bytes`;
}

export function httpFailure(status: number, retryAfterMs: number | null): FailedResponse {
  const answered = `The server answered ${statusLine(status)}`;
  if (status === 429 || (status === 503 && retryAfterMs !== null)) {
    const wait = retryAfterMs === null ? '' : `; asked us to wait ${formatDuration(retryAfterMs)}`;
    return failure('rate_limited', `${answered}${wait}`, status, retryAfterMs);
  }
  return failure('http', answered, status, retryAfterMs);
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
  if (codes.some((code) => OFFLINE_CODES.has(code))) return failure('offline', OFFLINE_MESSAGE);
  if (codes.some((code) => TIMEOUT_CODES.has(code))) return timeoutFailure(timeoutMs);
  const detail = error instanceof Error ? error.message : String(error);
  if (codes.some((code) => code.startsWith('ERR_TLS') || code.includes('CERT'))) {
    return failure('bad_response', `The server's secure connection could not be trusted (${detail})`);
  }
  if (codes.includes('ECONNREFUSED')) {
    return failure('http', 'The server refused the connection: it may be down or the address may be wrong');
  }
  if (codes.some((code) => code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')) {
    return failure('bad_response', 'The server closed the connection before the feed was complete');
  }
  return failure('bad_response', `The request failed: ${detail}`);
}

export function timeoutFailure(timeoutMs: number): FailedResponse {
  return failure('timeout', `The server did not answer within ${formatDuration(timeoutMs)}`);
}
