import type { ServerResponse } from 'node:http';
import { listenOnLoopback, sendJson, sendScripted } from './listen';
import { asWebRequest, PublishFaults, readBody, type RouteScript } from './publish-faults';

/** A status this server stored for the account. */
export interface StoredStatus {
  id: string;
  created_at: string;
  content: string;
  url: string;
  uri: string;
  visibility: string;
  language: string | null;
  spoiler_text: string;
  in_reply_to_id: string | null;
  media_ids: string[];
  idempotencyKey: string | null;
}

export interface StoredMedia {
  id: string;
  description: string | null;
  mimeType: string;
  size: number;
  /** Polls of GET /api/v1/media/:id left before it is processed. */
  pollsLeft: number;
}

export interface MastodonPublishServerOptions {
  /** The account's bearer token; every other one answers 401. */
  token?: string;
  /** The clock that ages Idempotency-Keys (kept 1 hour) and dates statuses. */
  now?: () => number;
  /** Media answers 202 and needs this many polls before its url is set (0: 200 at once). */
  mediaPolls?: number;
  /** Status posts allowed per window (Mastodon: 300 per 5 minutes). */
  rateLimit?: { limit: number; windowMs: number };
  instance?: { maxCharacters?: number; maxMediaAttachments?: number; charactersPerUrl?: number };
}

export interface FakeMastodonPublishServer {
  origin: string;
  token: string;
  accountId: string;
  /** The account's statuses, newest first. */
  statuses: StoredStatus[];
  media: Map<string, StoredMedia>;
  /** "METHOD /path?query" of each request, in order, and the Idempotency-Key it carried. */
  requests: { route: string; idempotencyKey: string | null }[];
  /** Statuses created per Idempotency-Key: a test asserts exactly one per entry. */
  postsPerKey(key: string): number;
  /** A remote status that `/api/v2/search?resolve=true` finds by URL, with its local id. */
  addSearchable(url: string, localId: string): void;
  /** Adds a status to the account as if posted elsewhere (another app, by hand). */
  addOwnStatus(fields: Partial<StoredStatus> & { content: string }): StoredStatus;
  scriptNext(...responses: RouteScript[]): void;
  /** The next request on the route (all routes when omitted) is never answered. */
  stallNext(route?: string): void;
  /** The next `count` status posts are stored, then the socket is destroyed unanswered. */
  dropAfterCommit(count?: number): void;
  close(): Promise<void>;
}

const hour = 60 * 60 * 1000;

/**
 * The Mastodon REST subset a publishing client uses, on 127.0.0.1: verify_credentials,
 * v2/instance, statuses (POST with Mastodon's Idempotency-Key semantics: per account, kept
 * one hour, the FIRST status is answered even when the body differs; GET the account's
 * statuses; DELETE), media v2 with asynchronous processing, search with resolve, and
 * X-RateLimit-* headers on status posts.
 */
