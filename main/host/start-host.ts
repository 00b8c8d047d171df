import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Duplex } from 'node:stream';
import type { Core } from '../core/create-core';
import { createSession, type Session } from '../core/session/session';
import { cookieToken, isAllowedHost, isAllowedOrigin, newSessionToken, sameToken, tokenCookie } from './auth';
import { serveReportDownload } from './report-downloads';
import type { HostCertificate } from './certificate';
import { createFailureLimiter } from './rate-limit';
import { serveRoomAsset } from './room-assets';
import { teammateMayFetch } from './room-files';
import { serveStatic } from './static-files';
import { joinLocale, noSessionPage } from './join-page';
import { clientAddress, fromThisMachine, handleJoin, sessionCookie } from './team-requests';
import { createWebSocketApi, type WebSocketLimits } from './websocket-api';

export interface HostOptions {
  core: Core;
  rendererDir: string;
  port?: number;
  /** 127.0.0.1 unless the person explicitly asks for another interface. */
  bindHost?: string;
  token?: string;
  /** Hosting for the team: HTTPS with this certificate, invites and per-person sessions. */
  team?: { certificate: HostCertificate };
  /** Per-socket memory and connection caps (tests lower them). */
  limits?: WebSocketLimits;
}

export interface RunningHost {
  url: string;
  /** The address to open: it carries the session token once, then a cookie does. */
  loginUrl: string;
  port: number;
  token: string;
  /** Every address teammates can open (team mode), first the one to share. */
  addresses: string[];
  fingerprint: string | null;
  /** WebSocket connections open now. */
  connections(): number;
  close(): Promise<void>;
}

const apiPath = '/api';

function securityHeaders(hostHeader: string, scheme: 'http' | 'https'): Record<string, string> {
  return {
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' https: data:",
      `connect-src 'self' ${scheme === 'https' ? 'wss' : 'ws'}://${hostHeader}`,
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    ...(scheme === 'https' ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
}

function refuse(response: ServerResponse, status: number, text: string, extra: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...extra });
  response.end(text);
}

const unauthorizedText =
  'Riposte: this address needs the session token. Open the address printed by `npm run serve` (it ends with ?token=…).';
const teamUnauthorizedText =
  'Riposte: no valid session (never joined, revoked, or you left the team). Ask the lead for an invite and open its link, or go to /join and type its code.';

const bracket = (host: string) => (host.includes(':') ? `[${host}]` : host);

/** The addresses a teammate can reach: the bound one, or every interface's when bound to all. */
function servedHosts(bindHost: string): string[] {
  if (bindHost !== '0.0.0.0' && bindHost !== '::') return [bindHost];
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((info) => (info && (info.family === 'IPv4' || bindHost === '::') ? [info.address] : []));
}

