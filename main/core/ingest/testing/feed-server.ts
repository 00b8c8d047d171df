import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

export interface FeedServer {
  /** e.g. http://127.0.0.1:40123 */
  readonly origin: string;
  url(path: string): string;
  /** Adds or replaces a route; paths match exactly, query string included. */
  route(path: string, handler: RouteHandler): void;
  readonly requests: readonly RecordedRequest[];
  /** Most requests the server was handling at the same moment. */
  readonly maxConcurrent: number;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 for fetcher and poller tests: routes are plain node:http
 * handlers, so a test can send any status, header, encoding or a body that never ends.
 */
export async function startFeedServer(routes: Record<string, RouteHandler> = {}): Promise<FeedServer> {
  const table = new Map(Object.entries(routes));
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let concurrent = 0;
  let maxConcurrent = 0;

  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    concurrent += 1;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      concurrent -= 1;
    };
    res.on('close', finish);
    const handler = table.get(path);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no route');
      return;
    }
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    url: (path) => `${origin}${path}`,
    route: (path, handler) => {
      table.set(path, handler);
    },
    requests,
    get maxConcurrent() {
      return maxConcurrent;
    },
    close: async () => {
      // Hanging routes never end on their own: cut their sockets so close() returns.
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** Serves a fixed body with the given status and headers. */
export function serve(body: string | Buffer, headers: Record<string, string> = {}, status = 200): RouteHandler {
  return (_req, res) => {
    res.writeHead(status, headers).end(body);
  };
}
