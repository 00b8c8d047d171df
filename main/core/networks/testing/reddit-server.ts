import { listenOnLoopback, sendJson, sendScripted, type ScriptedResponse } from './listen';

export interface FakeRedditPost {
  name: string;
  subreddit: string;
  title: string;
  created_utc: number;
  [field: string]: unknown;
}

export interface FakeRedditServer {
  origin: string;
  /** Paths with query and the User-Agent of each request. */
  requests: { path: string; userAgent: string | null }[];
  /** Newest first, like a listing. */
  posts: FakeRedditPost[];
  /** Requests left in the window; each request spends one, as Reddit counts them. */
  rateLimit: { remaining: number; resetSeconds: number };
  scriptNext(...responses: ScriptedResponse[]): void;
  close(): Promise<void>;
}

export function makeRedditPost(id: string, subreddit: string, fields: Partial<FakeRedditPost> = {}): FakeRedditPost {
  return {
    name: `t3_${id}`,
    id,
    subreddit,
    title: `Post ${id}`,
    selftext: `Body of ${id}`,
    selftext_html: `<!-- SC_OFF --><div class="md"><p>Body of <em>${id}</em></p></div><!-- SC_ON -->`,
    author: 'someone',
    permalink: `/r/${subreddit}/comments/${id}/post_${id}/`,
    url_overridden_by_dest: null,
    created_utc: 1_750_000_000 + (Number.parseInt(id, 36) % 1000),
    score: 10,
    num_comments: 4,
    num_crossposts: 0,
    thumbnail: 'self',
    ...fields,
  };
}

/** Serves /r/{sub}/new.json, /r/{sub}/search.json and /search.json with Reddit's rate-limit headers. */
export async function startRedditServer(): Promise<FakeRedditServer> {
  const scripted: ScriptedResponse[] = [];
  const state: FakeRedditServer = {
    origin: '',
    requests: [],
    posts: [],
    rateLimit: { remaining: 100, resetSeconds: 300 },
    scriptNext: (...responses) => {
      scripted.push(...responses);
    },
    close: async () => undefined,
  };
  const listening = await listenOnLoopback((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    state.requests.push({ path: `${url.pathname}${url.search}`, userAgent: request.headers['user-agent'] ?? null });
    state.rateLimit.remaining = Math.max(0, state.rateLimit.remaining - 1);
    const headers = {
      'x-ratelimit-used': String(100 - state.rateLimit.remaining),
      'x-ratelimit-remaining': state.rateLimit.remaining.toFixed(1),
      'x-ratelimit-reset': String(state.rateLimit.resetSeconds),
    };
    const next = scripted.shift();
    if (next) return sendScripted(response, { ...next, headers: { ...headers, ...next.headers } });
    const match = /^(?:\/r\/([^/]+))?\/(new|search)\.json$/.exec(url.pathname);
    if (!match) return sendScripted(response, { status: 404, body: '{"message":"Not Found","error":404}' });
    const subreddits = match[1]?.toLowerCase().split('+') ?? null;
    const query = url.searchParams.get('q')?.toLowerCase() ?? null;
    let matching = state.posts.filter(
      (post) => subreddits === null || subreddits.includes(post.subreddit.toLowerCase()),
    );
    if (match[2] === 'search') {
      matching = matching.filter(
        (post) => query !== null && `${post.title} ${String(post.selftext ?? '')}`.toLowerCase().includes(query),
      );
    }
    const after = url.searchParams.get('after');
    const startAt = after === null ? 0 : matching.findIndex((post) => post.name === after) + 1;
    const limit = Number(url.searchParams.get('limit') ?? 25);
    const page = matching.slice(startAt, startAt + limit);
    const more = startAt + limit < matching.length;
    sendJson(
      response,
      {
        kind: 'Listing',
        data: {
          after: more ? (page.at(-1)?.name ?? null) : null,
          before: null,
          dist: page.length,
          children: page.map((data) => ({ kind: 't3', data })),
        },
      },
      headers,
    );
  });
  state.origin = listening.origin;
  state.close = () => listening.close();
  return state;
}
