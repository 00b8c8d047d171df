import { listenOnLoopback, sendJson, sendScripted, type ScriptedResponse } from './listen';

export interface FakeBlueskyServer {
  origin: string;
  /** Paths (with query) of requests, and the bearer token each carried. */
  requests: { path: string; authorization: string | null }[];
  logins: number;
  /** Posts (PostView JSON) answered by searchPosts, newest first. */
  posts: unknown[];
  /** Tokens the server accepts; expiring one makes searches with it answer 400 ExpiredToken. */
  expireTokens(): void;
  scriptNext(...responses: ScriptedResponse[]): void;
  close(): Promise<void>;
}

export function makePostView(did: string, rkey: string, text: string, extra: Record<string, unknown> = {}): unknown {
  return {
    uri: `at://${did}/app.bsky.feed.post/${rkey}`,
    cid: `bafy${rkey}`,
    author: { did, handle: 'ana.bsky.social', displayName: 'Ana' },
    record: { $type: 'app.bsky.feed.post', text, createdAt: '2025-06-01T20:00:00.000Z', langs: ['en'] },
    replyCount: 1,
    repostCount: 2,
    quoteCount: 1,
    likeCount: 5,
    indexedAt: '2025-06-01T20:00:01.000Z',
    ...extra,
  };
}

/** Speaks com.atproto.server.createSession and app.bsky.feed.searchPosts (cursor = offset). */
export async function startBlueskyServer(account: {
  identifier: string;
  password: string;
}): Promise<FakeBlueskyServer> {
  const scripted: ScriptedResponse[] = [];
  let tokenGeneration = 0;
  const state: FakeBlueskyServer = {
    origin: '',
    requests: [],
    logins: 0,
    posts: [],
    expireTokens: () => {
      tokenGeneration += 1;
    },
    scriptNext: (...responses) => {
      scripted.push(...responses);
    },
    close: async () => undefined,
  };
  const listening = await listenOnLoopback((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    state.requests.push({ path: `${url.pathname}${url.search}`, authorization: request.headers.authorization ?? null });
    if (url.pathname === '/xrpc/com.atproto.server.createSession' && request.method === 'POST') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const credentials = JSON.parse(body) as { identifier?: string; password?: string };
        if (credentials.identifier !== account.identifier || credentials.password !== account.password) {
          return sendScripted(response, {
            status: 401,
            body: '{"error":"AuthenticationRequired","message":"Invalid identifier or password"}',
          });
        }
        state.logins += 1;
        sendJson(response, {
          accessJwt: `jwt-${tokenGeneration}`,
          refreshJwt: 'refresh',
          did: 'did:plc:me',
          handle: account.identifier,
        });
      });
      return;
    }
    const next = scripted.shift();
    if (next) return sendScripted(response, next);
    if (url.pathname !== '/xrpc/app.bsky.feed.searchPosts') return sendScripted(response, { status: 404, body: '{}' });
    if (request.headers.authorization !== `Bearer jwt-${tokenGeneration}`) {
      return sendScripted(response, { status: 400, body: '{"error":"ExpiredToken","message":"Token has expired"}' });
    }
    const limit = Number(url.searchParams.get('limit') ?? 25);
    const offset = Number(url.searchParams.get('cursor') ?? 0);
    const page = state.posts.slice(offset, offset + limit);
    const nextOffset = offset + page.length;
    sendJson(response, { posts: page, ...(nextOffset < state.posts.length ? { cursor: String(nextOffset) } : {}) });
  });
  state.origin = listening.origin;
  state.close = () => listening.close();
  return state;
}
