import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Core } from '../core/create-core';
import { cookieToken, isAllowedHost, isAllowedOrigin, newSessionToken, sameToken, tokenCookie } from './auth';
import { serveReportDownload } from './report-downloads';
import { serveRoomAsset } from './room-assets';
import { serveStatic } from './static-files';
import { createWebSocketApi } from './websocket-api';

export interface HostOptions {
  core: Core;
  rendererDir: string;
  port?: number;
  /** 127.0.0.1 unless the person explicitly asks for another interface. */
  bindHost?: string;
  token?: string;
}

export interface RunningHost {
  url: string;
  /** The address to open: it carries the session token once, then a cookie does. */
  loginUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const apiPath = '/api';

function securityHeaders(hostHeader: string): Record<string, string> {
  return {
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' https: data:",
      `connect-src 'self' ws://${hostHeader}`,
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
}

function refuse(response: ServerResponse, status: number, text: string) {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}

const unauthorizedText =
  'Riposte: this address needs the session token. Open the address printed by `npm run serve` (it ends with ?token=…).';

export async function startHost({
  core,
  rendererDir,
  port = 0,
  bindHost = '127.0.0.1',
  token = newSessionToken(),
}: HostOptions): Promise<RunningHost> {
  const websocketApi = createWebSocketApi(core);
  let boundPort = port;

  const handleRequest = (request: IncomingMessage, response: ServerResponse) => {
    const host = request.headers.host;
    if (!isAllowedHost(host, boundPort, bindHost) || !host) return refuse(response, 421, 'Unknown host name.');
    const url = new URL(request.url ?? '/', `http://${host}`);
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed.');

    const queryToken = url.searchParams.get('token');
    if (sameToken(queryToken, token)) {
      // Trade the token in the address for a cookie, and take it out of the address bar.
      url.searchParams.delete('token');
      response.writeHead(302, {
        location: url.pathname + url.search + url.hash,
        'set-cookie': `${tokenCookie}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      response.end();
      return;
    }
    if (!sameToken(cookieToken(request), token)) return refuse(response, 401, unauthorizedText);
    const headers = securityHeaders(host);
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
    if (!isAllowedHost(host, boundPort, bindHost)) return reject('421 Misdirected Request');
    if (!sameToken(cookieToken(request), token) && !sameToken(url.searchParams.get('token'), token)) {
      return reject('401 Unauthorized');
    }
    if (!isAllowedOrigin(request.headers.origin, host)) return reject('403 Forbidden');
    websocketApi.upgrade(request, socket, head);
  };

  const server = createServer(handleRequest);
  server.on('upgrade', handleUpgrade);
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, bindHost, () => resolve());
  });
  boundPort = (server.address() as AddressInfo).port;
  const displayHost = bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  const base = `http://${displayHost}:${boundPort}/`;
  core.log.info('Serve mode listening', { url: base });

  return {
    url: base,
    loginUrl: `${base}?token=${token}`,
    port: boundPort,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        websocketApi.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