export async function startMastodonPublishServer(
  options: MastodonPublishServerOptions = {},
): Promise<FakeMastodonPublishServer> {
  const token = options.token ?? 'token-ana';
  const now = options.now ?? Date.now;
  const rate = options.rateLimit ?? { limit: 300, windowMs: 5 * 60_000 };
  const faults = new PublishFaults();
  const statuses: StoredStatus[] = [];
  const media = new Map<string, StoredMedia>();
  const keys = new Map<string, { statusId: string; at: number }>();
  const postsByKey = new Map<string, number>();
  const searchable = new Map<string, string>();
  const requests: FakeMastodonPublishServer['requests'] = [];
  let nextId = 110_000_000_000_000_000n;
  let window = { startedAt: now(), used: 0 };
  let origin = '';

  const newId = (): string => String((nextId += 1n));
  const store = (fields: Partial<StoredStatus> & { content: string }): StoredStatus => {
    const id = fields.id ?? newId();
    const status: StoredStatus = {
      id,
      created_at: new Date(now()).toISOString(),
      url: `${origin}/@ana/${id}`,
      uri: `${origin}/users/ana/statuses/${id}`,
      visibility: 'public',
      language: null,
      spoiler_text: '',
      in_reply_to_id: null,
      media_ids: [],
      idempotencyKey: null,
      ...fields,
    };
    statuses.unshift(status);
    return status;
  };
  const rateHeaders = (): Record<string, string> => ({
    'x-ratelimit-limit': String(rate.limit),
    'x-ratelimit-remaining': String(Math.max(0, rate.limit - window.used)),
    'x-ratelimit-reset': new Date(window.startedAt + rate.windowMs).toISOString(),
  });
  const fail = (response: ServerResponse, status: number, error: string, headers: Record<string, string> = {}) =>
    sendScripted(response, { status, headers, body: JSON.stringify({ error }) });

  async function postStatus(request: Parameters<typeof asWebRequest>[0], response: ServerResponse, key: string | null) {
    if (now() - window.startedAt >= rate.windowMs) window = { startedAt: now(), used: 0 };
    if (window.used >= rate.limit) return fail(response, 429, 'Too many requests', rateHeaders());
    const body = (await asWebRequest(request, await readBody(request)).json()) as Record<string, unknown>;
    const kept = key === null ? undefined : keys.get(key);
    if (kept && now() - kept.at < hour) {
      const first = statuses.find((status) => status.id === kept.statusId);
      if (first) return sendJson(response, first, rateHeaders());
    }
    const text = typeof body.status === 'string' ? body.status : '';
    const mediaIds = Array.isArray(body.media_ids) ? body.media_ids.map(String) : [];
    const limit = options.instance?.maxCharacters ?? 500;
    if (!text && mediaIds.length === 0) return fail(response, 422, "Validation failed: Text can't be blank");
    if ([...new Intl.Segmenter().segment(text)].length > limit) {
      return fail(response, 422, `Validation failed: Text character limit of ${limit} exceeded`);
    }
    if (mediaIds.some((id) => !media.has(id))) return fail(response, 422, 'Validation failed: Media not found');
    window.used += 1;
    const status = store({
      content: text
        .split(/\n{2,}/)
        .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br />')}</p>`)
        .join(''),
      visibility: typeof body.visibility === 'string' ? body.visibility : 'public',
      language: typeof body.language === 'string' ? body.language : null,
      spoiler_text: typeof body.spoiler_text === 'string' ? body.spoiler_text : '',
      in_reply_to_id: typeof body.in_reply_to_id === 'string' ? body.in_reply_to_id : null,
      media_ids: mediaIds,
      idempotencyKey: key,
    });
    if (key !== null) {
      keys.set(key, { statusId: status.id, at: now() });
      postsByKey.set(key, (postsByKey.get(key) ?? 0) + 1);
    }
    if (faults.dropThisAnswer(request)) return;
    sendJson(response, status, rateHeaders());
  }

  async function postMedia(request: Parameters<typeof asWebRequest>[0], response: ServerResponse) {
    const form = await asWebRequest(request, await readBody(request)).formData();
    const file = form.get('file');
    if (!(file instanceof Blob)) return fail(response, 422, 'Validation failed: File is missing');
    if (!file.type.startsWith('image/')) return fail(response, 422, 'Validation failed: File has an unsupported type');
    const description = form.get('description');
    const item: StoredMedia = {
      id: newId(),
      description: typeof description === 'string' ? description : null,
      mimeType: file.type,
      size: file.size,
      pollsLeft: options.mediaPolls ?? 0,
    };
    media.set(item.id, item);
    const processed = item.pollsLeft === 0;
    response.writeHead(processed ? 200 : 202, { 'content-type': 'application/json' });
    response.end(JSON.stringify(mediaJson(item, processed)));
  }

  const mediaJson = (item: StoredMedia, processed: boolean) => ({
    id: item.id,
    type: 'image',
    url: processed ? `${origin}/media/${item.id}` : null,
    description: item.description,
  });

  const listening = await listenOnLoopback((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const route = `${request.method ?? 'GET'} ${url.pathname}`;
    const key = typeof request.headers['idempotency-key'] === 'string' ? request.headers['idempotency-key'] : null;
    requests.push({ route: `${route}${url.search}`, idempotencyKey: key });
    if (faults.intercept(route, response)) return;
    if (request.headers.authorization !== `Bearer ${token}`) {
      return fail(response, 401, 'The access token is invalid');
    }
    const handled = route.match(/^(GET|POST|DELETE) \/api\/(v1|v2)\/(.*)$/);
    const [, method, , rest = ''] = handled ?? [];
    if (method === 'GET' && rest === 'accounts/verify_credentials') {
      return sendJson(response, {
        id: '42',
        username: 'ana',
        acct: 'ana',
        display_name: 'Ana Example',
        avatar: `${origin}/avatars/ana.png`,
      });
    }
    if (method === 'GET' && rest === 'instance') {
      return sendJson(response, {
        domain: '127.0.0.1',
        configuration: {
          statuses: {
            max_characters: options.instance?.maxCharacters ?? 500,
            max_media_attachments: options.instance?.maxMediaAttachments ?? 4,
            characters_reserved_per_url: options.instance?.charactersPerUrl ?? 23,
          },
          media_attachments: { image_size_limit: 16_777_216 },
        },
      });
    }
    if (method === 'POST' && rest === 'statuses') return void postStatus(request, response, key);
    if (method === 'POST' && rest === 'media') return void postMedia(request, response);
    const mediaMatch = /^media\/(\d+)$/.exec(rest);
    if (method === 'GET' && mediaMatch?.[1]) {
      const item = media.get(mediaMatch[1]);
      if (!item) return fail(response, 404, 'Record not found');
      if (item.pollsLeft > 0) item.pollsLeft -= 1;
      const processed = item.pollsLeft === 0;
      response.writeHead(processed ? 200 : 206, { 'content-type': 'application/json' });
      return response.end(JSON.stringify(mediaJson(item, processed)));
    }
    if (method === 'GET' && rest === 'accounts/42/statuses') {
      const limit = Math.min(40, Number(url.searchParams.get('limit') ?? 20));
      const maxId = url.searchParams.get('max_id');
      const older = maxId === null ? statuses : statuses.filter((s) => BigInt(s.id) < BigInt(maxId));
      return sendJson(response, older.slice(0, limit));
    }
    const statusMatch = /^statuses\/(\d+)$/.exec(rest);
    if (method === 'DELETE' && statusMatch?.[1]) {
      const index = statuses.findIndex((s) => s.id === statusMatch[1]);
      if (index < 0) return fail(response, 404, 'Record not found');
      const [deleted] = statuses.splice(index, 1);
      return sendJson(response, { ...deleted, text: '' });
    }
    if (method === 'GET' && rest === 'search' && url.searchParams.get('resolve') === 'true') {
      const id = searchable.get(url.searchParams.get('q') ?? '');
      return sendJson(response, { accounts: [], hashtags: [], statuses: id ? [{ id, content: '' }] : [] });
    }
    fail(response, 404, 'Record not found');
  });
  origin = listening.origin;

  return {
    origin,
    token,
    accountId: '42',
    statuses,
    media,
    requests,
    postsPerKey: (key) => postsByKey.get(key) ?? 0,
    addSearchable: (url, localId) => void searchable.set(url, localId),
    addOwnStatus: (fields) => store(fields),
    scriptNext: (...responses) => faults.scriptNext(...responses),
    stallNext: (route) => faults.stallNext(route),
    dropAfterCommit: (count) => faults.dropAfterCommit(count),
    close: async () => {
      faults.releaseHeld();
      await listening.close();
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
