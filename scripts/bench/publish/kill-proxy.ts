/**
 * An HTTP relay between the child's core and a local publishing server (Mastodon or the
 * Bluesky PDS), both on 127.0.0.1, that tells the soak where each post (a status POST, a
 * createRecord) is, so a kill can land exactly around the
 * send: when the request arrived (the server never sees it), once the server stored the
 * post (the answer is never relayed: the crash between send and acknowledgement), or just
 * after the answer went back (the core may not have written it down yet).
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SendPhase = 'arrived' | 'committed' | 'relayed';

/** Returns true when the child was killed at this phase: the exchange then goes no further. */
export type PhaseHook = (phase: SendPhase) => boolean;

/** Which requests are posts: Mastodon's status POST unless told otherwise. */
export type IsPost = (method: string | undefined, url: string) => boolean;
export const mastodonStatusPost: IsPost = (method, url) => method === 'POST' && url.startsWith('/api/v1/statuses');
export const blueskyCreateRecord: IsPost = (method, url) =>
  method === 'POST' && url.startsWith('/xrpc/com.atproto.repo.createRecord');

const hopHeaders = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);

export async function startKillProxy(target: string, onStatusPost: PhaseHook, isPost: IsPost = mastodonStatusPost) {
  const upstream = new URL(target);
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const post = isPost(incoming.method, incoming.url ?? '');
      if (post && onStatusPost('arrived')) return void incoming.socket.destroy();
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (typeof value === 'string' && !hopHeaders.has(name)) headers[name] = value;
      }
      const forwarded = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => {
            if (post && onStatusPost('committed')) return void incoming.socket.destroy();
            const back: Record<string, string> = {};
            for (const [name, value] of Object.entries(answer.headers)) {
              if (typeof value === 'string' && !hopHeaders.has(name)) back[name] = value;
            }
            outgoing.writeHead(answer.statusCode ?? 502, back);
            outgoing.end(Buffer.concat(body));
            if (post) onStatusPost('relayed');
          });
          answer.on('error', () => incoming.socket.destroy());
        },
      );
      // The server dropped the socket (a drop after commit): the child sees the same reset.
      forwarded.on('error', () => incoming.socket.destroy());
      // The child gave up or died: the server sees its side close too (a stalled answer is released).
      outgoing.on('close', () => forwarded.destroy());
      forwarded.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
