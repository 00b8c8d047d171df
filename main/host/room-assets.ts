import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { assetForUrlPath, sniffImageType } from '../core/assets/asset-folder';

/**
 * Serves `/assets/<roomId>/<name>` from the rooms' asset folders. Returns false when the
 * path is not that route, so the caller serves the renderer instead. A refused or missing
 * image is a 404, never index.html: an <img> must not receive a page.
 */
export function serveRoomAsset(
  dataDir: string,
  urlPath: string,
  response: ServerResponse,
  headers: Record<string, string>,
): boolean {
  const file = assetForUrlPath(dataDir, urlPath);
  if (file === undefined) return false;
  let size: number | undefined;
  if (file) {
    try {
      const stat = statSync(file);
      if (stat.isFile()) size = stat.size;
    } catch {
      // Missing: answered below like a refused name.
    }
  }
  // What the bytes are, not what the name says: a renamed text file is not served as an image.
  const type = file && size !== undefined ? sniffImageType(file) : undefined;
  if (!file || size === undefined || !type) {
    response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    response.end('No such image in this room’s asset folder.');
    return true;
  }
  response.writeHead(200, {
    ...headers,
    'content-type': type,
    'content-length': String(size),
    // The team may replace a file under the same name; always revalidate.
    'cache-control': 'no-cache',
  });
  createReadStream(file).pipe(response);
  return true;
}
