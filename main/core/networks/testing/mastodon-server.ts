import { EventEmitter, once } from 'node:events';
import { WebSocketServer, type WebSocket } from 'ws';
import { listenOnLoopback, sendJson, sendScripted, type ScriptedResponse } from './listen';

/** A status as a Mastodon server serializes it; tests build them with `makeStatus`. */
export interface FakeStatus {
  id: string;
  created_at: string;
  content: string;
  [field: string]: unknown;
}

export interface FakeMastodonServer {
  /** http://127.0.0.1:PORT — pass as `instance`. */
  origin: string;
  /** Paths (with query) of REST requests received, in order. */
  requests: string[];
  /** Stores a status under a tag and pushes it to live stream subscribers of that tag. */
  addStatus(tag: string, status: FakeStatus, options?: { stream?: boolean }): void;
  /** The next REST answers are these instead of the timeline (429, 500, broken JSON…). */
  scriptNext(...responses: ScriptedResponse[]): void;
  /** Ends every open streaming connection abruptly, like a proxy restart. */
  dropStreams(): void;
  /** While true, streaming handshakes are refused with 503. */
  refuseStreams(refuse: boolean): void;
  /** Resolves when a connection subscribes to the tag (counting from the start). */
  waitForSubscription(tag: string, nth?: number): Promise<void>;
  /** Access tokens seen on streaming connections. */
  streamTokens: (string | null)[];
  close(): Promise<void>;
}

export function makeStatus(id: string, fields: Partial<FakeStatus> = {}): FakeStatus {
  return {
    id,
    uri: `https://remote.example/users/ana/statuses/${id}`,
    url: `https://remote.example/@ana/${id}`,
    created_at: new Date(Date.UTC(2025, 5, 1, 20, 0, Number(id) % 60)).toISOString(),
    content: `<p>Post ${id} about <a href="https://remote.example/tags/final" class="mention hashtag" rel="tag">#<span>final</span></a></p>`,
    spoiler_text: '',
    language: 'fr',
    replies_count: 1,
    reblogs_count: 2,
    favourites_count: 3,
    reblog: null,
    account: { id: '1', username: 'ana', acct: 'ana', display_name: 'Ana', url: 'https://remote.example/@ana' },
    media_attachments: [],
    ...fields,
  };
}

const byIdDescending = (a: FakeStatus, b: FakeStatus): number =>
  a.id.length !== b.id.length ? b.id.length - a.id.length : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
const idGreater = (a: string, b: string): boolean => (a.length !== b.length ? a.length > b.length : a > b);

export async function startMastodonServer(): Promise<FakeMastodonServer> {
  const timelines = new Map<string, FakeStatus[]>();
  const scripted: ScriptedResponse[] = [];
  const requests: string[] = [];
  const subscriptions = new Map<WebSocket, Set<string>>();
  const subscriptionCounts = new Map<string, number>();
  const subscribed = new EventEmitter();
  const streamTokens: (string | null)[] = [];
  let refusing = false;

  const listening = await listenOnLoopback((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    requests.push(`${url.pathname}${url.search}`);
    const next = scripted.shift();
    if (next) return sendScripted(response, next);
    const match = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(url.pathname);
    if (!match?.[1]) return sendScripted(response, { status: 404, body: '{"error":"Record not found"}' });
    const tag = decodeURIComponent(match[1]).toLowerCase();
    const limit = Math.min(40, Number(url.searchParams.get('limit') ?? 20));
    const minId = url.searchParams.get('min_id');
    const all = timelines.get(tag) ?? [];
    // min_id answers the statuses immediately after the cursor (oldest first), sent newest first.
    const page =
      minId === null ? all.slice(0, limit) : all.filter((status) => idGreater(status.id, minId)).slice(-limit);
    sendJson(response, page);
  });

  const wss = new WebSocketServer({ noServer: true });
  listening.server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/api/v1/streaming' || refusing) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    streamTokens.push(url.searchParams.get('access_token'));
    wss.handleUpgrade(request, socket, head, (ws) => {
      subscriptions.set(ws, new Set());
      ws.on('close', () => subscriptions.delete(ws));
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type?: string; stream?: string; tag?: string };
        if (message.stream !== 'hashtag' || typeof message.tag !== 'string') return;
        const tag = message.tag.toLowerCase();
        if (message.type === 'subscribe') {
          subscriptions.get(ws)?.add(tag);
          subscriptionCounts.set(tag, (subscriptionCounts.get(tag) ?? 0) + 1);
          subscribed.emit('subscribed', tag);
        } else if (message.type === 'unsubscribe') subscriptions.get(ws)?.delete(tag);
      });
    });
  });

  return {
    origin: listening.origin,
    requests,
    streamTokens,
    addStatus(tag, status, options = {}) {
      const key = tag.toLowerCase();
      const list = timelines.get(key) ?? [];
      list.push(status);
      list.sort(byIdDescending);
      timelines.set(key, list);
      if (options.stream === false) return;
      const frame = JSON.stringify({ stream: ['hashtag', key], event: 'update', payload: JSON.stringify(status) });
      for (const [ws, tags] of subscriptions) if (tags.has(key)) ws.send(frame);
    },
    scriptNext(...responses) {
      scripted.push(...responses);
    },
    dropStreams() {
      for (const ws of subscriptions.keys()) ws.terminate();
    },
    refuseStreams(refuse) {
      refusing = refuse;
    },
    async waitForSubscription(tag, nth = 1) {
      const key = tag.toLowerCase();
      while ((subscriptionCounts.get(key) ?? 0) < nth) await once(subscribed, 'subscribed');
    },
    async close() {
      for (const ws of subscriptions.keys()) ws.terminate();
      wss.close();
      await listening.close();
    },
  };
}
