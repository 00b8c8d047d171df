import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const tokenCookie = 'riposte_session';

export function newSessionToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameToken(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieToken(request: IncomingMessage): string | null {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === tokenCookie) return value.join('=');
  }
  return null;
}

/**
 * Only names that resolve to this machine may address the host: a page on another site
 * that rebinds its DNS name to 127.0.0.1 still sends its own name and is refused.
 */
export function isAllowedHost(hostHeader: string | undefined, port: number, bindHost: string): boolean {
  if (!hostHeader) return false;
  const allowed = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${bindHost}:${port}`]);
  return allowed.has(hostHeader.toLowerCase());
}

/** The page's own origin only: a WebSocket opened by a page of another site (or scheme) is refused. */
export function isAllowedOrigin(
  origin: string | undefined,
  hostHeader: string | undefined,
  scheme: 'http' | 'https' = 'http',
): boolean {
  return (
    origin !== undefined &&
    hostHeader !== undefined &&
    origin.toLowerCase() === `${scheme}://${hostHeader.toLowerCase()}`
  );
}
