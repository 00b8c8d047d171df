import { net, protocol } from 'electron';
import { statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { assetForUrlPath, sniffImageType } from '../core/assets/asset-folder';
import { appScheme, contentSecurityPolicy } from './hardening';

/** Must run before `app.ready`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves the built renderer from `riposte://app/…`, and the rooms' images from
 * `riposte://app/assets/<roomId>/<name>` (in `dataDir`), with the CSP on every response.
 */
export function serveRenderer(rendererDir: string, dataDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const { pathname } = new URL(request.url);
    const asset = assetForUrlPath(dataDir, pathname);
    if (asset === null) return notFound();
    let target: string;
    if (asset === undefined) {
      const file = normalize(join(rendererDir, decodeURIComponent(pathname)));
      const inside = file.startsWith(rendererDir + sep);
      target = inside && !file.endsWith(sep) && pathname !== '/' ? file : join(rendererDir, 'index.html');
    } else if (isFile(asset) && sniffImageType(asset)) {
      target = asset;
    } else {
      return notFound();
    }
    let response: Response;
    try {
      response = await net.fetch(pathToFileURL(target).toString());
    } catch {
      // Gone between the check and the read.
      return notFound();
    }
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', contentSecurityPolicy);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function notFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'content-security-policy': contentSecurityPolicy,
      'x-content-type-options': 'nosniff',
    },
  });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
