import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core/create-core';
import { AppError } from '../core/errors';
import { errorTemplate } from '../../shared/i18n/english-errors';
import enErrors from '../../shared/i18n/locales/en/errors.json';
import frErrors from '../../shared/i18n/locales/fr/errors.json';
import { tokenCookie } from './auth';
import { joinLocale, joinPage, joinScript, joinStrings } from './join-page';
import type { createFailureLimiter } from './rate-limit';

const maxJoinBody = 4096;

/** The peer's address, as the rate limits count it. */
export const clientAddress = (request: IncomingMessage): string => request.socket.remoteAddress ?? 'unknown';

/** A request from this very machine (loopback, or to our own address): where the owner sits. */
export const fromThisMachine = (request: IncomingMessage): boolean => {
  const remote = request.socket.remoteAddress ?? '';
  return (
    remote === request.socket.localAddress ||
    remote === '127.0.0.1' ||
    remote === '::1' ||
    remote === '::ffff:127.0.0.1'
  );
};

export const sessionCookie = (token: string) =>
  `${tokenCookie}=${token}; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=2592000`;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxJoinBody) {
        reject(new Error('too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function json(
  response: ServerResponse,
  status: number,
  body: Record<string, unknown>,
  extra: Record<string, string> = {},
) {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    ...extra,
  });
  response.end(JSON.stringify(body));
}

/**
 * /join (the page an invite opens) and POST /join (redeeming it). Failed redemptions are
 * counted per address; past the limit even a right code gets 429 until the window passes.
 */
export function handleJoin(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  deps: {
    core: Core;
    fingerprint: string;
    limiter: ReturnType<typeof createFailureLimiter>;
    headers: Record<string, string>;
  },
): boolean {
  if (path === '/join.js' && request.method === 'GET') {
    response.writeHead(200, {
      ...deps.headers,
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
    });
    response.end(joinScript);
    return true;
  }
  if (path !== '/join') return false;
  const locale = joinLocale(request);
  if (request.method === 'GET') {
    response.writeHead(200, {
      ...deps.headers,
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
    });
    response.end(joinPage(locale, deps.fingerprint));
    return true;
  }
  if (request.method !== 'POST') {
    json(response, 405, { message: 'Method not allowed.' });
    return true;
  }
  const address = clientAddress(request);
  if (deps.limiter.blocked(address)) {
    const seconds = deps.limiter.retryAfterSeconds(address);
    json(
      response,
      429,
      { code: 'rate_limited', message: joinStrings(locale).tooMany.replace('{{seconds}}', String(seconds)) },
      { 'retry-after': String(seconds) },
    );
    return true;
  }
  void readBody(request)
    .then((text) => {
      const body = JSON.parse(text) as { secret?: unknown; device?: unknown };
      const secret = typeof body.secret === 'string' ? body.secret.slice(0, 200) : '';
      const device = typeof body.device === 'string' ? body.device.trim().slice(0, 100) : '';
      if (!device) {
        json(response, 400, { code: 'invalid_input', field: 'device', message: joinStrings(locale).device });
        return;
      }
      const { token } = deps.core.access.redeem(secret, device);
      json(response, 200, { ok: true }, { 'set-cookie': sessionCookie(token) });
    })
    .catch((error: unknown) => {
      deps.limiter.fail(address);
      if (error instanceof AppError && error.messageKey) {
        const local = errorTemplate(locale === 'fr' ? frErrors : enErrors, error.messageKey) ?? error.message;
        json(response, 401, { code: error.code, messageKey: error.messageKey, message: local });
      } else
        json(response, 400, { code: 'invalid_input', message: 'Send {"secret": "...", "device": "..."} as JSON.' });
    });
  return true;
}
