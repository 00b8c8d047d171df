import { EventEmitter, once } from 'node:events';
import { WebSocketServer, type WebSocket } from 'ws';
import { listenOnLoopback } from './listen';

export interface JetstreamEvent {
  did: string;
  time_us: number;
  kind: 'commit' | 'identity' | 'account';
  commit?: {
    rev: string;
    operation: 'create' | 'update' | 'delete';
    collection: string;
    rkey: string;
    record?: unknown;
    cid?: string;
  };
}

export interface JetstreamConnection {
  cursor: number | null;
  wantedCollections: string[];
  wantedDids: string[];
}

export interface FakeJetstreamServer {
  /** ws://127.0.0.1:PORT/subscribe */
  url: string;
  connections: JetstreamConnection[];
  /** Resolves once `count` connections were accepted. */
  waitForConnections(count: number): Promise<void>;
  close(): Promise<void>;
}

export interface JetstreamScript {
  /** The stream's history, in time_us order. A connection with a cursor replays from the first event at or after it;
   * one without a cursor gets the whole script, standing in for the live tail. */
  events: JetstreamEvent[];
  /** Connection n (0-based) is cut abruptly after sending this many events; absent = sends everything and stays open. */
  dropAfter?: readonly number[];
}

export function makePostEvent(
  did: string,
  rkey: string,
  timeUs: number,
  text: string,
  extra: Record<string, unknown> = {},
): JetstreamEvent {
  return {
    did,
    time_us: timeUs,
    kind: 'commit',
    commit: {
      rev: `rev${timeUs}`,
      operation: 'create',
      collection: 'app.bsky.feed.post',
      rkey,
      cid: `bafy${rkey}`,
      record: {
        $type: 'app.bsky.feed.post',
        text,
        createdAt: new Date(Math.floor(timeUs / 1000)).toISOString(),
        langs: ['fr'],
        ...extra,
      },
    },
  };
}

export async function startJetstreamServer(script: JetstreamScript): Promise<FakeJetstreamServer> {
  const events = [...script.events].sort((a, b) => a.time_us - b.time_us);
  const connections: JetstreamConnection[] = [];
  const sockets = new Set<WebSocket>();
  const accepted = new EventEmitter();
  let acceptedCount = 0;
  const listening = await listenOnLoopback((_request, response) => {
    response.writeHead(426).end('Upgrade Required');
  });
  const wss = new WebSocketServer({ noServer: true });

  listening.server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/subscribe') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const cursorParam = url.searchParams.get('cursor');
    const connection: JetstreamConnection = {
      cursor: cursorParam === null ? null : Number(cursorParam),
      wantedCollections: url.searchParams.getAll('wantedCollections'),
      wantedDids: url.searchParams.getAll('wantedDids'),
    };
    const index = connections.length;
    connections.push(connection);
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      acceptedCount += 1;
      accepted.emit('connection');
      const selected = events.filter(
        (event) =>
          (connection.cursor === null || event.time_us >= connection.cursor) &&
          (connection.wantedDids.length === 0 || connection.wantedDids.includes(event.did)) &&
          (event.kind !== 'commit' ||
            connection.wantedCollections.length === 0 ||
            connection.wantedCollections.includes(event.commit?.collection ?? '')),
      );
      const limit = script.dropAfter?.[index];
      const toSend = limit === undefined ? selected : selected.slice(0, limit);
      toSend.forEach((event, position) => {
        const isLast = position === toSend.length - 1;
        // Cut only after the last frame was written, so the client really saw `limit` events.
        ws.send(JSON.stringify(event), () => {
          if (isLast && limit !== undefined) ws.terminate();
        });
      });
      if (toSend.length === 0 && limit !== undefined) ws.terminate();
    });
  });

  return {
    url: `${listening.origin.replace('http://', 'ws://')}/subscribe`,
    connections,
    async waitForConnections(count) {
      while (acceptedCount < count) await once(accepted, 'connection');
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      await listening.close();
    },
  };
}
