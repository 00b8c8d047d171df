/**
 * One HTTP exchange as a publishing client needs it: a deadline on every request, and a
 * thrown error sorted by whether the request can have reached the server. A failure while
 * connecting (refused, DNS, unreachable, TLS) means nothing was sent, so the outbox may send
 * again; anything later (reset, timeout, a body cut short) may have posted and is `unknown`.
 */

import { publishProblem, type PublishProblem } from '../../../../shared/publishing/publish-problem';

/** Codes undici and Node give while connecting, before a byte of the request is written. */
const BEFORE_SENDING = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export type TransportFailure = { kind: 'offline' | 'unknown'; problem: PublishProblem };

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current instanceof Error; depth += 1) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string') codes.push(code);
    if (current instanceof AggregateError) for (const inner of current.errors) codes.push(...errorCodes(inner));
    current = current.cause;
  }
  return codes;
}

export function classifyTransportError(error: unknown): TransportFailure {
  const codes = errorCodes(error);
  if (codes.some((code) => BEFORE_SENDING.has(code) || code.startsWith('ERR_TLS') || code.includes('CERT'))) {
    return { kind: 'offline', problem: publishProblem('unreachable', { detail: codes.join(', ') }) };
  }
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { kind: 'unknown', problem: publishProblem('noAnswerInTime') };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'unknown', problem: publishProblem('connectionLost', { detail: codes.join(', ') || detail }) };
}

/** The caller's signal (outbox cancel, shutdown) and this request's own deadline. */
export function withDeadline(signal: AbortSignal | null | undefined, deadlineMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(deadlineMs);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

export type Exchange = { kind: 'answered'; status: number; headers: Headers; body: string } | TransportFailure;

export interface ExchangeRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: URL;
  headers?: Record<string, string>;
  body?: string | FormData;
  signal: AbortSignal;
  deadlineMs: number;
  fetch?: typeof globalThis.fetch;
}

/** Sends one request and reads the whole body inside the deadline. */
export async function exchange(request: ExchangeRequest): Promise<Exchange> {
  const doFetch = request.fetch ?? globalThis.fetch;
  try {
    const response = await doFetch(request.url, {
      method: request.method,
      headers: { accept: 'application/json', ...request.headers },
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: withDeadline(request.signal, request.deadlineMs),
      redirect: 'error',
    });
    const body = await response.text();
    return { kind: 'answered', status: response.status, headers: response.headers, body };
  } catch (error) {
    return classifyTransportError(error);
  }
}

/** Retry-After as an absolute time: delta-seconds or an HTTP date. */
export function retryAfterAt(value: string | null, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return now + Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(at, now);
}

/** A JSON body, or null when it is not JSON (a proxy's HTML page, a truncated answer). */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return null;
  }
}