export async function startHost({
  core,
  rendererDir,
  port = 0,
  bindHost = '127.0.0.1',
  token = newSessionToken(),
  team,
  limits,
}: HostOptions): Promise<RunningHost> {
  const scheme = team ? 'https' : 'http';
  const websocketApi = createWebSocketApi(core, limits);
  let boundPort = port;
  const hosts = servedHosts(bindHost);
  const hostAllowed = (header: string | undefined) =>
    hosts.some((host) => isAllowedHost(header, boundPort, bracket(host).toLowerCase()));
  // Wrong codes at /join, and cookies that match no session: per address, 10 per 15 minutes.
  const limiter = createFailureLimiter({ limit: 10, windowMs: 15 * 60_000 });

  // Team mode: the printed token is traded for a cookie of its own (never the token itself), one
  // per login, valid while this host runs, so a cookie lifted from this machine is not the
  // address the host printed, and the printed address is not a cookie anyone can replay.
  const ownerCookies = new Set<string>();
  const isOwnerCookie = (given: string) => [...ownerCookies].some((cookie) => sameToken(given, cookie));

  /** The session a request's cookie carries: the owner's (this machine only, in team mode) or a teammate's. */
  const sessionOf = (request: IncomingMessage): Session | null => {
    const given = cookieToken(request);
    if (given === null) return null;
    if (!team) return sameToken(given, token) ? createSession() : null;
    if (isOwnerCookie(given) && fromThisMachine(request)) return createSession();
    const session = core.access.sessionFor(given);
    if (!session) limiter.fail(clientAddress(request));
    return session;
  };

  const handleRequest = (request: IncomingMessage, response: ServerResponse) => {
    const host = request.headers.host;
    if (!hostAllowed(host) || !host) return refuse(response, 421, 'Unknown host name.');
    const url = new URL(request.url ?? '/', `${scheme}://${host}`);
    const headers = securityHeaders(host, scheme);
    if (
      team &&
      handleJoin(request, response, url.pathname, { core, fingerprint: team.certificate.fingerprint, limiter, headers })
    ) {
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed.');
    const address = clientAddress(request);
    if (team && limiter.blocked(address)) {
      return refuse(response, 429, 'Too many failed attempts from this address; wait and try again.', {
        'retry-after': String(limiter.retryAfterSeconds(address)),
      });
    }

    const queryToken = url.searchParams.get('token');
    if (sameToken(queryToken, token) && (!team || fromThisMachine(request))) {
      // Trade the token in the address for a cookie, and take it out of the address bar.
      url.searchParams.delete('token');
      const cookie = team ? newSessionToken() : token;
      if (team) ownerCookies.add(cookie);
      response.writeHead(302, {
        location: url.pathname + url.search + url.hash,
        'set-cookie': team ? sessionCookie(cookie) : `${tokenCookie}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      response.end();
      return;
    }
    if (queryToken !== null && team) limiter.fail(address);
    const session = sessionOf(request);
    if (!session) {
      if (team && cookieToken(request) === null && url.pathname === '/') {
        response.writeHead(302, { location: '/join', 'cache-control': 'no-store' });
        response.end();
        return;
      }
      if (team && request.method === 'GET' && url.pathname === '/') {
        // A teammate's tab (never joined, revoked, or left the team): what happened and what to do, in their language.
        response.writeHead(401, {
          ...headers,
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
        });
        response.end(noSessionPage(joinLocale(request)));
        return;
      }
      return refuse(response, 401, team ? teamUnauthorizedText : unauthorizedText);
    }
    if (session.binding && !teammateMayFetch(url.pathname, session.binding.roomId)) {
      return refuse(response, 404, 'Nothing of that name in your room.');
    }
    if (serveRoomAsset(core.dataDir, url.pathname, response, headers)) return;
    if (serveReportDownload(core.dataDir, url.pathname, response, headers)) return;
    serveStatic(rendererDir, url.pathname, response, headers);
  };

  const handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const host = request.headers.host;
    const url = new URL(request.url ?? '/', 'http://placeholder');
    const reject = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== apiPath) return reject('404 Not Found');
    if (!hostAllowed(host)) return reject('421 Misdirected Request');
    if (!isAllowedOrigin(request.headers.origin, host, scheme)) return reject('403 Forbidden');
    if (team && limiter.blocked(clientAddress(request))) return reject('429 Too Many Requests');
    let session = sessionOf(request);
    if (!session && !team && sameToken(url.searchParams.get('token'), token)) session = createSession();
    if (!session) return reject('401 Unauthorized');
    websocketApi.upgrade(request, socket, head, session);
  };

  const server = team
    ? createHttpsServer({ cert: team.certificate.cert, key: team.certificate.key }, handleRequest)
    : createServer(handleRequest);
  server.on('upgrade', handleUpgrade);
  server.on('clientError', (_error, socket) => socket.destroy());
  server.on('tlsClientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, bindHost, () => resolve());
  });
  boundPort = (server.address() as AddressInfo).port;
  const base = `${scheme}://${bracket(bindHost)}:${boundPort}/`;
  const addresses = hosts.map((host) => `${scheme}://${bracket(host)}:${boundPort}`);
  if (team) core.access.setHosting({ addresses, fingerprint: team.certificate.fingerprint });
  core.log.info('Serve mode listening', { url: base, team: Boolean(team) });

  return {
    url: base,
    loginUrl: `${base}?token=${token}`,
    port: boundPort,
    token,
    addresses,
    fingerprint: team?.certificate.fingerprint ?? null,
    connections: websocketApi.connections,
    close: () =>
      new Promise<void>((resolve) => {
        if (team) core.access.setHosting(null);
        websocketApi.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
