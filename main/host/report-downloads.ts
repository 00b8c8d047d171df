import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';

const route = /^\/exports\/([\w.-]{1,160})$/;
const types: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  pdf: 'application/pdf',
};

/**
 * Serves `/exports/<file>` from `<data dir>/exports/` as a download (serve mode's way of
 * handing over a report export). Names are one plain segment, so nothing outside the
 * folder can be asked for. Returns false when the path is not that route.
 */
export function serveReportDownload(
  dataDir: string,
  urlPath: string,
  response: ServerResponse,
  headers: Record<string, string>,
): boolean {
  if (!urlPath.startsWith('/exports/')) return false;
  const name = route.exec(urlPath)?.[1];
  const type = name ? types[name.split('.').pop() ?? ''] : undefined;
  const file = name ? join(dataDir, 'exports', name) : null;
  let size: number | undefined;
  try {
    if (file && type && !name?.startsWith('.')) size = statSync(file).isFile() ? statSync(file).size : undefined;
  } catch {
    size = undefined;
  }
  if (!file || !type || size === undefined) {
    response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    response.end('No such export.');
    return true;
  }
  response.writeHead(200, {
    ...headers,
    'content-type': type,
    'content-length': String(size),
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-store',
  });
  createReadStream(file).pipe(response);
  return true;
}
